package store

import (
	"errors"
	"testing"
	"time"

	"github.com/align-team/align/model"
)

// A closed sprint's action item can still be followed up: ticked off and
// unticked, reassigned, given another due date; the due date round-trips.
func TestStore_SaveAction_FollowUpInClosedSprint(t *testing.T) {
	s := newTestStore(t)
	bo, err := s.SaveMember(model.Member{Name: "Bo", Handle: "bo", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	cy, err := s.SaveMember(model.Member{Name: "Cy", Handle: "cy", Active: true})
	if err != nil {
		t.Fatal(err)
	}
	sp := setState(t, s, addSprint(t, s, "S1", t0), model.StateReview)
	due := time.Date(2025, 3, 20, 15, 4, 0, 0, time.FixedZone("x", 3600))
	a, err := s.SaveAction(model.ActionItem{SprintID: sp.ID, Text: "Fix the flaky test", OwnerID: bo.ID, Due: due})
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2025, 3, 20, 0, 0, 0, 0, time.UTC); !a.Due.Equal(want) || a.Due.Location() != time.UTC {
		t.Fatalf("due = %v, want the calendar day %v", a.Due, want)
	}
	setState(t, s, sp, model.StateClosed)
	f := a
	f.OwnerID, f.Due, f.Done = cy.ID, time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), true
	if _, err := s.SaveAction(f); err != nil {
		t.Fatalf("following up in a closed sprint: %v", err)
	}
	f.Done = false
	if _, err := s.SaveAction(f); err != nil {
		t.Fatalf("unticking in a closed sprint: %v", err)
	}
	d, err := s.SprintData(sp.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := d.Actions[0]
	if got.OwnerID != cy.ID || !got.Due.Equal(f.Due) || got.Done {
		t.Errorf("stored %+v, want owner cy, due 2025-04-01, open", got)
	}
	f.Text = "Another text"
	if _, err := s.SaveAction(f); !errors.Is(err, ErrSprintClosed) {
		t.Errorf("rewording in a closed sprint: err = %v, want ErrSprintClosed", err)
	}
}

func TestStore_OpenActionsBefore(t *testing.T) {
	s := newTestStore(t)
	s1 := setState(t, s, addSprint(t, s, "S1", t0), model.StateReview)
	s2 := addSprint(t, s, "S2", t0.AddDate(0, 0, 14))
	s3 := addSprint(t, s, "S3", t0.AddDate(0, 0, 28))
	for _, a := range []model.ActionItem{{SprintID: s1.ID, Text: "open"}, {SprintID: s1.ID, Text: "done", Done: true}} {
		if _, err := s.SaveAction(a); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		sp   model.Sprint
		want int
	}{{s1, 0}, {s2, 1}, {s3, 1}} {
		got, err := s.OpenActionsBefore(c.sp)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != c.want || c.want == 1 && (got[0].Item.Text != "open" || got[0].From.ID != s1.ID) {
			t.Errorf("%s: got %+v, want %d open item of S1", c.sp.Name, got, c.want)
		}
	}
}
