package review

import (
	"github.com/align-team/align/model"
	"github.com/align-team/align/views/ui"
	tea "github.com/charmbracelet/bubbletea"
)

// externalEdited takes the discussion notes edited in $EDITOR and saves them.
func (m Model) externalEdited(msg ui.ExternalEditedMsg) (Model, tea.Cmd) {
	st, ok := m.current()
	if msg.Field != "review-notes" || !ok || st.Objective.ID != msg.ID || m.mode != modeNotes {
		return m, nil
	}
	m.notes = m.notes.SetValue(msg.Text)
	v := m.notes.Value()
	return m.changeOutcome(func(o *model.Outcome) { o.Notes = v })
}
