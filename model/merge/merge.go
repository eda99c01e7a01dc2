package merge

import (
	"fmt"
	"sort"
	"time"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// Result is the outcome of Merge.
type Result struct {
	// Write holds exactly the records to write — new records, winning newer
	// versions and tombstones — verbatim, so that writing them over the
	// local workspace (upsert by ID) gives the merged workspace. Records are
	// sorted by ID. Each Write.Sprints entry carries its merged sprint
	// header so that its records know their sprint; the header differs from
	// the local one only when Changes lists that sprint, and writing an
	// unchanged header again is harmless.
	Write model.Dataset
	// Changes lists one entry per incoming record, plus one per local record
	// that the merge deletes (a duplicate natural key), sorted by record
	// type then ID.
	Changes []model.Change
	// Counts counts Changes by kind.
	Counts map[model.ChangeKind]int
}

// Empty reports whether the merge writes nothing.
func (r Result) Empty() bool {
	return len(r.Write.Goals) == 0 && len(r.Write.Members) == 0 && len(r.Write.Sprints) == 0
}

// Merge merges incoming records (a bundle) into local ones (the workspace)
// and returns what to write. It is pure: neither argument is modified and
// the result shares no memory with them. now is the importing machine's
// clock and maxSkew how far ahead of it a timestamp may be.
//
// Validation is all or nothing: on any error nothing is merged, and the
// error (a *RecordError) names the record type, its ID and the field. Every
// incoming record is copied, normalised and validated (Normalize, Validate);
// its ID must be non-nil and appear once in the whole incoming set, and not
// as a different record type locally; CreatedAt and UpdatedAt must be set
// and not later than now+maxSkew; every record of a sprint must carry that
// sprint's ID; references must resolve in the incoming set or locally,
// deleted or not — a story's objective, an assessment's objective and
// member, an outcome's objective, an objective's goal, an action item's
// owner and objective — and a story, assessment, outcome or action item
// must be in its objective's sprint. Fields that place a record never
// change: a record's sprint, an assessment's objective and member, an
// outcome's objective; an incoming version that moves one is an error.
// (An objective's CarriedFrom is a historical note and is not checked.)
//
// The rules, per record type, matching records by ID:
//
//  1. Last writer wins: of two versions, the later UpdatedAt wins. On equal
//     UpdatedAt with different content, the version whose canonical
//     encoding (every field except Deleted, in declaration order, length
//     prefixed) sorts greater wins. A per-workspace replica ID cannot break
//     such ties: versions are relayed — C may receive A's version through
//     B — so the workspace that sends a version says nothing about where it
//     was made, and the same two versions would be ordered differently
//     depending on the route they travelled. Content travels with the
//     version, so every replica orders the pair the same way.
//  2. Deletion is absorbing: if either version is deleted, the result is
//     deleted, with the fields (and UpdatedAt) of the rule 1 winner. No
//     copy, older or newer, brings a deleted record back; to restore one,
//     create it anew.
//  3. Natural keys: a member has at most one live assessment per objective
//     and round,
//     and an objective at most one live outcome. When records with
//     different IDs share such a key, the one with the greatest ID (byte
//     order), deleted or not, survives; the others are deleted — Deleted
//     set, every other field kept — so all of them are deleted if the
//     survivor is. IDs are UUIDv7, so this keeps the one created last. The later
//     UpdatedAt cannot choose the survivor: the losers' tombstones are
//     permanent (rule 2), and a copy edited later may arrive after the
//     choice was made, so replicas that saw the records in different orders
//     would keep different ones. An ID never changes, so every replica
//     chooses alike. Member handles are unique among live members, but
//     members cannot be merged automatically (assessments and actions point
//     at them): a handle held by two live members with different IDs is an
//     error naming the handle, for a facilitator to fix by hand.
//
// Convergence: rules 1 and 2 merge two versions of a record by a join —
// the maximum of (UpdatedAt, encoding) and the OR of Deleted — which is
// commutative, associative and idempotent. Rule 3 only marks records
// deleted, and which ones depends on IDs and keys that never change, so any
// later merge that sees more records deletes them too. The merged workspace
// is therefore a function of the set of versions that reached it, whatever
// the order or grouping of imports: replicas that have exchanged everything
// hold identical records.
//
// History: every version carries Base, the UpdatedAt of the version it
// was edited from (Meta.Touch sets it; zero for a version never edited, whose
// base is its creation). That is one step of history, and it is enough to
// tell, for two differing versions L and I, whether one was made from the
// other or from something that followed it: I descends from L exactly when
// its chain of bases reaches L, and then I.Base is L.UpdatedAt or later,
// because along a chain of edits UpdatedAt strictly increases. So L and I
// are concurrent — neither side had seen the other's version — when
// I.UpdatedAt > base(L) and L.UpdatedAt > base(I), where base(X) is X.Base,
// or X.CreatedAt for a never-edited X. Base is part of the version (and of
// its canonical encoding) but plays no part in choosing the winner: it only
// decides what is reported, so convergence is untouched.
//
// Conflicts: a merge reports a conflict only where both sides provably
// changed a record independently:
//   - concurrent edits: two live versions that are concurrent (above); the
//     later one wins by rule 1 and both values are reported. Two members
//     editing the same assessment on two machines end here;
//   - a tie: equal UpdatedAt, different content (rule 1 picked one);
//   - an edit against a deletion: one version is deleted and the other is
//     live, differs, and either is not older than the deletion (a deleted
//     record cannot be edited, so it was made by someone who had not seen
//     the deletion) or is concurrent with it (rule 2 keeps it deleted);
//   - a duplicate key: a live record that rule 3 deletes in this merge.
//
// Anything else is no conflict: the newer version wins, reported as
// updated (incoming newer: normally a fast-forward, made from the local
// version or a later one) or unchanged (local newer: normally a stale copy,
// the local version's base or older). Two
// tombstones are never a conflict: nothing anyone sees is lost. One step of
// history cannot see everything: an edit older than the other side's base
// (the other side edited twice since the common version, the first time
// after this edit) looks stale and is reported as unchanged, and a version
// with a zero Base but UpdatedAt after CreatedAt (written before Base
// existed) has an unknown history and is never called concurrent. A missed
// conflict still shows both values in the change (Local, Incoming), so
// nothing is lost silently; a reported one is always real, as long as every
// edit goes through Meta.Touch.
//
// Every incoming Base, when set, must lie in [CreatedAt, UpdatedAt): a
// version is edited from an earlier one.
//
// Idempotence: after applying Write, merging the same incoming records again
// writes nothing; every change is unchanged, except conflicts the local side
// won without a write (ties, concurrent edits where the local one is later),
// which are reported again.
func Merge(local, incoming model.Dataset, now time.Time, maxSkew time.Duration) (Result, error) {
	loc, err := indexLocal(local)
	if err != nil {
		return Result{}, err
	}
	inc, err := prepareIncoming(incoming, now.UTC(), maxSkew)
	if err != nil {
		return Result{}, err
	}
	if err := checkAgainstLocal(loc, inc); err != nil {
		return Result{}, err
	}
	if err := checkRefs(loc, inc); err != nil {
		return Result{}, err
	}

	// Rules 1 and 2: join every incoming version with its local one.
	merged := make(map[uuid.UUID]*entry, len(loc.byID)+len(inc.list))
	for id, e := range loc.byID {
		merged[id] = e
	}
	notes := make(map[uuid.UUID]string)
	conflict := make(map[uuid.UUID]bool)
	for _, in := range inc.list {
		l := loc.byID[in.meta.ID]
		if l == nil {
			merged[in.meta.ID] = in
			continue
		}
		j, note := join(l, in)
		merged[in.meta.ID] = j
		if note != "" {
			conflict[in.meta.ID] = true
			notes[in.meta.ID] = note
		}
	}

	// Rule 3: one live assessment per member and objective, one live
	// outcome per objective.
	lost := resolveKeys(merged)
	for id, kl := range lost {
		conflict[id] = true
		notes[id] = kl.note
	}
	if err := checkHandles(merged, loc); err != nil {
		return Result{}, err
	}
	return buildResult(loc, inc, merged, conflict, notes, lost), nil
}

// keyLoss records why rule 3 deleted a record.
type keyLoss struct {
	survivor uuid.UUID
	note     string
}

// resolveKeys applies rule 3 to merged in place and returns, for every
// live record it deletes, the record that survives and a note.
func resolveKeys(merged map[uuid.UUID]*entry) map[uuid.UUID]keyLoss {
	type key struct {
		kind        model.RecordKind
		obj, member uuid.UUID
		round2      bool
	}
	groups := make(map[key][]*entry)
	for _, e := range merged {
		switch r := e.rec.(type) {
		case model.Assessment:
			k := key{model.KindAssessment, r.ObjectiveID, r.MemberID, r.Round2}
			groups[k] = append(groups[k], e)
		case model.Outcome:
			k := key{kind: model.KindOutcome, obj: r.ObjectiveID}
			groups[k] = append(groups[k], e)
		}
	}
	lost := make(map[uuid.UUID]keyLoss)
	for _, g := range groups {
		if len(g) < 2 {
			continue
		}
		sort.Slice(g, func(i, j int) bool { return model.IDLess(g[j].meta.ID, g[i].meta.ID) })
		survivor := g[0]
		for _, e := range g[1:] {
			if e.meta.Deleted {
				continue
			}
			merged[e.meta.ID] = e.withDeleted(true)
			what := "member and objective"
			if e.kind == model.KindOutcome {
				what = "objective"
			}
			state := ""
			if survivor.meta.Deleted {
				state = ", which is deleted"
			}
			lost[e.meta.ID] = keyLoss{survivor: survivor.meta.ID,
				note: fmt.Sprintf("same %s as %s %s%s; kept that one (created later) and deleted this one",
					what, e.kind.String(), survivor.meta.ID, state)}
		}
	}
	return lost
}

// checkHandles rejects a merge that would leave two live members with
// one handle. The error names the member that brought the handle in: the
// one that did not already hold it in this workspace.
func checkHandles(merged map[uuid.UUID]*entry, loc *localIndex) error {
	held := func(e *entry) bool {
		l := loc.byID[e.meta.ID]
		return l != nil && !l.meta.Deleted && l.rec.(model.Member).Handle == e.rec.(model.Member).Handle
	}
	byHandle := make(map[string][]*entry)
	var clash string
	for _, e := range merged {
		m, ok := e.rec.(model.Member)
		if !ok || m.Deleted {
			continue
		}
		byHandle[m.Handle] = append(byHandle[m.Handle], e)
		if len(byHandle[m.Handle]) > 1 && (clash == "" || m.Handle < clash) {
			clash = m.Handle
		}
	}
	if clash == "" {
		return nil
	}
	// Name the members deterministically: newcomers first, then by ID.
	g := byHandle[clash]
	sort.Slice(g, func(i, j int) bool {
		if hi, hj := held(g[i]), held(g[j]); hi != hj {
			return hj
		}
		return model.IDLess(g[i].meta.ID, g[j].meta.ID)
	})
	culprit, other := g[0], g[1]
	ma, mb := culprit.rec.(model.Member), other.rec.(model.Member)
	return &RecordError{Record: "member", ID: ma.ID, Label: ma.Handle, Field: "handle",
		Msg: fmt.Sprintf("%q is also the handle of member %s (%s); two people cannot share a handle: rename or remove one of them in its workspace, then export again",
			ma.Handle, mb.ID, mb.Name)}
}
