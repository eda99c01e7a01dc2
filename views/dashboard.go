package views

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Dashboard shows the selected sprint at a glance: dates, goal, who has
// submitted and, per objective, the team's median, range and level. Before
// the sprint is in review it shows only how many have answered.
type Dashboard struct {
	deps          deps
	keys          dashboardKeys
	width, height int
	loaded        bool
	data          workspaceData
	cursor        int
	first         int // first visible objective
}

// NewDashboard returns the Dashboard screen.
func NewDashboard(d deps) Dashboard { return Dashboard{deps: d, keys: newDashboardKeys()} }

// SetSize sets the content size.
func (m Dashboard) SetSize(w, h int) Dashboard {
	m.width, m.height = w, h
	m.first = window(m.first, m.cursor, m.visibleRows(), len(m.data.Report.Objectives))
	return m
}

// ShortHelp returns the bindings of the short help line.
func (m Dashboard) ShortHelp() []key.Binding {
	return []key.Binding{relabel(m.keys.Up, "↑/↓", "objective"), m.keys.Open}
}

// FullHelp returns the bindings of the full help.
func (m Dashboard) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.keys.Up, m.keys.Down, m.keys.Open}}
}

// Update handles a message.
func (m Dashboard) Update(msg tea.Msg) (Dashboard, tea.Cmd) {
	n := len(m.data.Report.Objectives)
	switch msg := msg.(type) {
	case workspaceLoadedMsg:
		m.data, m.loaded = msg.data, true
		m.cursor = clamp(m.cursor, 0, max(0, len(m.data.Report.Objectives)-1))
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, m.keys.Up):
			m.cursor = clamp(m.cursor-1, 0, max(0, n-1))
		case key.Matches(msg, m.keys.Down):
			m.cursor = clamp(m.cursor+1, 0, max(0, n-1))
		case key.Matches(msg, m.keys.Open):
			if n > 0 {
				id := m.data.Report.Objectives[m.cursor].Objective.ID
				return m, func() tea.Msg { return navigateMsg{to: screenReview, objective: id} }
			}
		}
	case tea.MouseMsg:
		switch {
		case msg.Button == tea.MouseButtonWheelUp:
			m.cursor = clamp(m.cursor-1, 0, max(0, n-1))
		case msg.Button == tea.MouseButtonWheelDown:
			m.cursor = clamp(m.cursor+1, 0, max(0, n-1))
		case msg.Button == tea.MouseButtonLeft && msg.Action == tea.MouseActionPress:
			if row := (msg.Y - m.headLines()) / 2; msg.Y >= m.headLines() && m.first+row < n {
				m.cursor = m.first + row
			}
		}
	}
	m.first = window(m.first, m.cursor, m.visibleRows(), n)
	return m, nil
}

// headLines is the number of lines above the objective rows.
func (m Dashboard) headLines() int { return 5 }

// visibleRows is how many two-line objective rows fit.
func (m Dashboard) visibleRows() int { return max(1, (m.height-m.headLines())/2) }

// revealed reports whether figures may show: the sprint is in review or
// closed.
func (m Dashboard) revealed() bool {
	st := m.data.Sprint.Sprint.State
	return st == model.StateReview || st == model.StateClosed
}

// View renders the screen.
func (m Dashboard) View() string {
	s := m.deps.styles
	if !m.loaded {
		return s.Faint.Render("Loading the workspace…")
	}
	if !m.data.HasSprint {
		return s.Title.Render("No sprint yet") + "\n" +
			s.Text.Render(strings.Join(wrap("Create one on the Plan screen (4) or with `align sprint add`.", m.width), "\n"))
	}
	sp := m.data.Sprint.Sprint
	r := m.data.Report
	var b strings.Builder
	name := s.Title.Render(sp.Name)
	if !m.data.Current {
		name += s.Marker.Render(" (not current)")
	}
	b.WriteString(truncate(name+s.Faint.Render(fmt.Sprintf("  %s → %s · %s · ",
		sp.Start.Format(model.DateLayout), sp.End.Format(model.DateLayout), daysLeft(sp, m.data.Today)))+
		s.Accent.Render(string(sp.State)), m.width) + "\n")
	goal := sp.Goal
	if goal == "" {
		goal = "(no sprint goal)"
	}
	b.WriteString(truncate(s.Faint.Render("Goal: ")+s.Text.Render(firstLine(goal)), m.width) + "\n")
	sub := fmt.Sprintf("Submissions: %d of %d", r.Submitted, r.Expected)
	if len(r.NotSubmitted) > 0 {
		sub += " — waiting for " + strings.Join(r.NotSubmitted, ", ")
	}
	b.WriteString(truncate(s.Text.Render(sub), m.width) + "\n")
	if !m.revealed() {
		b.WriteString(truncate(s.Faint.Render("Figures stay hidden until the sprint is in review."), m.width) + "\n")
	} else if m.data.Sprint.Sprint.State == model.StateReview {
		b.WriteString(truncate(s.Faint.Render("Figures show as the facilitator reveals each objective."), m.width) + "\n")
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
// to dashMaxTitle so that the figures stay next to it on a wide terminal;
// on a narrow one the stories and then the range columns go before the
// title shrinks below dashMinTitle.
const (
	dashBarWidth    = 10
	dashFigureWidth = dashBarWidth + 6 // bar, space, "52.5%"
	dashRangeWidth  = 8
	dashStoryWidth  = 10 // "10/12 done"
	dashMinTitle    = 24
	dashMaxTitle    = 48
)

// dashCols is the table's layout for the current width.
type dashCols struct {
	title         int
	range_, story bool
}

// cols lays the table out: see the constants above.
func (m Dashboard) cols() dashCols {
	c := dashCols{range_: true, story: true}
	need := func() int {
		n := 2 + dashFigureWidth + 1 + levelLabelWidth + 1 // cursor, median, level, gaps
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
	c.title = clamp(m.width-need(), 8, dashMaxTitle)
	return c
}

// figuresWidth is the width of the median, range and level columns.
func (c dashCols) figuresWidth() int {
	n := dashFigureWidth + 1 + levelLabelWidth
	if c.range_ {
		n += dashRangeWidth + 1
	}
	return n
}

func (m Dashboard) tableHeader() string {
	s := m.deps.styles
	c := m.cols()
	h := "  " + padRight("Objective", c.title) + " " + padRight("Median", dashFigureWidth) + " "
	if c.range_ {
		h += padRight("Range", dashRangeWidth) + " "
	}
	h += padRight("Level", levelLabelWidth)
	if c.story {
		h += " Stories"
	}
	return s.Faint.Render(truncate(h, m.width))
}

// row renders one objective in two lines: figures, then the linked goal.
func (m Dashboard) row(o model.ObjectiveStats, selected bool) string {
	s := m.deps.styles
	c := m.cols()
	title := padRight(truncate(o.Objective.Title, c.title), c.title)
	prefix := "  "
	if selected {
		prefix = s.Accent.Render("▸ ")
		title = s.Selected.Render(title)
	} else {
		title = s.Bold.Render(title)
	}
	var fig string
	switch {
	case !m.data.figuresShown(o.Objective.ID):
		fig = s.Faint.Render(padRight(fmt.Sprintf("%d of %d answered", o.Responses+o.Abstained, m.data.Report.Expected), c.figuresWidth()))
	case o.Responses == 0:
		fig = s.Faint.Render(padRight("no estimates", c.figuresWidth()))
	default:
		fig = bar(s, roundHalfUp(o.Median), dashBarWidth) + " " + padRight(export.Figure(o.Median)+"%", 5)
		if c.range_ {
			fig += " " + padRight(fmt.Sprintf("%d–%d", o.Min, o.Max), dashRangeWidth)
		}
		fig += " " + s.Level(o.Level).Render(padRight(LevelLabel(o.Level), levelLabelWidth))
	}
	line1 := prefix + title + " " + fig
	if c.story {
		stories := s.Faint.Render("no stories")
		if o.Evidence.Stories > 0 {
			stories = fmt.Sprintf("%d/%d done", o.Evidence.StoriesDone, o.Evidence.Stories)
		}
		line1 += " " + stories
	}
	goal := m.data.goalTitle(o.Objective.GoalID)
	if goal == "" {
		goal = s.Faint.Render("↳ no linked goal")
	} else {
		goal = s.Faint.Render("↳ goal: " + goal)
	}
	return truncate(line1, m.width) + "\n" + truncate("    "+goal, m.width)
}

// bar draws value (0–100) as a bar of w cells.
func bar(s Styles, value, w int) string {
	full := clamp(int(math.Round(float64(value)*float64(w)/100)), 0, w)
	return s.BarFull.Render(strings.Repeat("█", full)) + s.BarEmpty.Render(strings.Repeat("░", w-full))
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

// firstLine returns the first line of s.
func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}
