package views

import (
	"strings"
	"testing"
)

// The figures of an objective appear nowhere before its reveal: not in the
// agreed-value prompt, not on the facilitator's Assess or Dashboard.

func TestReview_Update_AgreeBeforeRevealHidesMedian(t *testing.T) {
	a, _ := newTestApp(t, 120, 40)
	a = reviewAgenda(t, a)
	a = press(t, a, "v")
	v := plain(a)
	if strings.Contains(v, "median") || strings.Contains(v, "52.5") || a.reviewScreen.Agreed() != "" {
		t.Fatalf("v before the reveal shows the median (field %q):\n%s", a.reviewScreen.Agreed(), v)
	}
	a = press(t, a, "esc", " ", "v")
	contains(t, plain(a), "median 52.5")
	if got := a.reviewScreen.Agreed(); got != "53" {
		t.Fatalf("after the reveal the field holds %q, want the rounded median 53", got)
	}
}

func TestApp_View_FacilitatorScreensHideUnrevealedFigures(t *testing.T) {
	a, _ := newTestApp(t, 120, 40)
	a = press(t, a, "1")
	if v := plain(a); strings.Contains(v, "52.5%") || !strings.Contains(v, "6 of 6 answered") {
		t.Fatalf("the Dashboard shows a median before any reveal:\n%s", v)
	}
	a = press(t, a, "2", "/", "l", "i", "n", "enter")
	if v := plain(a); strings.Contains(v, "Team: median") {
		t.Fatalf("Assess shows team figures before the reveal:\n%s", v)
	}
	// Reveal the first objective: now it, and only it, shows its figures.
	a = reviewAgendaFromAssess(t, a)
	a = press(t, a, " ")
	first := a.reviewScreen.Agenda()[0].Objective.Title
	a = press(t, a, "1")
	v := plain(a)
	if !strings.Contains(v, "52.5%") || strings.Count(v, "answered") != len(a.reviewScreen.Agenda())-1 {
		t.Fatalf("after revealing %q the Dashboard should show its figures only:\n%s", first, v)
	}
}

// reviewAgendaFromAssess goes to the Review agenda from Assess, where
// digits type: with tab.
func reviewAgendaFromAssess(t *testing.T, a App) App {
	t.Helper()
	a = press(t, a, "tab")
	if a.reviewScreen.InActions() {
		a = press(t, a, "enter")
	}
	return a
}
