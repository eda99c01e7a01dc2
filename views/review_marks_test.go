package views

import (
	"strings"
	"testing"
)

// Without colour, a discussed objective and an aligned one read apart.
func TestReview_View_DiscussedIsNotAligned(t *testing.T) {
	a, _ := newTestApp(t, 120, 40)
	a = reviewAgenda(t, a)
	a = press(t, a, " ", "enter") // reveal the first objective, mark it discussed
	var discussed string
	for _, l := range splitLines(a.View()) {
		if strings.Contains(l, a.reviewScreen.agenda[0].Objective.Title[:12]) {
			discussed = l
			break
		}
	}
	if strings.Contains(discussed, "✓") || !strings.Contains(discussed, discussedMark) {
		t.Fatalf("discussed row %q: want %s, not ✓ (aligned)", discussed, discussedMark)
	}
	contains(t, plain(a), discussedMark+" discussed")
}
