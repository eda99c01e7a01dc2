package assess

import (
	"strings"

	"github.com/align-team/align/model"
	"github.com/align-team/align/views/ui"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/google/uuid"
)

// The member picker of the Assess screen: "who are you?", remembered for the
// workspace for this OS user through Options.Memory.

// filteredCandidates returns the active members matching the filter.
func (m Model) filteredCandidates() []model.Member {
	q := strings.ToLower(strings.TrimSpace(m.pickFilter.Value()))
	if q == "" {
		return m.candidates
	}
	var out []model.Member
	for _, c := range m.candidates {
		if strings.Contains(strings.ToLower(c.Handle), q) || strings.Contains(strings.ToLower(c.Name), q) {
			out = append(out, c)
		}
	}
	return out
}

func (m Model) keyPick(msg tea.KeyMsg) (Model, tea.Cmd) {
	list := m.filteredCandidates()
	k := m.keys
	switch {
	case key.Matches(msg, k.Select):
		if m.pick < len(list) {
			return m.choose(list[m.pick])
		}
	case key.Matches(msg, k.Prev):
		m.pick = ui.Clamp(m.pick-1, 0, max(0, len(list)-1))
	case key.Matches(msg, k.Next):
		m.pick = ui.Clamp(m.pick+1, 0, max(0, len(list)-1))
	case key.Matches(msg, k.Filter):
		m.filtering = true
		m.pickFilter = m.pickFilter.Focus()
	case key.Matches(msg, m.input.Cancel):
		if m.member.ID != uuid.Nil {
			m.picking = false // back to the objectives as before
		}
	}
	return m, nil
}

func (m Model) keyFilter(msg tea.KeyMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.input.Submit):
		m.filtering = false
		m.pickFilter = m.pickFilter.Blur()
		if list := m.filteredCandidates(); len(list) > 0 {
			return m.choose(list[ui.Clamp(m.pick, 0, len(list)-1)])
		}
		return m, nil
	case key.Matches(msg, m.input.Cancel):
		m.filtering = false
		m.pickFilter = m.pickFilter.Blur().SetValue("")
		return m, nil
	}
	m.pickFilter = m.pickFilter.Update(msg)
	m.pick = 0
	return m, nil
}

// choose makes mem the acting member and remembers the choice.
func (m Model) choose(mem model.Member) (Model, tea.Cmd) {
	m.member, m.picking, m.filtering = mem, false, false
	m.pickFilter = m.pickFilter.Blur().SetValue("")
	m.saves = ui.NewInflight()
	m.mine = map[uuid.UUID]model.Assessment{}
	m = m.mergeMine(model.CurrentEstimates(m.data.Sprint), m.data.Seq)
	memory, id := m.deps.Memory, mem.ID
	if memory == nil {
		return m, nil
	}
	return m, m.deps.IO.Submit(func() tea.Msg {
		if err := memory.Remember(id); err != nil {
			return ui.ErrMsg{Err: err}
		}
		return ui.MemberRememberedMsg{ID: id}
	})
}

// mouse: the wheel moves through objectives (or members), a click on the
// objective list selects.
func (m Model) mouse(msg tea.MouseMsg) Model {
	if m.picking {
		list := m.filteredCandidates()
		switch {
		case msg.Button == tea.MouseButtonWheelUp:
			m.pick = ui.Clamp(m.pick-1, 0, max(0, len(list)-1))
		case msg.Button == tea.MouseButtonWheelDown:
			m.pick = ui.Clamp(m.pick+1, 0, max(0, len(list)-1))
		case msg.Button == tea.MouseButtonLeft && msg.Action == tea.MouseActionPress:
			if i := msg.Y - pickHeadLines; i >= 0 && i < len(list) {
				m.pick = i
			}
		}
		return m
	}
	n := len(m.objectives)
	switch {
	case msg.Button == tea.MouseButtonWheelUp:
		m.cursor = ui.Clamp(m.cursor-1, 0, max(0, n-1))
	case msg.Button == tea.MouseButtonWheelDown:
		m.cursor = ui.Clamp(m.cursor+1, 0, max(0, n-1))
	case msg.Button == tea.MouseButtonLeft && msg.Action == tea.MouseActionPress:
		if msg.X < m.listWidth() {
			if i := m.first + msg.Y - assessHeadLines; msg.Y >= assessHeadLines && i < n {
				m.cursor = i
			}
		}
	}
	m.first = ui.Window(m.first, m.cursor, m.listRows(), n)
	return m
}
