package model

// Building a Dataset from records of any kind, upserting by ID.

import (
	"sort"

	"github.com/google/uuid"
)

// ApplyToDataset returns d with every record of w written over it, as the
// store applies a merge's Write: records are upserted by ID, each
// sprint's records placed under the sprint they are listed under in their
// Dataset (a record whose ID is already present replaces it there). The
// result is sorted by ID at every level and shares no memory with d or w;
// neither argument is modified. It is what --dry-run previews and tests use
// to see the merged workspace without a database.
func ApplyToDataset(d, w Dataset) Dataset {
	acc := NewBuilder()
	acc.Add(d)
	acc.Add(w)
	return acc.Dataset()
}

// Builder collects records of any kind by ID, sprint by sprint, into a
// Dataset.
type Builder struct {
	goals   map[uuid.UUID]Goal
	members map[uuid.UUID]Member
	sprints map[uuid.UUID]*sprintBuilder
}

type sprintBuilder struct {
	sprint      Sprint
	objectives  map[uuid.UUID]Objective
	stories     map[uuid.UUID]Story
	assessments map[uuid.UUID]Assessment
	outcomes    map[uuid.UUID]Outcome
	actions     map[uuid.UUID]ActionItem
}

// NewBuilder returns an empty Builder.
func NewBuilder() *Builder {
	return &Builder{goals: map[uuid.UUID]Goal{}, members: map[uuid.UUID]Member{}, sprints: map[uuid.UUID]*sprintBuilder{}}
}

// Add puts every record of d, each sprint's records under that sprint's
// header, which replaces the header collected so far.
func (a *Builder) Add(d Dataset) {
	_ = EachRecord(d, func(rec any, listedUnder uuid.UUID) error {
		if s, ok := rec.(Sprint); ok {
			a.sprint(s).sprint = s
			return nil
		}
		a.put(rec, a.sprints[listedUnder])
		return nil
	})
}

// Put stores a deep copy of rec, replacing the record with its ID; a
// sprint's record goes under header, which is collected first when it is
// new (header is ignored for goals and members, and a sprint replaces the
// header of its ID).
func (a *Builder) Put(rec any, header Sprint) {
	if k, _, _, _ := Describe(rec); !k.InSprint() {
		a.put(rec, nil)
		return
	}
	a.put(rec, a.sprint(header))
}

// sprint returns the collector of sprint header's records, creating it with
// that header when it is new.
func (a *Builder) sprint(header Sprint) *sprintBuilder {
	s := a.sprints[header.ID]
	if s == nil {
		s = &sprintBuilder{sprint: header, objectives: map[uuid.UUID]Objective{}, stories: map[uuid.UUID]Story{},
			assessments: map[uuid.UUID]Assessment{}, outcomes: map[uuid.UUID]Outcome{}, actions: map[uuid.UUID]ActionItem{}}
		a.sprints[header.ID] = s
	}
	return s
}

// put stores a deep copy of rec, a sprint's record going into s.
func (a *Builder) put(rec any, s *sprintBuilder) {
	switch r := CopyRecord(rec).(type) {
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

// Dataset returns what was collected, sorted by ID at every level.
func (a *Builder) Dataset() Dataset {
	d := Dataset{
		Goals:   sortedByID(a.goals, func(r Goal) uuid.UUID { return r.ID }),
		Members: sortedByID(a.members, func(r Member) uuid.UUID { return r.ID }),
	}
	ids := make([]uuid.UUID, 0, len(a.sprints))
	for id := range a.sprints {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return IDLess(ids[i], ids[j]) })
	for _, id := range ids {
		s := a.sprints[id]
		d.Sprints = append(d.Sprints, SprintData{
			Sprint:      s.sprint,
			Objectives:  sortedByID(s.objectives, func(r Objective) uuid.UUID { return r.ID }),
			Stories:     sortedByID(s.stories, func(r Story) uuid.UUID { return r.ID }),
			Assessments: sortedByID(ofRound(s.assessments, false), func(r Assessment) uuid.UUID { return r.ID }),
			Round2:      sortedByID(ofRound(s.assessments, true), func(r Assessment) uuid.UUID { return r.ID }),
			Outcomes:    sortedByID(s.outcomes, func(r Outcome) uuid.UUID { return r.ID }),
			Actions:     sortedByID(s.actions, func(r ActionItem) uuid.UUID { return r.ID }),
		})
	}
	return d
}

// sortedByID returns the values of m sorted by ID, or nil when m is empty.
func sortedByID[T any](m map[uuid.UUID]T, id func(T) uuid.UUID) []T {
	if len(m) == 0 {
		return nil
	}
	out := make([]T, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return IDLess(id(out[i]), id(out[j])) })
	return out
}

// ofRound returns the assessments of m of round 2 (second) or round 1.
func ofRound(m map[uuid.UUID]Assessment, second bool) map[uuid.UUID]Assessment {
	out := make(map[uuid.UUID]Assessment, len(m))
	for id, a := range m {
		if a.Round2 == second {
			out[id] = a
		}
	}
	return out
}
