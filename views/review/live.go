package review

import (
	"fmt"

	"github.com/align-team/align/views/ui"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/google/uuid"
)

// The live review (align serve): a facilitator's Review screen tells the
// other sessions which objective it is on; members' Review screens follow.
// Reveals, agreed values, notes and action items are saved records, so they
// reach everyone with the reload that follows every save.

// announce publishes this facilitator's objective when it changed, so that
// the members' Review screens follow. Only keys, clicks and arriving on the
// screen call it: a background reload never moves anyone.
func (m Model) announce() (Model, tea.Cmd) {
	if m.deps.Hub == nil || !m.deps.Facilitator || !m.loaded || m.mode == modeActions {
		return m, nil
	}
	st, ok := m.current()
	if !ok || st.Objective.ID == m.published {
		return m, nil
	}
	id, sprint := st.Objective.ID, m.data.Sprint.Sprint.ID
	if id == m.lead && sprint == m.leadOn {
		// Already the review's current objective (another facilitator
		// moved there): its clock runs on.
		m.published = id
		return m, nil
	}
	return m.moveLead(id, sprint)
}

// follow takes the review's current objective and its start from
// another session, and moves a member's cursor to the objective the facilitator is on,
// when this screen shows that sprint (or has not loaded yet). Facilitators
// keep their own cursor.
func (m Model) follow(msg ui.FollowMsg) Model {
	if msg.From == m.deps.Session && msg.From != uuid.Nil {
		return m // this session's own focus, known already
	}
	m.lead, m.leadOn, m.leadSince, m.steering = msg.Objective, msg.Sprint, msg.Since, false
	if m.deps.Facilitator {
		return m
	}
	if !m.loaded || m.data.Sprint.Sprint.ID == msg.Sprint {
		m.focusOn = msg.Objective
		m = m.focus()
	}
	return m
}

// followLine says, on a member's live screen, whether it follows the
// facilitator; "" when there is nothing to say.
func (m Model) followLine() string {
	if m.deps.Hub == nil || m.deps.Facilitator {
		return ""
	}
	if m.lead == uuid.Nil || m.leadOn != m.data.Sprint.Sprint.ID {
		return " Waiting for the facilitator."
	}
	for i, st := range m.agenda {
		if st.Objective.ID != m.lead {
			continue
		}
		if i == m.cursor {
			return " Following the facilitator."
		}
		return fmt.Sprintf(" The facilitator is on %d/%d.", i+1, len(m.agenda))
	}
	return ""
}

// facilitated returns b as help shows it: hidden from members, who may not
// use it (pressing it still says why).
func (m Model) facilitated(b key.Binding) key.Binding {
	b.SetEnabled(b.Enabled() && m.deps.Facilitator)
	return b
}

// onlyFacilitator is the footer a member sees for a facilitator's key.
func onlyFacilitator(what string) tea.Cmd {
	return ui.Footer("only the facilitator can " + what)
}
