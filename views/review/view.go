package review

import (
	"fmt"
	"strings"

	"github.com/align-team/align/model"
	"github.com/align-team/align/views/ui"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// Lines above the agenda list.
const reviewHeadLines = 2

// listWidth is the width of the agenda on the left.
func (m Model) listWidth() int { return ui.Clamp(m.width/4, 16, 48) } // titles get room on wide screens

// detailWidth is the width of the objective's detail on the right.
func (m Model) detailWidth() int { return max(10, m.width-m.listWidth()-2) }

// listRows is how many agenda items show.
func (m Model) listRows() int { return max(1, m.height-reviewHeadLines) }

// wheelLines is how far one wheel step scrolls the detail pane.
const wheelLines = 3

// mouse: the wheel moves through the agenda (or the actions) and scrolls
// the detail pane when over it; a click on the agenda selects.
func (m Model) mouse(msg tea.MouseMsg) Model {
	up, down := msg.Button == tea.MouseButtonWheelUp, msg.Button == tea.MouseButtonWheelDown
	if m.mode == modeActions {
		switch {
		case up:
			m.act = ui.Clamp(m.act-1, 0, max(0, len(m.actionRows())-1))
		case down:
			m.act = ui.Clamp(m.act+1, 0, max(0, len(m.actionRows())-1))
		}
		return m
	}
	if m.mode != modeAgenda {
		return m
	}
	n := len(m.agenda)
	switch {
	case up && msg.X >= m.listWidth():
		return m.scrollBy(-wheelLines)
	case down && msg.X >= m.listWidth():
		return m.scrollBy(wheelLines)
	case up:
		m.cursor = ui.Clamp(m.cursor-1, 0, max(0, n-1))
	case down:
		m.cursor = ui.Clamp(m.cursor+1, 0, max(0, n-1))
	case msg.Button == tea.MouseButtonLeft && msg.Action == tea.MouseActionPress && msg.X < m.listWidth():
		if i := m.first + msg.Y - reviewHeadLines; msg.Y >= reviewHeadLines && i < n {
			m.cursor = i
		}
	}
	m.first = ui.Window(m.first, m.cursor, m.listRows(), n)
	return m
}

// View renders the screen.
func (m Model) View() string {
	s := m.deps.Styles
	switch {
	case !m.loaded:
		return s.Faint.Render("Loading the workspace…")
	case !m.data.HasSprint:
		return s.Title.Render("No sprint to review yet") + "\n" + s.Faint.Render("Create one on the Plan screen (4).")
	case m.mode == modeActions || m.mode == modeEditAction:
		return m.actionsView()
	case m.mode == modeWrapUp && len(m.agenda) > 0:
		return m.wrapUpView()
	case len(m.agenda) == 0:
		return m.headView() + "\n" + s.Faint.Render("This sprint has no objectives to review.")
	}
	return m.headView() + "\n" + lipgloss.JoinHorizontal(lipgloss.Top,
		s.Plain.Width(m.listWidth()).Render(ui.Fit(m.agendaView(), m.listWidth()-1, m.listRows())),
		"  ", ui.Fit(m.detailView(), m.detailWidth(), m.height-reviewHeadLines))
}

// headView: the sprint, submissions and the review's state.
func (m Model) headView() string {
	s := m.deps.Styles
	r := m.data.Report
	sp := m.data.Sprint.Sprint
	discussed := 0
	for _, st := range m.agenda {
		if m.outcomes[st.Objective.ID].Discussed {
			discussed++
		}
	}
	line1 := s.Title.Render("Review · "+sp.Name) + s.Faint.Render(fmt.Sprintf(" · %d of %d submitted · %d of %d discussed", r.Submitted, r.Expected, discussed, len(m.agenda)))
	var line2 string
	switch sp.State {
	case model.StateReview:
		line2 = s.Faint.Render("Agenda: " + model.AgendaOrder(r) + "; " + DiscussedMark + " discussed.")
		if t := m.timerView(); t != "" {
			line2 = t + s.Faint.Render(" · ") + line2
		}
		if f := m.followLine(); f != "" {
			line2 += s.Accent.Render(f)
		}
		if m.anonymous {
			line2 += s.Accent.Render(" Anonymous: estimates unnamed; action owners shown (x).")
		}
	case model.StateClosed:
		line2 = s.Faint.Render("This sprint is closed: the review is read-only.")
	default:
		text := fmt.Sprintf("The sprint is %s: estimates are revealed in review.", sp.State)
		if m.deps.Facilitator {
			text += " Press R to move it to review."
		}
		line2 = s.Marker.Render(text)
	}
	return ui.Truncate(line1, m.width) + "\n" + ui.Truncate(line2, m.width)
}

// DiscussedMark marks a discussed objective. It is not ✓, which means
// aligned: without colour the two states must still read apart.
const DiscussedMark = "●"

// agendaView: one line per objective: · hidden, the level's symbol once
// revealed, DiscussedMark once discussed.
func (m Model) agendaView() string {
	s := m.deps.Styles
	w := m.listWidth() - 1
	var lines []string
	end := min(len(m.agenda), m.first+m.listRows())
	for i := m.first; i < end; i++ {
		st := m.agenda[i]
		o := m.outcomes[st.Objective.ID]
		mark := s.Faint.Render("·")
		switch {
		case o.Discussed:
			mark = s.Success.Render(DiscussedMark)
		case m.revealed(st.Objective.ID):
			mark = s.Level(st.Level).Render(strings.Fields(ui.LevelLabel(st.Level))[0])
		}
		title := ui.Truncate(st.Objective.Title, max(1, w-4))
		cur := "  "
		if i == m.cursor {
			cur = s.Accent.Render("▸ ")
			title = s.Selected.Render(ui.PadRight(title, max(1, w-4)))
		}
		lines = append(lines, cur+mark+" "+title)
	}
	return strings.Join(lines, "\n")
}
