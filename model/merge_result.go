package model

// Building a merge's result, and applying it to a Dataset.

import (
	"sort"

	"github.com/google/uuid"
)

// mrgBuildResult lists the changes and the records to write.
func mrgBuildResult(loc *mrgLocal, inc *mrgIncoming, merged map[uuid.UUID]*mrgEntry,
	conflict map[uuid.UUID]bool, notes map[uuid.UUID]string, lost map[uuid.UUID]mrgKeyLoss) MergeResult {
	ids := make([]uuid.UUID, 0, len(inc.list)+len(lost))
	for _, e := range inc.list {
		ids = append(ids, e.meta.ID)
	}
	for id := range lost {
		if inc.byID[id] == nil {
			ids = append(ids, id)
		}
	}
	res := MergeResult{Counts: make(map[ChangeKind]int)}
	var written []*mrgEntry
	name := mrgNamer(merged)
	for _, id := range ids {
		m, l, in := merged[id], loc.byID[id], inc.byID[id]
		write := l == nil || !l.same(m)
		c := Change{Record: m.kind.name(), ID: id, Label: mrgLabel(m, merged), Note: notes[id]}
		switch {
		case conflict[id]:
			c.Kind = ChangeConflict
		case l == nil && !m.meta.Deleted:
			c.Kind = ChangeAdded
		case !write:
			c.Kind = ChangeUnchanged
			if in != nil && !l.same(in) {
				c.Note = "this workspace holds a newer version; the incoming one is older and is ignored"
			}
		case m.meta.Deleted:
			c.Kind = ChangeDeleted
			switch {
			case l == nil:
				c.Note = "deleted elsewhere; recorded so that an older copy cannot bring it back"
			case l.meta.Deleted:
				c.Note = "already deleted here; the newer tombstone is recorded"
			}
		default:
			c.Kind = ChangeUpdated
		}
		if kl, ok := lost[id]; ok {
			a, b := mrgPickPair(loc, inc, id, kl.survivor)
			c.Local, c.Incoming = mrgRenderPair(a, b, name)
		} else if l != nil && in != nil && !l.same(in) {
			c.Local, c.Incoming = mrgRenderPair(l, in, name)
		} else if c.Kind == ChangeDeleted && l == nil {
			_, c.Incoming = mrgRenderPair(nil, in, name)
		}
		res.Changes = append(res.Changes, c)
		res.Counts[c.Kind]++
		if write {
			written = append(written, m)
		}
	}
	sort.Slice(res.Changes, func(i, j int) bool {
		a, b := res.Changes[i], res.Changes[j]
		if ka, kb := merged[a.ID].kind, merged[b.ID].kind; ka != kb {
			return ka < kb
		}
		return mrgIDLess(a.ID, b.ID)
	})
	res.Write = mrgWriteSet(written, merged)
	return res
}

// mrgPickPair chooses what to show for a record x that lost its natural key
// to survivor s: preferably x on one side against s on the other.
func mrgPickPair(loc *mrgLocal, inc *mrgIncoming, x, s uuid.UUID) (*mrgEntry, *mrgEntry) {
	lx, ls, ix, is := loc.byID[x], loc.byID[s], inc.byID[x], inc.byID[s]
	switch {
	case lx != nil && is != nil:
		return lx, is
	case ls != nil && ix != nil:
		return ls, ix
	case lx != nil && ix != nil:
		return lx, ix
	}
	first := func(a, b *mrgEntry) *mrgEntry {
		if a != nil {
			return a
		}
		return b
	}
	return first(lx, ls), first(ix, is)
}

// mrgWriteSet builds the Dataset of records to write, each sprint's records
// under their merged sprint header, sorted by ID.
func mrgWriteSet(written []*mrgEntry, merged map[uuid.UUID]*mrgEntry) Dataset {
	acc := mrgNewAccumulator()
	for _, e := range written {
		if e.kind == mrgGoal || e.kind == mrgMember {
			acc.put(e.rec, nil)
			continue
		}
		acc.put(e.rec, acc.sprint(merged[e.sprint].rec.(Sprint)))
	}
	return acc.dataset()
}

// ApplyToDataset returns d with every record of w written over it, as the
// store applies a MergeResult's Write: records are upserted by ID, each
// sprint's records placed under the sprint they are listed under in their
// Dataset (a record whose ID is already present replaces it there). The
// result is sorted by ID at every level and shares no memory with d or w;
// neither argument is modified. It is what --dry-run previews and tests use
// to see the merged workspace without a database.
func ApplyToDataset(d, w Dataset) Dataset {
	acc := mrgNewAccumulator()
	acc.add(d)
	acc.add(w)
	return acc.dataset()
}

// mrgAccumulator collects records by ID, sprint by sprint.
type mrgAccumulator struct {
	goals   map[uuid.UUID]Goal
	members map[uuid.UUID]Member
	sprints map[uuid.UUID]*mrgSprintAcc
}

type mrgSprintAcc struct {
	sprint      Sprint
	objectives  map[uuid.UUID]Objective
	stories     map[uuid.UUID]Story
	assessments map[uuid.UUID]Assessment
	outcomes    map[uuid.UUID]Outcome
	actions     map[uuid.UUID]ActionItem
}

func mrgNewAccumulator() *mrgAccumulator {
	return &mrgAccumulator{goals: map[uuid.UUID]Goal{}, members: map[uuid.UUID]Member{}, sprints: map[uuid.UUID]*mrgSprintAcc{}}
}

func (a *mrgAccumulator) add(d Dataset) {
	for _, g := range d.Goals {
		a.put(g, nil)
	}
	for _, m := range d.Members {
		a.put(m, nil)
	}
	for _, sd := range d.Sprints {
		s := a.sprint(sd.Sprint)
		s.sprint = sd.Sprint
		for _, r := range sd.Objectives {
			a.put(r, s)
		}
		for _, r := range sd.Stories {
			a.put(r, s)
		}
		for _, r := range sd.Assessments {
			a.put(r, s)
		}
		for _, r := range sd.Round2 {
			a.put(r, s)
		}
		for _, r := range sd.Outcomes {
			a.put(r, s)
		}
		for _, r := range sd.Actions {
			a.put(r, s)
		}
	}
}

// sprint returns the collector of sprint header's records, creating it with
// that header when it is new.
func (a *mrgAccumulator) sprint(header Sprint) *mrgSprintAcc {
	s := a.sprints[header.ID]
	if s == nil {
		s = &mrgSprintAcc{sprint: header, objectives: map[uuid.UUID]Objective{}, stories: map[uuid.UUID]Story{},
			assessments: map[uuid.UUID]Assessment{}, outcomes: map[uuid.UUID]Outcome{}, actions: map[uuid.UUID]ActionItem{}}
		a.sprints[header.ID] = s
	}
	return s
}

// put stores a deep copy of rec, a sprint's record going into s.
func (a *mrgAccumulator) put(rec any, s *mrgSprintAcc) {
	switch r := mrgDeepCopy(rec).(type) {
	case Goal:
		a.goals[r.ID] = r
	case Member:
		a.members[r.ID] = r
	case Sprint:
		s.sprint = r
	case Objective:
		s.objectives[r.ID] = r
	case Story:
		s.stories[r.ID] = r
	case Assessment:
		s.assessments[r.ID] = r
	case Outcome:
		s.outcomes[r.ID] = r
	case ActionItem:
		s.actions[r.ID] = r
	}
}

func (a *mrgAccumulator) dataset() Dataset {
	d := Dataset{
		Goals:   mrgSorted(a.goals, func(r Goal) uuid.UUID { return r.ID }),
		Members: mrgSorted(a.members, func(r Member) uuid.UUID { return r.ID }),
	}
	ids := make([]uuid.UUID, 0, len(a.sprints))
	for id := range a.sprints {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return mrgIDLess(ids[i], ids[j]) })
	for _, id := range ids {
		s := a.sprints[id]
		d.Sprints = append(d.Sprints, SprintData{
			Sprint:      s.sprint,
			Objectives:  mrgSorted(s.objectives, func(r Objective) uuid.UUID { return r.ID }),
			Stories:     mrgSorted(s.stories, func(r Story) uuid.UUID { return r.ID }),
			Assessments: mrgSorted(mrgRound(s.assessments, false), func(r Assessment) uuid.UUID { return r.ID }),
			Round2:      mrgSorted(mrgRound(s.assessments, true), func(r Assessment) uuid.UUID { return r.ID }),
			Outcomes:    mrgSorted(s.outcomes, func(r Outcome) uuid.UUID { return r.ID }),
			Actions:     mrgSorted(s.actions, func(r ActionItem) uuid.UUID { return r.ID }),
		})
	}
	return d
}

// mrgSorted returns the values of m sorted by ID, or nil when m is empty.
func mrgSorted[T any](m map[uuid.UUID]T, id func(T) uuid.UUID) []T {
	if len(m) == 0 {
		return nil
	}
	out := make([]T, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return mrgIDLess(id(out[i]), id(out[j])) })
	return out
}

// mrgRound returns the assessments of m of round 2 (second) or round 1.
func mrgRound(m map[uuid.UUID]Assessment, second bool) map[uuid.UUID]Assessment {
	out := make(map[uuid.UUID]Assessment, len(m))
	for id, a := range m {
		if a.Round2 == second {
			out[id] = a
		}
	}
	return out
}
