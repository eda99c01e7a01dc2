// Package dashboard is the Dashboard screen: the selected sprint at a
// glance. It reads the snapshot the root broadcasts (ui.WorkspaceLoadedMsg)
// and asks the root to open an objective's review (ui.NavigateMsg).
package dashboard

import (
	"fmt"
	"strings"
	"time"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/align-team/align/views/ui"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Model is the Dashboard screen: the selected sprint at a glance: dates, goal, who has
// submitted and, per objective, the team's median, range and level. Before
// the sprint is in review it shows only how many have answered.
type Model struct {
	deps          ui.Deps
	keys          keyMap
	width, height int
	loaded        bool
	data          ui.WorkspaceData
	cursor        int
	first         int // first visible objective
}

// New returns the Dashboard screen.
func New(d ui.Deps) Model { return Model{deps: d, keys: newKeyMap()} }

// SetSize sets the content size.
func (m Model) SetSize(w, h int) Model {
	m.width, m.height = w, h
	m.first = ui.Window(m.first, m.cursor, m.visibleRows(), len(m.data.Report.Objectives))
	return m
}

// ShortHelp returns the bindings of the short help line.
func (m Model) ShortHelp() []key.Binding {
	return []key.Binding{ui.Relabel(m.keys.Up, "↑/↓", "objective"), m.keys.Open}
}

// FullHelp returns the bindings of the full help.
func (m Model) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.keys.Up, m.keys.Down, m.keys.Open}}
}

// Update handles a message.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	n := len(m.data.Report.Objectives)
	switch msg := msg.(type) {
	case ui.WorkspaceLoadedMsg:
		m.data, m.loaded = msg.Data, true
		m.cursor = ui.Clamp(m.cursor, 0, max(0, len(m.data.Report.Objectives)-1))
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, m.keys.Up):
			m.cursor = ui.Clamp(m.cursor-1, 0, max(0, n-1))
		case key.Matches(msg, m.keys.Down):
			m.cursor = ui.Clamp(m.cursor+1, 0, max(0, n-1))
		case key.Matches(msg, m.keys.Open):
			if n > 0 {
				id := m.data.Report.Objectives[m.cursor].Objective.ID
				return m, func() tea.Msg { return ui.NavigateMsg{To: ui.ScreenReview, Objective: id} }
			}
		}
	case tea.MouseMsg:
		switch {
		case msg.Button == tea.MouseButtonWheelUp:
			m.cursor = ui.Clamp(m.cursor-1, 0, max(0, n-1))
		case msg.Button == tea.MouseButtonWheelDown:
			m.cursor = ui.Clamp(m.cursor+1, 0, max(0, n-1))
		case msg.Button == tea.MouseButtonLeft && msg.Action == tea.MouseActionPress:
			if row := (msg.Y - m.headLines()) / 2; msg.Y >= m.headLines() && m.first+row < n {
				m.cursor = m.first + row
			}
		}
	}
	m.first = ui.Window(m.first, m.cursor, m.visibleRows(), n)
	return m, nil
}

// headLines is the number of lines above the objective rows.
func (m Model) headLines() int { return 5 }

// visibleRows is how many two-line objective rows fit.
func (m Model) visibleRows() int { return max(1, (m.height-m.headLines())/2) }

// revealed reports whether figures may show: the sprint is in review or
// closed.
func (m Model) revealed() bool {
	st := m.data.Sprint.Sprint.State
	return st == model.StateReview || st == model.StateClosed
}

// View renders the screen.
func (m Model) View() string {
	s := m.deps.Styles
	if !m.loaded {
		return s.Faint.Render("Loading the workspace…")
	}
	if !m.data.HasSprint {
		return s.Title.Render("No sprint yet") + "\n" +
			s.Text.Render(strings.Join(ui.Wrap("Create one on the Plan screen (4) or with `align sprint add`.", m.width), "\n"))
	}
	sp := m.data.Sprint.Sprint
	r := m.data.Report
	var b strings.Builder
	name := s.Title.Render(sp.Name)
	if !m.data.Current {
		name += s.Marker.Render(" (not current)")
	}
	b.WriteString(ui.Truncate(name+s.Faint.Render(fmt.Sprintf("  %s → %s · %s · ",
		sp.Start.Format(model.DateLayout), sp.End.Format(model.DateLayout), daysLeft(sp, m.data.Today)))+
		s.Accent.Render(string(sp.State)), m.width) + "\n")
	goal := sp.Goal
	if goal == "" {
		goal = "(no sprint goal)"
	}
	b.WriteString(ui.Truncate(s.Faint.Render("Goal: ")+s.Text.Render(ui.FirstLine(goal)), m.width) + "\n")
	sub := fmt.Sprintf("Submissions: %d of %d", r.Submitted, r.Expected)
	if len(r.NotSubmitted) > 0 {
		sub += " — waiting for " + strings.Join(r.NotSubmitted, ", ")
	}
	b.WriteString(ui.Truncate(s.Text.Render(sub), m.width) + "\n")
	if !m.revealed() {
		b.WriteString(ui.Truncate(s.Faint.Render("Figures stay hidden until the sprint is in review."), m.width) + "\n")
	} else if m.data.Sprint.Sprint.State == model.StateReview {
		b.WriteString(ui.Truncate(s.Faint.Render("Figures show as the facilitator reveals each objective."), m.width) + "\n")
	} else {
		b.WriteString("\n")
	}
	b.WriteString(m.tableHeader() + "\n")
	if len(r.Objectives) == 0 {
		b.WriteString(s.Faint.Render("No objectives yet: add them on the Plan screen (4)."))
		return b.String()
	}
	end := min(len(r.Objectives), m.first+m.visibleRows())
	for i := m.first; i < end; i++ {
		b.WriteString(m.row(r.Objectives[i], i == m.cursor))
		if i < end-1 {
			b.WriteString("\n")
		}
	}
	return b.String()
}

// Column widths of the objective table. The title gets the room first, up
// to MaxTitle so that the figures stay next to it on a wide terminal;
// on a narrow one the stories and then the range columns go before the
// title shrinks below dashMinTitle.
const (
	dashBarWidth    = 10
	dashFigureWidth = dashBarWidth + 6 // bar, space, "52.5%"
	dashRangeWidth  = 8
	dashStoryWidth  = 10 // "10/12 done"
	dashMinTitle    = 24
	MaxTitle        = 48 // exported: the root's layout test checks it
)

// dashCols is the table's layout for the current width.
type dashCols struct {
	title         int
	range_, story bool
}

// cols lays the table out: see the constants above.
func (m Model) cols() dashCols {
	c := dashCols{range_: true, story: true}
	need := func() int {
		n := 2 + dashFigureWidth + 1 + ui.LevelLabelWidth + 1 // cursor, median, level, gaps
		if c.range_ {
			n += dashRangeWidth + 1
		}
		if c.story {
			n += dashStoryWidth + 1
		}
		return n
	}
	if m.width-need() < dashMinTitle {
		c.story = false
	}
	if m.width-need() < dashMinTitle {
		c.range_ = false
	}
	c.title = ui.Clamp(m.width-need(), 8, MaxTitle)
	return c
}

// figuresWidth is the width of the median, range and level columns.
func (c dashCols) figuresWidth() int {
	n := dashFigureWidth + 1 + ui.LevelLabelWidth
	if c.range_ {
		n += dashRangeWidth + 1
	}
	return n
}

func (m Model) tableHeader() string {
	s := m.deps.Styles
	c := m.cols()
	h := "  " + ui.PadRight("Objective", c.title) + " " + ui.PadRight("Median", dashFigureWidth) + " "
	if c.range_ {
		h += ui.PadRight("Range", dashRangeWidth) + " "
	}
	h += ui.PadRight("Level", ui.LevelLabelWidth)
	if c.story {
		h += " Stories"
	}
	return s.Faint.Render(ui.Truncate(h, m.width))
}

// row renders one objective in two lines: figures, then the linked goal.
func (m Model) row(o model.ObjectiveStats, selected bool) string {
	s := m.deps.Styles
	c := m.cols()
	title := ui.PadRight(ui.Truncate(o.Objective.Title, c.title), c.title)
	prefix := "  "
	if selected {
		prefix = s.Accent.Render("▸ ")
		title = s.Selected.Render(title)
	} else {
		title = s.Bold.Render(title)
	}
	var fig string
	switch {
	case !m.data.FiguresShown(o.Objective.ID):
		fig = s.Faint.Render(ui.PadRight(fmt.Sprintf("%d of %d answered", o.Responses+o.Abstained, m.data.Report.Expected), c.figuresWidth()))
	case o.Responses == 0:
		fig = s.Faint.Render(ui.PadRight("no estimates", c.figuresWidth()))
	default:
		fig = ui.Bar(s, ui.RoundHalfUp(o.Median), dashBarWidth) + " " + ui.PadRight(export.Figure(o.Median)+"%", 5)
		if c.range_ {
			fig += " " + ui.PadRight(fmt.Sprintf("%d–%d", o.Min, o.Max), dashRangeWidth)
		}
		fig += " " + s.Level(o.Level).Render(ui.PadRight(ui.LevelLabel(o.Level), ui.LevelLabelWidth))
	}
	line1 := prefix + title + " " + fig
	if c.story {
		stories := s.Faint.Render("no stories")
		if o.Evidence.Stories > 0 {
			stories = fmt.Sprintf("%d/%d done", o.Evidence.StoriesDone, o.Evidence.Stories)
		}
		line1 += " " + stories
	}
	goal := m.data.GoalTitle(o.Objective.GoalID)
	if goal == "" {
		goal = s.Faint.Render("↳ no linked goal")
	} else {
		goal = s.Faint.Render("↳ goal: " + goal)
	}
	return ui.Truncate(line1, m.width) + "\n" + ui.Truncate("    "+goal, m.width)
}

// daysLeft describes where today falls in the sprint's dates.
func daysLeft(sp model.Sprint, today time.Time) string {
	day := 24 * time.Hour
	switch {
	case today.Before(sp.Start):
		return "starts in " + export.Plural(int(sp.Start.Sub(today)/day), "day", "days")
	case today.After(sp.End):
		return "ended " + export.Plural(int(today.Sub(sp.End)/day), "day", "days") + " ago"
	}
	left := int(sp.End.Sub(today) / day)
	if left == 0 {
		return "last day"
	}
	return export.Plural(left, "day", "days") + " left"
}

// WithFacilitator returns the screen for a viewer whose role is now f (the
// root's RoleMsg).
func (m Model) WithFacilitator(f bool) Model {
	m.deps.Facilitator = f
	return m
}

// Facilitator reports whether the screen shows what a facilitator sees.
func (m Model) Facilitator() bool { return m.deps.Facilitator }
