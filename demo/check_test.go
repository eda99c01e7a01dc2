package demo

import (
	"bytes"
	"slices"
	"testing"
	"time"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// now is the fixed clock of every demo test: a Thursday afternoon.
var now = time.Date(2025, 6, 12, 15, 30, 0, 0, time.UTC)

// validator is what every record offers.
type validator interface{ Validate() error }

// checkRecord fails when the record is invalid, not already normalised,
// created after now, or carries an ID whose timestamp differs from its
// CreatedAt.
func checkRecord[T validator](t *testing.T, what string, rec T, m model.Meta, normalize func(*T)) {
	t.Helper()
	if err := rec.Validate(); err != nil {
		t.Errorf("%s %v: %v", what, m.ID, err)
	}
	norm := rec
	normalize(&norm)
	if !equalRecords(norm, rec) {
		t.Errorf("%s %v is not normalised: %+v", what, m.ID, rec)
	}
	if m.ID.Version() != 7 || m.ID.Variant() != uuid.RFC4122 {
		t.Errorf("%s %v: version %d variant %v, want a UUIDv7", what, m.ID, m.ID.Version(), m.ID.Variant())
	}
	sec, nsec := m.ID.Time().UnixTime()
	if !time.Unix(sec, nsec).Equal(m.CreatedAt) {
		t.Errorf("%s %v: ID time %v, CreatedAt %v", what, m.ID, time.Unix(sec, nsec).UTC(), m.CreatedAt)
	}
	if m.CreatedAt.After(now) || !m.UpdatedAt.Equal(m.CreatedAt) || m.CreatedAt.Location() != time.UTC || m.Deleted {
		t.Errorf("%s %v: meta %+v, want a live record created before %v in UTC", what, m.ID, m, now)
	}
}

func equalRecords[T any](a, b T) bool {
	switch x := any(a).(type) {
	case model.Member:
		y := any(b).(model.Member)
		return x.Name == y.Name && x.Handle == y.Handle && slices.Equal(x.Keys, y.Keys)
	case model.Sprint:
		y := any(b).(model.Sprint)
		return x.Name == y.Name && x.Goal == y.Goal && x.Start.Equal(y.Start) && x.End.Equal(y.End)
	case model.Objective:
		y := any(b).(model.Objective)
		return x.Title == y.Title && x.Description == y.Description
	case model.Outcome:
		y := any(b).(model.Outcome)
		return x.Notes == y.Notes
	}
	return any(a) == any(b)
}

// checkDataset validates every record of ds and checks that references
// resolve: stories → objectives → sprints, objectives → goals, assessments
// and actions → members, carried objectives → earlier objectives. It also
// checks that IDs are unique and sort in creation order.
func checkDataset(t *testing.T, ds model.Dataset) {
	t.Helper()
	var metas []model.Meta
	goals := make(map[uuid.UUID]bool)
	for _, g := range ds.Goals {
		checkRecord(t, "goal", g, g.Meta, (*model.Goal).Normalize)
		goals[g.ID] = true
		metas = append(metas, g.Meta)
	}
	members := make(map[uuid.UUID]bool)
	handles := make(map[string]bool)
	for _, m := range ds.Members {
		checkRecord(t, "member", m, m.Meta, (*model.Member).Normalize)
		if handles[m.Handle] {
			t.Errorf("duplicate handle %q", m.Handle)
		}
		handles[m.Handle], members[m.ID] = true, true
		metas = append(metas, m.Meta)
	}
	earlier := make(map[uuid.UUID]bool)
	for _, d := range ds.Sprints {
		sp := d.Sprint
		checkRecord(t, "sprint", sp, sp.Meta, (*model.Sprint).Normalize)
		metas = append(metas, sp.Meta)
		objs := make(map[uuid.UUID]bool)
		for _, o := range d.Objectives {
			checkRecord(t, "objective", o, o.Meta, (*model.Objective).Normalize)
			if o.SprintID != sp.ID || (o.GoalID != uuid.Nil && !goals[o.GoalID]) {
				t.Errorf("objective %q: sprint or goal does not resolve", o.Title)
			}
			if o.CarriedFrom != uuid.Nil && !earlier[o.CarriedFrom] {
				t.Errorf("objective %q carried from an unknown objective", o.Title)
			}
			objs[o.ID] = true
			metas = append(metas, o.Meta)
		}
		for _, s := range d.Stories {
			checkRecord(t, "story", s, s.Meta, (*model.Story).Normalize)
			if s.SprintID != sp.ID || !objs[s.ObjectiveID] {
				t.Errorf("story %q: sprint or objective does not resolve", s.Title)
			}
			metas = append(metas, s.Meta)
		}
		type pair struct{ o, m uuid.UUID }
		seen := make(map[pair]bool)
		for _, a := range d.Assessments {
			checkRecord(t, "assessment", a, a.Meta, (*model.Assessment).Normalize)
			if a.SprintID != sp.ID || !objs[a.ObjectiveID] || !members[a.MemberID] {
				t.Errorf("assessment %v: sprint, objective or member does not resolve", a.ID)
			}
			if seen[pair{a.ObjectiveID, a.MemberID}] {
				t.Errorf("assessment %v: second one by the same member", a.ID)
			}
			seen[pair{a.ObjectiveID, a.MemberID}] = true
			metas = append(metas, a.Meta)
		}
		for _, o := range d.Outcomes {
			checkRecord(t, "outcome", o, o.Meta, (*model.Outcome).Normalize)
			if o.SprintID != sp.ID || !objs[o.ObjectiveID] {
				t.Errorf("outcome %v: sprint or objective does not resolve", o.ID)
			}
			metas = append(metas, o.Meta)
		}
		for _, a := range d.Actions {
			checkRecord(t, "action item", a, a.Meta, (*model.ActionItem).Normalize)
			if a.SprintID != sp.ID || (a.ObjectiveID != uuid.Nil && !objs[a.ObjectiveID]) || !members[a.OwnerID] {
				t.Errorf("action item %q: sprint, objective or owner does not resolve", a.Text)
			}
			metas = append(metas, a.Meta)
		}
		for id := range objs {
			earlier[id] = true
		}
	}
	byTime := slices.Clone(metas)
	slices.SortStableFunc(byTime, func(a, b model.Meta) int { return a.CreatedAt.Compare(b.CreatedAt) })
	for i := 1; i < len(byTime); i++ {
		if bytes.Compare(byTime[i-1].ID[:], byTime[i].ID[:]) >= 0 {
			t.Fatalf("IDs out of creation order or duplicated at %v", byTime[i].CreatedAt)
		}
	}
}
