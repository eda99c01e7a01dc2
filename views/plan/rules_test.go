package plan

import (
	"testing"

	"github.com/align-team/align/model"
)

func TestNextName(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Sprint 25", "Sprint 26"}, {"S9", "S10"}, {"Q3-2025-7", "Q3-2025-8"}, {"Launch", ""}, {"", ""},
	} {
		if got := nextName(c.in); got != c.want {
			t.Errorf("nextName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestNextState_PrevState(t *testing.T) {
	for _, c := range []struct {
		in         model.SprintState
		next, prev model.SprintState
	}{
		{model.StatePlanning, model.StateAssessing, ""},
		{model.StateAssessing, model.StateReview, model.StatePlanning},
		{model.StateReview, model.StateClosed, model.StateAssessing},
		{model.StateClosed, "", ""},
	} {
		if got, _ := nextState(c.in); got != c.next {
			t.Errorf("nextState(%s) = %s, want %s", c.in, got, c.next)
		}
		if got, _ := prevState(c.in); got != c.prev {
			t.Errorf("prevState(%s) = %s, want %s", c.in, got, c.prev)
		}
	}
}
