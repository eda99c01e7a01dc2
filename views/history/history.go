// Package history is the History screen: every sprint's alignment score
// with a sparkline of the trend, and each member's calibration against the
// agreed outcomes. Its data comes from the root in ui.HistoryLoadedMsg; it
// sends ui.OpenSprintMsg to open a sprint's review.
package history

import (
	"fmt"
	"math"
	"strings"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/align-team/align/views/ui"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// Model is the History screen: every sprint's alignment score with a
// sparkline of the trend, and each member's calibration against agreed
// outcomes.
type Model struct {
	deps          ui.Deps
	keys          keyMap
	input         ui.InputKeys
	width, height int
	loaded        bool
	history       ui.HistoryData
	rows          []int // indices into history.Trend, newest first, filtered
	cursor        int
	first         int
	filter        ui.Editor
	filtering     bool
	anonymous     bool // the review is anonymous: calibration names nobody
}

// New returns the History screen.
func New(d ui.Deps) Model {
	return Model{deps: d, keys: newKeyMap(), input: ui.NewInputKeys(), filter: ui.NewEditor(d.Styles, "/ ", false, model.MaxName)}
}

// SetSize sets the content size.
func (m Model) SetSize(w, h int) Model {
	m.width, m.height = w, h
	m.filter = m.filter.SetSize(w, 1)
	m.first = ui.Window(m.first, m.cursor, m.listRows(), len(m.rows))
	return m
}

// Capturing reports whether the filter input has focus.
func (m Model) Capturing() bool { return m.filtering }

// ShortHelp returns the bindings of the short help line.
func (m Model) ShortHelp() []key.Binding {
	if m.filtering {
		return []key.Binding{m.input.Submit, m.input.Cancel}
	}
	return []key.Binding{ui.Relabel(m.keys.Up, "↑/↓", "sprint"), m.keys.Open, m.keys.Filter}
}

// FullHelp returns the bindings of the full help.
func (m Model) FullHelp() [][]key.Binding {
	if m.filtering {
		return [][]key.Binding{m.ShortHelp()}
	}
	return [][]key.Binding{{m.keys.Up, m.keys.Down, m.keys.Open, m.keys.Filter}}
}

// Update handles a message.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case ui.WorkspaceLoadedMsg:
		m.anonymous = msg.Data.Workspace.Settings.AnonymousReveal
	case ui.HistoryLoadedMsg:
		m.history, m.loaded = m.visible(msg.History), true
		m = m.refilter()
	case tea.KeyMsg:
		if m.filtering {
			return m.updateFilter(msg)
		}
		switch {
		case key.Matches(msg, m.keys.Up):
			m.cursor = ui.Clamp(m.cursor-1, 0, max(0, len(m.rows)-1))
		case key.Matches(msg, m.keys.Down):
			m.cursor = ui.Clamp(m.cursor+1, 0, max(0, len(m.rows)-1))
		case key.Matches(msg, m.keys.Open):
			return m, m.open()
		case key.Matches(msg, m.keys.Filter):
			m.filtering = true
			m.filter = m.filter.Focus()
		case key.Matches(msg, m.input.Cancel):
			if m.filter.Value() != "" {
				m.filter = m.filter.SetValue("")
				m = m.refilter()
			}
		}
	case tea.MouseMsg:
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			m.cursor = ui.Clamp(m.cursor-1, 0, max(0, len(m.rows)-1))
		case tea.MouseButtonWheelDown:
			m.cursor = ui.Clamp(m.cursor+1, 0, max(0, len(m.rows)-1))
		}
	}
	m.first = ui.Window(m.first, m.cursor, m.listRows(), len(m.rows))
	return m, nil
}

func (m Model) updateFilter(msg tea.KeyMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.input.Submit):
		m.filtering = false
		m.filter = m.filter.Blur()
		return m, nil
	case key.Matches(msg, m.input.Cancel):
		m.filtering = false
		m.filter = m.filter.Blur().SetValue("")
		return m.refilter(), nil
	}
	m.filter = m.filter.Update(msg)
	return m.refilter(), nil
}

// refilter recomputes the visible rows (newest first) from the filter text.
func (m Model) refilter() Model {
	q := strings.ToLower(strings.TrimSpace(m.filter.Value()))
	m.rows = m.rows[:0:0]
	for i := len(m.history.Trend) - 1; i >= 0; i-- {
		if q == "" || strings.Contains(strings.ToLower(m.history.Trend[i].Sprint.Name), q) {
			m.rows = append(m.rows, i)
		}
	}
	m.cursor = ui.Clamp(m.cursor, 0, max(0, len(m.rows)-1))
	m.first = ui.Window(m.first, m.cursor, m.listRows(), len(m.rows))
	return m
}

// historyListWidth is how wide the sprint list's columns are, Round 2
// included; calibrationTableWidth is the calibration table's (listView,
// calibrationView).
const (
	historyListWidth      = 72
	calibrationTableWidth = 49
)

// wide reports whether the calibration sits beside the sprint list: only
// when both fit whole, with two columns between them.
func (m Model) wide() bool { return m.width >= historyListWidth+2+calibrationTableWidth }

// listWidth is the width the sprint list gets beside the calibration.
func (m Model) listWidth() int { return max(historyListWidth+2, m.width*55/100) }

// listRows is how many sprint rows fit.
func (m Model) listRows() int {
	h := m.height - 6 // title, sparkline, its caption, blank line, list header, participation line
	if m.filtering || m.filter.Value() != "" {
		h--
	}
	if !m.wide() {
		h -= 3 + min(len(m.history.Calibration), 6)
	}
	return max(1, h)
}

// View renders the screen.
func (m Model) View() string {
	s := m.deps.Styles
	if !m.loaded {
		return s.Faint.Render("Loading the history…")
	}
	if len(m.history.Trend) == 0 {
		return s.Title.Render("History") + "\n" + s.Faint.Render("No sprints yet.")
	}
	var b strings.Builder
	b.WriteString(s.Title.Render("Alignment over time") + "\n")
	spark, caption := m.sparkline(m.width)
	b.WriteString(spark + "\n" + s.Faint.Render(ui.Truncate(caption, m.width)) + "\n\n")
	cal := m.calibrationView()
	list := m.listView()
	if m.wide() {
		lw := m.listWidth()
		b.WriteString(lipgloss.JoinHorizontal(lipgloss.Top, s.Plain.Width(lw).Render(ui.Fit(list, lw-2, m.height)), ui.Fit(cal, m.width-lw, m.height)))
	} else {
		b.WriteString(list + "\n\n" + cal)
	}
	return b.String()
}

func (m Model) listView() string {
	s := m.deps.Styles
	var b strings.Builder
	if m.filtering || m.filter.Value() != "" {
		b.WriteString(m.filter.View() + "\n")
	}
	b.WriteString(s.Faint.Render(fmt.Sprintf("  %-20s %-10s %-9s %-5s %-14s %s", "Sprint", "Start", "State", "Ans.", "Score", "Round 2")))
	if len(m.rows) == 0 {
		b.WriteString("\n" + s.Faint.Render("No sprint matches."))
	}
	end := min(len(m.rows), m.first+m.listRows())
	for i := m.first; i < end; i++ {
		p := m.history.Trend[m.rows[i]]
		score := s.Faint.Render("—") + strings.Repeat(" ", 13)
		if p.HasScore {
			score = ui.Bar(s, int(math.Round(p.Score)), 10) + fmt.Sprintf(" %3s", export.Whole(p.Score))
		}
		ans := fmt.Sprintf("%d/%d", p.Participation.Answered, p.Participation.Expected)
		line := fmt.Sprintf("%-20s %-10s %-9s %-5s ", ui.Truncate(p.Sprint.Name, 20), p.Sprint.Start.Format(model.DateLayout), p.Sprint.State, ans)
		cur := "  "
		if i == m.cursor {
			cur, line = s.Accent.Render("▸ "), s.Selected.Render(line)
		}
		b.WriteString("\n" + cur + line + score + narrowingCell(s, p.Narrowing))
	}
	if m.cursor < len(m.rows) {
		b.WriteString("\n" + s.Faint.Render(participationLine(m.history.Trend[m.rows[m.cursor]])))
	}
	return b.String()
}

// participationLine says how the selected sprint's members answered:
// "Sprint 25: 5 of 6 answered every objective; late: lin".
func participationLine(p model.ScorePoint) string {
	pa := p.Participation
	line := fmt.Sprintf("  %s: %d of %d answered every objective", p.Sprint.Name, pa.Answered, pa.Expected)
	if len(pa.Late) > 0 {
		line += "; late: " + strings.Join(pa.Late, ", ")
	}
	return line + narrowingText(p.Narrowing)
}

// sparkline renders the most recent scores that fit in w cells, with a
// caption naming the span and the latest score.
func (m Model) sparkline(w int) (string, string) {
	const ticks = "▁▂▃▄▅▆▇█"
	runes := []rune(ticks)
	pts := m.history.Trend
	if len(pts) > w {
		pts = pts[len(pts)-w:]
	}
	lo, hi := 100.0, 0.0
	for _, p := range pts {
		if p.HasScore {
			lo, hi = math.Min(lo, p.Score), math.Max(hi, p.Score)
		}
	}
	var b strings.Builder
	var last *model.ScorePoint
	for i := range pts {
		p := pts[i]
		if !p.HasScore {
			b.WriteString(" ")
			continue
		}
		last = &pts[i]
		// On the score's own 0–100 scale: stretching 66–76 over the
		// whole height would draw a small change as a large one.
		idx := ui.Clamp(int(p.Score*float64(len(runes)-1)/100+0.5), 0, len(runes)-1)
		b.WriteRune(runes[idx])
	}
	caption := fmt.Sprintf("%d sprints", len(pts))
	switch {
	case len(pts) == 0:
	case len(pts) < len(m.history.Trend):
		caption = fmt.Sprintf("last %d of %d sprints (%s → %s)", len(pts), len(m.history.Trend), pts[0].Sprint.Name, pts[len(pts)-1].Sprint.Name)
	default:
		caption = fmt.Sprintf("%s → %s (%d)", pts[0].Sprint.Name, pts[len(pts)-1].Sprint.Name, len(pts))
	}
	if last != nil {
		caption += fmt.Sprintf("; scores %s–%s of 100, latest %s (100 = all agree)", export.Whole(lo), export.Whole(hi), export.Whole(last.Score))
	}
	return m.deps.Styles.Accent.Render(b.String()), caption
}

// visible is h as this viewer may see it: a member (over serve) sees no
// score for a sprint that is not closed yet, since that score is made of
// estimates the facilitator may not have revealed.
func (m Model) visible(h ui.HistoryData) ui.HistoryData {
	if m.deps.Facilitator {
		return h
	}
	trend := make([]model.ScorePoint, len(h.Trend))
	for i, p := range h.Trend {
		if p.Sprint.State != model.StateClosed {
			p.Score, p.HasScore = 0, false
		}
		trend[i] = p
	}
	h.Trend = trend
	return h
}

// WithFacilitator returns the screen for a viewer whose role is now f (the
// root's RoleMsg): a facilitator sees the scores of open sprints too.
func (m Model) WithFacilitator(f bool) Model {
	m.deps.Facilitator = f
	return m
}

// Facilitator reports whether the screen shows what a facilitator sees.
func (m Model) Facilitator() bool { return m.deps.Facilitator }

// Loaded reports whether a history load has been shown.
func (m Model) Loaded() bool { return m.loaded }

// Data returns the history the screen shows.
func (m Model) Data() ui.HistoryData { return m.history }
