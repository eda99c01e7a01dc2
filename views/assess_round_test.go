package views

import (
	"testing"

	"github.com/align-team/align/model"
)

// TestAssess_Update_SealedAfterReveal: once the Review reveals an
// objective, Assess refuses to change a first-round estimate of it, says
// why, and nothing is saved.
func TestAssess_Update_SealedAfterReveal(t *testing.T) {
	a, st := newTestApp(t, 80, 24)
	a = press(t, a, "3", "enter", " ")
	var sealed model.Outcome
	for _, o := range sprintData(t, st).Outcomes {
		if o.Sealed && o.Revealed {
			sealed = o
		}
	}
	if !sealed.Sealed {
		t.Fatal("space on the Review sealed nothing")
	}
	before := sprintData(t, st).Assessments
	a = press(t, a, "2", "/", "l", "i", "n", "enter")
	idx := -1
	for i, o := range a.assessScreen.objectives {
		if o.ID == sealed.ObjectiveID {
			idx = i
		}
	}
	for range idx {
		a = press(t, a, "j")
	}
	for _, k := range []string{"right", "5", "d", "a"} {
		a = press(t, a, k)
		contains(t, plain(a), "round 1 is sealed")
		a = press(t, a, "esc")
	}
	after := sprintData(t, st).Assessments
	if len(after) != len(before) {
		t.Fatalf("%d estimates after the refusals, %d before", len(after), len(before))
	}
	for i := range before {
		if before[i] != after[i] {
			t.Fatalf("estimate %d changed: %+v → %+v", i, before[i], after[i])
		}
	}
}
