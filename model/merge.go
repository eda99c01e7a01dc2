package model

import (
	"fmt"
	"sort"
	"time"

	"github.com/google/uuid"
)

// ChangeKind says what a merge does, or would do, to one record.
type ChangeKind string

// The kinds of change a merge reports.
const (
	// ChangeAdded: the record was not in the workspace and is written.
	ChangeAdded ChangeKind = "added"
	// ChangeUpdated: the incoming version is newer and replaces the local one.
	ChangeUpdated ChangeKind = "updated"
	// ChangeDeleted: a tombstone is written — a live local record becomes
	// deleted, or a deletion the workspace had not seen is recorded so that
	// an older copy can never bring the record back.
	ChangeDeleted ChangeKind = "deleted"
	// ChangeUnchanged: nothing is written for this incoming record, because
	// the workspace already holds the same or a newer version.
	ChangeUnchanged ChangeKind = "unchanged"
	// ChangeConflict: both sides provably changed the record independently
	// (see Merge); one value won and both are reported.
	ChangeConflict ChangeKind = "conflict"
)

// ChangeKinds lists the kinds in the order reports show them.
var ChangeKinds = []ChangeKind{ChangeAdded, ChangeUpdated, ChangeDeleted, ChangeConflict, ChangeUnchanged}

// Change describes what a merge does to one record.
type Change struct {
	Kind ChangeKind
	// Record names the record type: "goal", "member", "sprint",
	// "objective", "story", "assessment", "outcome" or "action item".
	Record string
	ID     uuid.UUID
	// Label is what a person recognises the record by: a title, a handle,
	// "ann on Checkout redesign" for an assessment.
	Label string
	// Local and Incoming are short renderings of the two versions — the
	// fields that differ, "deleted" for a tombstone, then when the version
	// was last updated — set for conflicts and wherever both sides hold the
	// record and differ. For a duplicate natural key they show the two
	// competing records. Empty when that side has none.
	Local, Incoming string
	// Note explains a conflict or an unusual change in one sentence.
	Note string
}

// MergeResult is the outcome of Merge.
type MergeResult struct {
	// Write holds exactly the records to write — new records, winning newer
	// versions and tombstones — verbatim, so that writing them over the
	// local workspace (upsert by ID) gives the merged workspace. Records are
	// sorted by ID. Each Write.Sprints entry carries its merged sprint
	// header so that its records know their sprint; the header differs from
	// the local one only when Changes lists that sprint, and writing an
	// unchanged header again is harmless.
	Write Dataset
	// Changes lists one entry per incoming record, plus one per local record
	// that the merge deletes (a duplicate natural key), sorted by record
	// type then ID.
	Changes []Change
	// Counts counts Changes by kind.
	Counts map[ChangeKind]int
}

// Empty reports whether the merge writes nothing.
func (r MergeResult) Empty() bool {
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
//  3. Natural keys: a member has at most one live assessment per objective,
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
// Conflicts: without a common ancestor a merge cannot tell which side
// changed what, so it reports a conflict only where both sides provably
// changed a record independently:
//   - a tie: equal UpdatedAt, different content (rule 1 picked one);
//   - an edit against a deletion: one version is deleted and the other is
//     live, differs and is not older than the deletion, so it was made by
//     someone who had not seen the deletion (rule 2 keeps it deleted);
//   - a duplicate key: a live record that rule 3 deletes in this merge.
//
// A differing version with a different UpdatedAt is no conflict: the newer
// one wins, reported as updated (incoming newer) or unchanged (local
// newer). The older one may be a stale copy of a version its own side has
// since replaced, which the merge cannot tell from an independent edit, and
// calling every stale copy a conflict would bury the real ones. Both values
// are still shown in the change (Local, Incoming), so nothing is lost
// silently.
//
// Idempotence: after applying Write, merging the same incoming records again
// writes nothing; every change is unchanged, except conflicts the local side
// won without a write (ties), which are reported again.
func Merge(local, incoming Dataset, now time.Time, maxSkew time.Duration) (MergeResult, error) {
	loc, err := mrgIndexLocal(local)
	if err != nil {
		return MergeResult{}, err
	}
	inc, err := mrgPrepareIncoming(incoming, now.UTC(), maxSkew)
	if err != nil {
		return MergeResult{}, err
	}
	if err := mrgCheckAgainstLocal(loc, inc); err != nil {
		return MergeResult{}, err
	}
	if err := mrgCheckRefs(loc, inc); err != nil {
		return MergeResult{}, err
	}

	// Rules 1 and 2: join every incoming version with its local one.
	merged := make(map[uuid.UUID]*mrgEntry, len(loc.byID)+len(inc.list))
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
		j, note := mrgJoin(l, in)
		merged[in.meta.ID] = j
		if note != "" {
			conflict[in.meta.ID] = true
			notes[in.meta.ID] = note
		}
	}

	// Rule 3: one live assessment per member and objective, one live
	// outcome per objective.
	lost := mrgResolveKeys(merged)
	for id, kl := range lost {
		conflict[id] = true
		notes[id] = kl.note
	}
	if err := mrgCheckHandles(merged, loc); err != nil {
		return MergeResult{}, err
	}
	return mrgBuildResult(loc, inc, merged, conflict, notes, lost), nil
}

// mrgJoin applies rules 1 and 2 to two versions of one record and says why
// the pair is a conflict, if it is one.
func mrgJoin(l, in *mrgEntry) (*mrgEntry, string) {
	if mrgSameContent(l, in) {
		if in.meta.Deleted && !l.meta.Deleted {
			return in, ""
		}
		return l, ""
	}
	win := l
	if mrgRankLess(l, in) {
		win = in
	}
	out := win
	if (l.meta.Deleted || in.meta.Deleted) && !win.meta.Deleted {
		out = win.withDeleted(true)
	}
	switch {
	case l.meta.Deleted == in.meta.Deleted && l.meta.UpdatedAt.Equal(in.meta.UpdatedAt):
		if l.meta.Deleted {
			return out, "" // two tombstones: nothing is lost that anyone sees
		}
		return out, fmt.Sprintf("both sides changed it at the same moment (%s); kept the %s one by the tie-break rule",
			mrgStamp(l.meta.UpdatedAt), mrgSide(win == in))
	case l.meta.Deleted != in.meta.Deleted:
		live, dead := l, in
		if l.meta.Deleted {
			live, dead = in, l
		}
		if !live.meta.UpdatedAt.Before(dead.meta.UpdatedAt) {
			return out, fmt.Sprintf("edited on one side (%s) after it was deleted on the other (%s); it stays deleted",
				mrgStamp(live.meta.UpdatedAt), mrgStamp(dead.meta.UpdatedAt))
		}
	}
	return out, ""
}

func mrgSide(incoming bool) string {
	if incoming {
		return "incoming"
	}
	return "local"
}

func mrgStamp(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05.999999 UTC") }

// mrgKeyLoss records why rule 3 deleted a record.
type mrgKeyLoss struct {
	survivor uuid.UUID
	note     string
}

// mrgResolveKeys applies rule 3 to merged in place and returns, for every
// live record it deletes, the record that survives and a note.
func mrgResolveKeys(merged map[uuid.UUID]*mrgEntry) map[uuid.UUID]mrgKeyLoss {
	type key struct {
		kind        mrgKind
		obj, member uuid.UUID
	}
	groups := make(map[key][]*mrgEntry)
	for _, e := range merged {
		switch r := e.rec.(type) {
		case Assessment:
			k := key{mrgAssessment, r.ObjectiveID, r.MemberID}
			groups[k] = append(groups[k], e)
		case Outcome:
			k := key{kind: mrgOutcome, obj: r.ObjectiveID}
			groups[k] = append(groups[k], e)
		}
	}
	lost := make(map[uuid.UUID]mrgKeyLoss)
	for _, g := range groups {
		if len(g) < 2 {
			continue
		}
		sort.Slice(g, func(i, j int) bool { return mrgIDLess(g[j].meta.ID, g[i].meta.ID) })
		survivor := g[0]
		for _, e := range g[1:] {
			if e.meta.Deleted {
				continue
			}
			merged[e.meta.ID] = e.withDeleted(true)
			what := "member and objective"
			if e.kind == mrgOutcome {
				what = "objective"
			}
			state := ""
			if survivor.meta.Deleted {
				state = ", which is deleted"
			}
			lost[e.meta.ID] = mrgKeyLoss{survivor: survivor.meta.ID,
				note: fmt.Sprintf("same %s as %s %s%s; kept that one (created later) and deleted this one",
					what, e.kind.name(), survivor.meta.ID, state)}
		}
	}
	return lost
}

// mrgCheckHandles rejects a merge that would leave two live members with
// one handle. The error names the member that brought the handle in: the
// one that did not already hold it in this workspace.
func mrgCheckHandles(merged map[uuid.UUID]*mrgEntry, loc *mrgLocal) error {
	held := func(e *mrgEntry) bool {
		l := loc.byID[e.meta.ID]
		return l != nil && !l.meta.Deleted && l.rec.(Member).Handle == e.rec.(Member).Handle
	}
	byHandle := make(map[string][]*mrgEntry)
	var clash string
	for _, e := range merged {
		m, ok := e.rec.(Member)
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
		return mrgIDLess(g[i].meta.ID, g[j].meta.ID)
	})
	culprit, other := g[0], g[1]
	ma, mb := culprit.rec.(Member), other.rec.(Member)
	return &RecordError{Record: "member", ID: ma.ID, Label: ma.Handle, Field: "handle",
		Msg: fmt.Sprintf("%q is also the handle of member %s (%s); two people cannot share a handle: rename or remove one of them in its workspace, then export again",
			ma.Handle, mb.ID, mb.Name)}
}
