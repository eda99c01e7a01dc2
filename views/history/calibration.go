package history

import (
	"fmt"
	"strings"

	"github.com/align-team/align/views/ui"
	tea "github.com/charmbracelet/bubbletea"
)

// calibrationMinOutcomes is how many agreed outcomes a member's estimates
// must be compared with before the screen names their tendency: one or two
// data points say nothing about a person, and the screen is often shared.
const calibrationMinOutcomes = 5

// calibrationView lists each member's calibration. A member with fewer than
// calibrationMinOutcomes agreed outcomes gets no tendency, and while the
// review is anonymous (the anonymous-reveal setting) the table is kept off
// the screen altogether.
func (m Model) calibrationView() string {
	s := m.deps.Styles
	var b strings.Builder
	b.WriteString(s.Title.Render("Calibration") + s.Faint.Render(fmt.Sprintf("  estimate − agreed, last %d sprints", ui.CalibrationWindow)) + "\n")
	switch {
	case len(m.history.Calibration) == 0:
		b.WriteString(s.Faint.Render("No agreed outcomes yet."))
		return b.String()
	case m.anonymous:
		b.WriteString(s.Faint.Render(strings.Join(ui.Wrap("Hidden while the review is anonymous (x on the Review screen, or align config anonymous-reveal false).", max(20, m.calWidth())), "\n")))
		return b.String()
	}
	b.WriteString(s.Faint.Render(fmt.Sprintf("%-12s %-12s %8s %8s %5s", "Member", "Tendency", "Mean gap", "Mean |Δ|", "Count")))
	rows := len(m.history.Calibration)
	if !m.wide() {
		rows = min(rows, 6)
	}
	for _, c := range m.history.Calibration[:rows] {
		if c.Count < calibrationMinOutcomes {
			b.WriteString(fmt.Sprintf("\n%-12s %s %5d", ui.Truncate(c.Handle, 12),
				s.Faint.Render(ui.PadRight(fmt.Sprintf("too few outcomes (%d of %d)", c.Count, calibrationMinOutcomes), 30)), c.Count))
			continue
		}
		t := c.Tendency()
		ts := s.Text
		switch t {
		case "optimist":
			t, ts = "↑ "+t, s.Divergent
		case "pessimist":
			t, ts = "↓ "+t, s.Accent
		default:
			t, ts = "= "+t, s.Aligned
		}
		b.WriteString(fmt.Sprintf("\n%-12s %s %+8.1f %8.1f %5d", ui.Truncate(c.Handle, 12), ts.Render(ui.PadRight(t, 12)), c.MeanGap, c.MeanAbsGap, c.Count))
	}
	return b.String()
}

// calWidth is the width the calibration table gets.
func (m Model) calWidth() int {
	if m.wide() {
		return m.width - m.listWidth()
	}
	return m.width
}

// open shows the sprint under the cursor on every screen and opens its
// review: the way from the trend to what happened in one sprint.
func (m Model) open() tea.Cmd {
	if m.cursor < 0 || m.cursor >= len(m.rows) {
		return nil
	}
	id := m.history.Trend[m.rows[m.cursor]].Sprint.ID
	return func() tea.Msg { return ui.OpenSprintMsg{ID: id} }
}
