package views

import (
	"fmt"
	"strings"
	"testing"
)

// TestHistory_View_HeadersWholeAtEveryWidth: at 80, 100 and 120 columns
// (and wider) no column header of the sprint list or the calibration is
// cut; at 100 the screen is kept as a golden file.
func TestHistory_View_HeadersWholeAtEveryWidth(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {100, 30}, {120, 40}, {130, 40}, {200, 50}} {
		a, _ := newTestApp(t, size[0], size[1])
		a = press(t, a, "5")
		view := plain(a)
		for _, want := range []string{"Score", "Round 2", "Calibration  estimate − agreed, last 6 sprints", "Mean |Δ| Count", "Sprint 25: 5 of 6 answered every objective"} {
			if !strings.Contains(view, want) {
				t.Errorf("at %dx%d the History screen lacks %q whole:\n%s", size[0], size[1], want, view)
			}
		}
		if size == [2]int{100, 30} {
			golden(t, fmt.Sprintf("history_%dx%d", size[0], size[1]), view)
		}
	}
}
