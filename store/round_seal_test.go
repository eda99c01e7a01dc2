package store

import (
	"errors"
	"testing"

	"github.com/align-team/align/model"
)

// TestStore_Round1SealedAtReveal: once an objective is revealed, its
// estimates can be neither changed, added nor withdrawn, hiding it again
// keeps the seal, and its sealing outcome cannot be deleted; each refusal
// leaves the stored estimates as they were.
func TestStore_Round1SealedAtReveal(t *testing.T) {
	s := newTestStore(t)
	f := seed(t, s)
	ann := assess(t, s, f.obj.ID, f.ann.ID, 40)
	setState(t, s, f.sprint, model.StateReview)
	out := must[model.Outcome](t)(s.SaveOutcome(model.Outcome{ObjectiveID: f.obj.ID, Revealed: true}))
	if !out.Sealed {
		t.Fatalf("a revealed outcome is not sealed: %+v", out)
	}
	out.Revealed = false
	out = must[model.Outcome](t)(s.SaveOutcome(out))
	if !out.Sealed {
		t.Fatalf("hiding the reveal lifted the seal: %+v", out)
	}
	before := must[model.SprintData](t)(s.SprintData(f.sprint.ID)).Assessments
	var se *model.SealedError
	edit := ann
	edit.Progress = 70
	if _, err := s.SaveAssessment(edit); !errors.As(err, &se) {
		t.Errorf("edit after the reveal: err = %v, want a SealedError", err)
	}
	if _, err := s.SaveAssessment(model.Assessment{ObjectiveID: f.obj.ID, MemberID: f.bob.ID, Progress: 10, Confidence: 3}); !errors.As(err, &se) {
		t.Errorf("new estimate after the reveal: err = %v, want a SealedError", err)
	}
	withdraw := ann
	withdraw.Deleted = true
	if _, err := s.SaveAssessment(withdraw); !errors.As(err, &se) {
		t.Errorf("withdrawal after the reveal: err = %v, want a SealedError", err)
	}
	gone := out
	gone.Deleted = true
	if _, err := s.SaveOutcome(gone); !errors.Is(err, ErrState) {
		t.Errorf("deleting the sealing outcome: err = %v, want ErrState", err)
	}
	after := must[model.SprintData](t)(s.SprintData(f.sprint.ID))
	if len(after.Assessments) != len(before) || after.Assessments[0] != before[0] || len(after.Outcomes) != 1 || after.Outcomes[0].Deleted {
		t.Errorf("refused changes changed the sprint: %+v", after)
	}
}
