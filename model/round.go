package model

// Rounds of estimates: round 1 is sealed at the reveal; a second, private
// round may follow the discussion.

import (
	"fmt"

	"github.com/google/uuid"
)

// Round1Sealed reports whether the outcome seals its objective's first
// round: it is live and was revealed at least once. A reveal can be hidden
// again, but what the room saw cannot be unseen, so the seal stays.
func Round1Sealed(o Outcome) bool { return !o.Deleted && (o.Sealed || o.Revealed) }

// SealedObjectives returns the objectives of d whose first round is sealed.
func SealedObjectives(d Dataset) map[uuid.UUID]bool {
	out := map[uuid.UUID]bool{}
	for _, sd := range d.Sprints {
		for _, o := range sd.Outcomes {
			if Round1Sealed(o) {
				out[o.ObjectiveID] = true
			}
		}
	}
	return out
}

// KeepSeal returns o as it may be saved over old (nil when o is the
// objective's first outcome): a reveal seals round 1, and nothing unseals
// it; an opened or revealed second round stays so, whatever stale copy a
// screen saves.
func KeepSeal(old *Outcome, o Outcome) Outcome {
	if o.Revealed || (old != nil && Round1Sealed(*old)) {
		o.Sealed = true
	}
	if old != nil {
		o.Round2Open = o.Round2Open || old.Round2Open
		o.Round2Revealed = o.Round2Revealed || old.Round2Revealed
	}
	return o
}

// SealedError refuses a change to an estimate of a round that is closed:
// round 1 after its reveal, round 2 before it opens or after its reveal.
type SealedError struct {
	// Objective is the objective's title.
	Objective string
	// Round is 1 or 2.
	Round int
	// NotOpen: round 2 was never opened.
	NotOpen bool
}

// Error says why the estimate cannot change.
func (e *SealedError) Error() string {
	switch {
	case e.Round == 1:
		return fmt.Sprintf("round 1 is sealed since %q was revealed: the estimates the room saw stay as they were", e.Objective)
	case e.NotOpen:
		return fmt.Sprintf("round 2 on %q is not open: the facilitator opens it after the discussion", e.Objective)
	}
	return fmt.Sprintf("round 2 is sealed since %q's second round was revealed", e.Objective)
}

// outcomeOf returns the live outcome of objective id among outcomes.
func outcomeOf(outcomes []Outcome, id uuid.UUID) (Outcome, bool) {
	for _, oc := range outcomes {
		if oc.ObjectiveID == id && !oc.Deleted {
			return oc, true
		}
	}
	return Outcome{}, false
}

// CheckEstimateChange returns a *SealedError when saving, changing or
// withdrawing an estimate of objective o in round 1 (round2 false) or
// round 2 would change a round that is closed: round 1 once revealed,
// round 2 unless it is open and not yet revealed. outcomes are the
// sprint's outcomes as stored.
func CheckEstimateChange(outcomes []Outcome, o Objective, round2 bool) error {
	oc, _ := outcomeOf(outcomes, o.ID)
	switch {
	case !round2 && Round1Sealed(oc):
		return &SealedError{Objective: o.Title, Round: 1}
	case round2 && !oc.Round2Open:
		return &SealedError{Objective: o.Title, Round: 2, NotOpen: true}
	case round2 && oc.Round2Revealed:
		return &SealedError{Objective: o.Title, Round: 2}
	}
	return nil
}

// CheckSeal returns every change in write (merge.Result.Write) that would
// change a sealed first round of local: an estimate of a sealed objective
// added, edited or withdrawn, or the seal itself lifted (the sealing
// outcome deleted or replaced by one never revealed), or a second round
// closed or un-revealed (an open or revealed round 2 replaced by an outcome
// where it was not; see checkRound2Kept). An import refuses a
// bundle with any of them, whoever wrote it; the bundle's other changes
// are refused with it, so that it can be exported again from a machine
// that has seen the reveal. Nothing is moved into a second round: a
// first-round estimate changed after the reveal was made by someone who
// had not seen it, and is not a considered second estimate.
func CheckSeal(local, write Dataset) []Refusal {
	sealed, round2 := SealedObjectives(local), round2States(local)
	if len(sealed) == 0 && len(round2) == 0 {
		return nil
	}
	n := newAuthNames(local, write)
	loc := map[uuid.UUID]Assessment{}
	for _, sd := range local.Sprints {
		for _, a := range sd.Assessments {
			loc[a.ID] = a
		}
	}
	var out []Refusal
	for _, sd := range write.Sprints {
		for _, a := range sd.Assessments {
			if !sealed[a.ObjectiveID] {
				continue
			}
			l, ok := loc[a.ID]
			if ok && SameVersion(l, a) {
				continue
			}
			out = append(out, Refusal{Record: "assessment", ID: a.ID, Msg: fmt.Sprintf(
				"round 1 on %q is sealed since its reveal: the bundle would %s %s's estimate",
				n.objective(a.ObjectiveID), sealVerb(ok, l, a), n.member(a.MemberID))})
		}
	}
	applied := ApplyToDataset(local, write)
	after := SealedObjectives(applied)
	for _, sd := range local.Sprints {
		for _, o := range sd.Objectives {
			if sealed[o.ID] && !after[o.ID] {
				out = append(out, Refusal{Record: "outcome", ID: o.ID, Msg: fmt.Sprintf(
					"round 1 on %q is sealed since its reveal: the bundle would lift the seal (its outcome was never revealed where it was written)",
					n.objective(o.ID))})
			}
		}
	}
	return append(out, checkRound2Kept(local, round2, applied, n)...)
}

// sealVerb names what an incoming estimate version does to the local one.
func sealVerb(exists bool, l, a Assessment) string {
	switch {
	case !exists:
		return "add"
	case a.Deleted && !l.Deleted:
		return "withdraw"
	case a.Progress != l.Progress || a.Abstain != l.Abstain:
		if a.Abstain {
			return fmt.Sprintf("change (%d%% → abstain)", l.Progress)
		}
		return fmt.Sprintf("change (%d%% → %d%%)", l.Progress, a.Progress)
	}
	return "change"
}

// SplitRounds returns the first-round and the second-round estimates of as,
// each in the order of as.
func SplitRounds(as []Assessment) (round1, round2 []Assessment) {
	for _, a := range as {
		if a.Round2 {
			round2 = append(round2, a)
		} else {
			round1 = append(round1, a)
		}
	}
	return round1, round2
}
