package review

import (
	"strings"
	"testing"

	"github.com/align-team/align/model"
	"github.com/align-team/align/views/ui"
	"github.com/align-team/align/views/uitest"
	"github.com/charmbracelet/x/ansi"
)

// One estimate is a dot even when its neighbour's cell is taken: the plot
// drew "+" (ten or more) for single estimates side by side.
func TestDotPlot_NeighbouringSinglesAreDots(t *testing.T) {
	m := map[string]int{}
	var hs []string
	for i, h := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"} {
		m[h] = 40 + i*2
		hs = append(hs, h)
	}
	out := dotPlot(ui.NewStyles(uitest.Renderer()), plotStats(m, hs...), 42, false)
	for _, l := range out {
		if strings.Contains(l, "+") {
			t.Fatalf("a single estimate drawn as +:\n%s", strings.Join(out, "\n"))
		}
	}
}

func TestReview_LateMark(t *testing.T) {
	var m Model
	late := model.Estimate{Handle: "zed", Late: true}
	if got := m.lateMark(late); got != " (late)" {
		t.Errorf("late estimate marked %q", got)
	}
	if got := m.lateMark(model.Estimate{Handle: "ana"}); got != "" {
		t.Errorf("on-time estimate marked %q", got)
	}
	m.anonymous = true
	if got := m.lateMark(late); got != "" {
		t.Errorf("anonymous mode marks a late estimate %q: it would single its author out", got)
	}
}

// plotStats is an objective's figures for estimates given as handle → value.
func plotStats(values map[string]int, order ...string) model.ObjectiveStats {
	st := model.ObjectiveStats{Responses: len(order)}
	for _, h := range order {
		st.Estimates = append(st.Estimates, model.Estimate{Handle: h, Progress: values[h], Confidence: 3})
	}
	return st
}

func TestDotPlot_CoincidingEstimates(t *testing.T) {
	loyalty := plotStats(map[string]int{"mateo": 68, "amara": 72, "sofia": 72, "lin": 75, "priya": 75, "jonas": 80},
		"mateo", "amara", "sofia", "lin", "priya", "jonas")
	crowd := plotStats(map[string]int{"anastasia": 50, "bartholomew": 50, "christopher": 50, "dominique": 50, "evangeline": 51},
		"anastasia", "bartholomew", "christopher", "dominique", "evangeline")
	tests := []struct {
		name      string
		st        model.ObjectiveStats
		w         int
		anonymous bool
		want      []string // in the plot
		count     string   // on the dots row
	}{
		{name: "loyalty at 80 columns", st: loyalty, w: 58, want: []string{"mateo", "amara,sofia", "lin,priya", "jonas"}, count: "2"},
		{name: "loyalty anonymous", st: loyalty, w: 58, anonymous: true, count: "2"},
		{name: "neighbouring counts share a column", st: loyalty, w: 42, want: []string{"amara,sofia,lin,priya"}, count: "4"},
		{name: "labels too wide go under the plot", st: crowd, w: 20, want: []string{"also:", "anastasia", "evangeline"}, count: "5"},
	}
	s := ui.NewStyles(uitest.Renderer())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := dotPlot(s, tt.st, tt.w, tt.anonymous)
			plot := ansi.Strip(strings.Join(out, "\n"))
			for _, l := range out {
				if lw := ansi.StringWidth(l); lw > tt.w {
					t.Errorf("line %d wide, want at most %d: %q", lw, tt.w, ansi.Strip(l))
				}
			}
			for _, w := range tt.want {
				if !strings.Contains(plot, w) {
					t.Errorf("plot lacks %q:\n%s", w, plot)
				}
			}
			for _, e := range tt.st.Estimates {
				if named := strings.Contains(plot, e.Handle); named == tt.anonymous {
					t.Errorf("%s named: %v, anonymous: %v\n%s", e.Handle, named, tt.anonymous, plot)
				}
			}
			lines := strings.Split(plot, "\n")
			dots := ""
			for i, l := range lines {
				if strings.HasPrefix(l, "├") && i > 0 {
					dots = lines[i-1] // the row above the axis
				}
			}
			if !strings.Contains(dots, tt.count) {
				t.Errorf("dots row %q lacks the count %q:\n%s", dots, tt.count, plot)
			}
		})
	}
}
