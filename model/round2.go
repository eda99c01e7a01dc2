package model

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/google/uuid"
)

// Move is one member's estimate of an objective in both rounds.
type Move struct {
	MemberID uuid.UUID
	Handle   string
	// From is the round-1 progress and To the round-2 one; HasFrom and
	// HasTo are false where the member gave none (or abstained). A member
	// who gave no second estimate keeps the first: To is From.
	From, To       int
	HasFrom, HasTo bool
	// Revised: the member saved a second-round estimate (even the same
	// value).
	Revised bool
}

// Moved reports whether the member's value changed between the rounds.
func (m Move) Moved() bool { return m.HasFrom != m.HasTo || m.From != m.To }

// Round2Stats compares an objective's second round with its first.
type Round2Stats struct {
	// Round1 is the analysis of the first round; Round2 of the second,
	// where a member who gave no second estimate keeps the first.
	Round1, Round2 ObjectiveStats
	// Moves lists every member with an estimate in either round, by handle.
	Moves []Move
	// Moved counts the members whose value changed; Of the members with a
	// first-round estimate; Revised those who saved a second one.
	Moved, Of, Revised int
}

// AnalyzeRound2 returns the second round of objective o in sd against its
// first. The second round's figures stand on Round2Estimates.
func AnalyzeRound2(o Objective, sd SprintData, members map[uuid.UUID]Member, s Settings) Round2Stats {
	r := Round2Stats{
		Round1: AnalyzeObjective(o, sd.Assessments, sd.Stories, members, s),
		Round2: AnalyzeObjective(o, Round2Estimates(o.ID, sd, members), sd.Stories, members, s),
	}
	byMember := map[uuid.UUID]*Move{}
	get := func(id uuid.UUID) *Move {
		if byMember[id] == nil {
			byMember[id] = &Move{MemberID: id, Handle: handleOf(members, id)}
		}
		return byMember[id]
	}
	for _, e := range r.Round1.Estimates {
		m := get(e.MemberID)
		m.From, m.HasFrom = e.Progress, true
		r.Of++
	}
	for _, e := range r.Round2.Estimates {
		m := get(e.MemberID)
		m.To, m.HasTo = e.Progress, true
	}
	for _, a := range latestByMember(o.ID, sd.Round2, members) {
		get(a.MemberID).Revised = true
		r.Revised++
	}
	for _, m := range byMember {
		if !m.HasFrom && !m.HasTo {
			continue
		}
		if m.Moved() {
			r.Moved++
		}
		r.Moves = append(r.Moves, *m)
	}
	slices.SortFunc(r.Moves, func(a, b Move) int {
		return cmp.Or(cmp.Compare(a.Handle, b.Handle), compareIDs(a.MemberID, b.MemberID))
	})
	return r
}

// Round2Estimates returns the estimates the second round of objective id
// stands on: each member's second-round estimate, or their first where they
// gave no second (not re-estimating is keeping one's estimate).
func Round2Estimates(id uuid.UUID, sd SprintData, members map[uuid.UUID]Member) []Assessment {
	second := latestByMember(id, sd.Round2, members)
	has := map[uuid.UUID]bool{}
	for _, a := range second {
		has[a.MemberID] = true
	}
	out := second
	for _, a := range latestByMember(id, sd.Assessments, members) {
		if !has[a.MemberID] {
			out = append(out, a)
		}
	}
	return out
}

// EstimateRound2 reports whether a member's estimate of objective id goes
// into round 2 now: the facilitator opened it and has not revealed it.
func EstimateRound2(outcomes []Outcome, id uuid.UUID) bool {
	oc, _ := outcomeOf(outcomes, id)
	return oc.Round2Open && !oc.Round2Revealed
}

// OpenRound2 returns o with a second round opened, or an error saying why
// it cannot be: round 1 must be revealed first, and a round opens once.
func OpenRound2(o Outcome, title string) (Outcome, error) {
	switch {
	case !Round1Sealed(o):
		return o, &RoundError{Msg: "reveal round 1 of " + quote(title) + " first: the second round follows the discussion of the first"}
	case o.Round2Open:
		return o, &RoundError{Msg: "round 2 of " + quote(title) + " is already open"}
	}
	o.Round2Open = true
	return o, nil
}

// RevealRound2 returns o with its second round revealed, or an error
// saying why it cannot be.
func RevealRound2(o Outcome, title string) (Outcome, error) {
	switch {
	case !o.Round2Open:
		return o, &RoundError{Msg: "round 2 of " + quote(title) + " is not open: open it first"}
	case o.Round2Revealed:
		return o, &RoundError{Msg: "round 2 of " + quote(title) + " is already revealed"}
	}
	o.Round2Revealed = true
	return o, nil
}

// RoundError says why a round cannot open or be revealed.
type RoundError struct{ Msg string }

// Error returns the sentence.
func (e *RoundError) Error() string { return e.Msg }

// AgreedDefault is the value the Review offers for an objective's agreed
// progress: the second round's median once it is revealed, else the
// first's; false when there is no estimate to take it from.
func AgreedDefault(o Outcome, r Round2Stats) (float64, bool) {
	if o.Round2Revealed && r.Round2.Responses > 0 {
		return r.Round2.Median, true
	}
	if r.Round1.Responses > 0 {
		return r.Round1.Median, true
	}
	return 0, false
}

func quote(s string) string { return "\"" + Truncate(s, 60) + "\"" }

// analyzeRounds returns the second rounds of objs that are open.
func analyzeRounds(d SprintData, objs []Objective, outcomes map[uuid.UUID]Outcome, members map[uuid.UUID]Member, s Settings) map[uuid.UUID]Round2Stats {
	var out map[uuid.UUID]Round2Stats
	for _, o := range objs {
		if !outcomes[o.ID].Round2Open {
			continue
		}
		if out == nil {
			out = map[uuid.UUID]Round2Stats{}
		}
		out[o.ID] = AnalyzeRound2(o, d, members, s)
	}
	return out
}

// Summary reads "spread 75 → 30, 2 of 4 moved" once round 2 is revealed,
// and "round 2 open: 3 of 4 re-estimated" before.
func (r Round2Stats) Summary(revealed bool) string {
	if !revealed {
		return fmt.Sprintf("round 2 open: %d of %d re-estimated", r.Revised, r.Of)
	}
	return fmt.Sprintf("spread %d → %d, %d of %d moved", r.Round1.Spread, r.Round2.Spread, r.Moved, r.Of)
}

// MovesText lists the members whose value changed, "ana 20→40, dee 95→70",
// "–" standing for no estimate (an abstention).
func (r Round2Stats) MovesText() string {
	var parts []string
	for _, m := range r.Moves {
		if !m.Moved() {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s %s→%s", m.Handle, moveValue(m.From, m.HasFrom), moveValue(m.To, m.HasTo)))
	}
	return strings.Join(parts, ", ")
}

func moveValue(v int, ok bool) string {
	if !ok {
		return "–"
	}
	return strconv.Itoa(v)
}

// CurrentEstimates returns the estimates members edit now: of each
// objective whose second round is open (and not revealed), the round-2
// ones; of every other, the round-1 ones.
func CurrentEstimates(sd SprintData) []Assessment {
	var out []Assessment
	for _, a := range sd.Assessments {
		if !EstimateRound2(sd.Outcomes, a.ObjectiveID) {
			out = append(out, a)
		}
	}
	for _, a := range sd.Round2 {
		if EstimateRound2(sd.Outcomes, a.ObjectiveID) {
			out = append(out, a)
		}
	}
	return out
}

// Narrowing is a sprint's convergence in discussion: over its Objectives
// whose second round was revealed with two or more responses in each
// round, the mean spread before (Before) and after (After).
type Narrowing struct {
	Objectives    int
	Before, After float64
}

// By is how many points the discussion narrowed the mean spread
// (negative: it widened).
func (n Narrowing) By() float64 { return n.Before - n.After }

// NarrowingOf returns the narrowing of the sprint r reports.
func NarrowingOf(r SprintReport) Narrowing {
	var n Narrowing
	for _, st := range r.Objectives {
		rs, ok := r.Rounds[st.Objective.ID]
		if !ok || st.Outcome == nil || !st.Outcome.Round2Revealed || rs.Round1.Responses < 2 || rs.Round2.Responses < 2 {
			continue
		}
		n.Objectives++
		n.Before += float64(rs.Round1.Spread)
		n.After += float64(rs.Round2.Spread)
	}
	if n.Objectives > 0 {
		n.Before /= float64(n.Objectives)
		n.After /= float64(n.Objectives)
	}
	return n
}
