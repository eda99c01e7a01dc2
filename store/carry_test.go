package store

import (
	"errors"
	"reflect"
	"testing"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

func TestStore_CarryOver_OneTransaction(t *testing.T) {
	s := newTestStore(t)
	f := seed(t, s)
	setState(t, s, f.sprint, model.StateReview)
	next := addSprint(t, s, "Sprint 2", t0.AddDate(0, 0, 14))
	var saw model.Dataset
	out, err := s.CarryOver(f.sprint.ID, next, false, nil, func(local, write model.Dataset) error {
		saw = write
		if len(local.Members) != 2 || local.Sprints[0].Sprint.ID != next.ID {
			t.Errorf("check saw local %d members, sprint %v; want the 2 members and the target", len(local.Members), local.Sprints[0].Sprint.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Objectives) != 1 || out.Objectives[0].CarriedFrom != f.obj.ID || len(out.Stories) != 1 {
		t.Fatalf("carried %+v, want the objective and its story", out)
	}
	if len(saw.Sprints) != 1 || len(saw.Sprints[0].Objectives) != 1 {
		t.Errorf("check saw %+v", saw)
	}
	got := must[model.SprintData](t)(s.SprintData(next.ID))
	if len(got.Objectives) != 1 || got.Objectives[0].ID != out.Objectives[0].ID || len(got.Stories) != 1 {
		t.Errorf("Sprint 2 holds %+v after the carry", got)
	}
	if _, err := s.CarryOver(f.sprint.ID, next, false, nil, nil); !errors.Is(err, model.ErrNothingToCarry) {
		t.Errorf("carrying again: %v, want ErrNothingToCarry", err)
	}
}

func TestStore_CarryOver_IntoANewSprint(t *testing.T) {
	s := newTestStore(t)
	f := seed(t, s)
	setState(t, s, f.sprint, model.StateClosed)
	fresh := model.Sprint{Name: "Sprint 2", Start: t0.AddDate(0, 0, 14), End: t0.AddDate(0, 0, 27)}
	out, err := s.CarryOver(f.sprint.ID, fresh, true, []uuid.UUID{f.obj.ID}, nil)
	if err != nil {
		t.Fatal(err)
	}
	sp := must[model.SprintData](t)(s.SprintData(out.Sprint.ID))
	if sp.Sprint.Name != "Sprint 2" || sp.Sprint.State != model.StatePlanning || len(sp.Objectives) != 1 {
		t.Errorf("new sprint %+v", sp)
	}
}

// TestStore_CarryOver_RefusedWritesNothing: a refusal by check, or a
// carry model.CarryOver refuses, leaves the workspace byte for byte.
func TestStore_CarryOver_RefusedWritesNothing(t *testing.T) {
	s := newTestStore(t)
	f := seed(t, s)
	next := addSprint(t, s, "Sprint 2", t0.AddDate(0, 0, 14))
	if _, err := s.CarryOver(f.sprint.ID, next, false, nil, nil); err == nil {
		t.Error("carried from a sprint still assessing")
	}
	setState(t, s, f.sprint, model.StateReview)
	before := must[model.Dataset](t)(s.Dataset(DatasetOptions{IncludeDeleted: true}))
	errNo := errors.New("bo may not")
	if _, err := s.CarryOver(f.sprint.ID, next, false, nil, func(_, _ model.Dataset) error { return errNo }); !errors.Is(err, errNo) {
		t.Errorf("refused carry: %v", err)
	}
	fresh := model.Sprint{Name: "Sprint 3", Start: t0.AddDate(0, 0, 28), End: t0.AddDate(0, 0, 41)}
	if _, err := s.CarryOver(f.sprint.ID, fresh, true, nil, func(_, _ model.Dataset) error { return errNo }); !errors.Is(err, errNo) {
		t.Errorf("refused carry into a new sprint: %v", err)
	}
	after := must[model.Dataset](t)(s.Dataset(DatasetOptions{IncludeDeleted: true}))
	if !reflect.DeepEqual(before, after) {
		t.Error("a refused carry changed the workspace")
	}
}
