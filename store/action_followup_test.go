package store

import (
	"errors"
	"strings"
	"testing"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

func TestStore_SaveAction_ClosedSprintFollowUp(t *testing.T) {
	s := newTestStore(t)
	sp := setState(t, s, addSprint(t, s, "S1", t0), model.StateReview)
	a, err := s.SaveAction(model.ActionItem{SprintID: sp.ID, Text: "Fix the flaky test"})
	if err != nil {
		t.Fatal(err)
	}
	sp = setState(t, s, sp, model.StateClosed)
	tick := a
	tick.Done = true
	got, err := s.SaveAction(tick)
	if err != nil {
		t.Fatalf("ticking off an action of a closed sprint: %v", err)
	}
	if !got.Done {
		t.Fatal("Done not saved")
	}
	edit := got
	edit.Text = "Something else"
	if _, err := s.SaveAction(edit); !errors.Is(err, ErrSprintClosed) {
		t.Fatalf("editing the text in a closed sprint: err = %v, want ErrSprintClosed", err)
	}
	if _, err := s.SaveAction(model.ActionItem{SprintID: sp.ID, Text: "New"}); !errors.Is(err, ErrSprintClosed) {
		t.Fatalf("adding to a closed sprint: err = %v, want ErrSprintClosed", err)
	}
	del := model.ActionItem{Meta: model.Meta{ID: a.ID, Deleted: true}, SprintID: sp.ID}
	if _, err := s.SaveAction(del); !errors.Is(err, ErrSprintClosed) {
		t.Fatalf("deleting in a closed sprint: err = %v", err)
	}
}

func TestStore_SaveGoal_DeleteLinked(t *testing.T) {
	s := newTestStore(t)
	g := addGoal(t, s, "Grow revenue")
	sp := addSprint(t, s, "S1", t0)
	o := addObjective(t, s, sp.ID, "Checkout")
	o.GoalID = g.ID
	if _, err := s.SaveObjective(o); err != nil {
		t.Fatal(err)
	}
	del := g
	del.Deleted = true
	_, err := s.SaveGoal(del)
	if !errors.Is(err, ErrReference) || !strings.Contains(err.Error(), "archive it instead") {
		t.Fatalf("deleting a linked goal: %v, want ErrReference suggesting archive", err)
	}
	o.GoalID = uuid.Nil
	if _, err := s.SaveObjective(o); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveGoal(del); err != nil {
		t.Fatalf("deleting an unlinked goal: %v", err)
	}
}
