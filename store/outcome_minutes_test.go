package store

import (
	"errors"
	"testing"

	"github.com/align-team/align/model"
)

// TestStore_SaveOutcome_Minutes: the minutes a review spent on an objective
// are stored with its outcome; an invalid count is refused and nothing
// changes.
func TestStore_SaveOutcome_Minutes(t *testing.T) {
	s := newTestStore(t)
	f := seed(t, s)
	setState(t, s, f.sprint, model.StateReview)
	must[model.Outcome](t)(s.SaveOutcome(model.Outcome{ObjectiveID: f.obj.ID, Revealed: true, Minutes: 12}))
	d := must[model.SprintData](t)(s.SprintData(f.sprint.ID))
	if len(d.Outcomes) != 1 || d.Outcomes[0].Minutes != 12 || !d.Outcomes[0].Revealed {
		t.Fatalf("outcomes = %+v", d.Outcomes)
	}
	var fe *model.FieldError
	if _, err := s.SaveOutcome(model.Outcome{ObjectiveID: f.obj.ID, Minutes: -5}); !errors.As(err, &fe) || fe.Field != "minutes" {
		t.Errorf("negative minutes: %v", err)
	}
	d = must[model.SprintData](t)(s.SprintData(f.sprint.ID))
	if d.Outcomes[0].Minutes != 12 {
		t.Errorf("a refused save changed the minutes to %d", d.Outcomes[0].Minutes)
	}
}
