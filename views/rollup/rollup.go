// Package rollup is the organisation's roll-up screen: the goals, the
// teams working on each, and each team's objectives, one drill-down level
// at a time (goal → team → objective), plus every team against its own
// past. It owns its model, update and view; the data is a model.Rollup
// computed before the screen opens, so View only draws.
package rollup

import (
	"github.com/align-team/align/model"
	"github.com/align-team/align/views/ui"
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Minimum size the screen draws in.
const (
	minWidth  = 60
	minHeight = 12
)

// level is how deep the drill-down is.
type level int

const (
	levelGoals level = iota
	levelTeams
	levelObjectives
	levelTeamPast // the teams against their own past
)

// entry is one row of the goals list: a goal with work, or an idle one.
type entry struct {
	goal model.GoalRollup
	idle bool
}

// Model is the roll-up screen.
type Model struct {
	r       model.Rollup
	entries []entry
	styles  ui.Styles
	keys    keyMap
	help    help.Model
	w, h    int
	at      level
	cursor  [4]int // per level
}

// New returns the screen over r at w×h.
func New(r model.Rollup, styles ui.Styles, w, h int) Model {
	m := Model{r: r, styles: styles, keys: newKeys(), help: help.New()}
	m.help.Styles = styles.Help
	for _, g := range r.Goals {
		m.entries = append(m.entries, entry{goal: g})
	}
	for _, g := range r.Idle {
		m.entries = append(m.entries, entry{goal: model.GoalRollup{Goal: g}, idle: true})
	}
	return m.SetSize(w, h)
}

// SetSize sets the screen's size.
func (m Model) SetSize(w, h int) Model {
	m.w, m.h = w, h
	m.help.Width = w
	return m
}

// Init starts nothing: the roll-up is computed before the screen opens.
func (m Model) Init() tea.Cmd { return nil }

// Update handles keys and window sizes.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return m.SetSize(msg.Width, msg.Height), nil
	case tea.KeyMsg:
		return m.key(msg)
	}
	return m, nil
}

func (m Model) key(msg tea.KeyMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Quit):
		return m, tea.Quit
	case key.Matches(msg, m.keys.Help):
		m.help.ShowAll = !m.help.ShowAll
	case key.Matches(msg, m.keys.Up):
		m.cursor[m.at] = max(m.cursor[m.at]-1, 0)
	case key.Matches(msg, m.keys.Down):
		m.cursor[m.at] = min(m.cursor[m.at]+1, max(m.rows()-1, 0))
	case key.Matches(msg, m.keys.Open):
		m = m.open()
	case key.Matches(msg, m.keys.Back):
		m = m.back()
	case key.Matches(msg, m.keys.Teams):
		if m.at == levelTeamPast {
			m.at = levelGoals
		} else {
			m.at, m.cursor[levelTeamPast] = levelTeamPast, 0
		}
	}
	return m, nil
}

// open drills one level down from the row under the cursor.
func (m Model) open() Model {
	switch m.at {
	case levelGoals:
		if g, ok := m.goal(); ok && len(g.goal.Teams) > 0 {
			m.at, m.cursor[levelTeams] = levelTeams, 0
		}
	case levelTeams:
		if t, ok := m.team(); ok && len(t.Objectives) > 0 {
			m.at, m.cursor[levelObjectives] = levelObjectives, 0
		}
	}
	return m
}

func (m Model) back() Model {
	switch m.at {
	case levelTeams, levelTeamPast:
		m.at = levelGoals
	case levelObjectives:
		m.at = levelTeams
	}
	return m
}

// rows is the number of rows at the current level.
func (m Model) rows() int {
	switch m.at {
	case levelGoals:
		return len(m.entries)
	case levelTeams:
		if g, ok := m.goal(); ok {
			return len(g.goal.Teams)
		}
	case levelObjectives:
		if t, ok := m.team(); ok {
			return len(t.Objectives)
		}
	case levelTeamPast:
		return len(m.r.Teams)
	}
	return 0
}

func (m Model) goal() (entry, bool) {
	i := m.cursor[levelGoals]
	if i < 0 || i >= len(m.entries) {
		return entry{}, false
	}
	return m.entries[i], true
}

func (m Model) team() (model.GoalTeam, bool) {
	g, ok := m.goal()
	i := m.cursor[levelTeams]
	if !ok || i < 0 || i >= len(g.goal.Teams) {
		return model.GoalTeam{}, false
	}
	return g.goal.Teams[i], true
}

func (m Model) objective() (model.ObjectiveSummary, bool) {
	t, ok := m.team()
	i := m.cursor[levelObjectives]
	if !ok || i < 0 || i >= len(t.Objectives) {
		return model.ObjectiveSummary{}, false
	}
	return t.Objectives[i], true
}
