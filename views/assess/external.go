package assess

import (
	"github.com/align-team/align/model"
	"github.com/align-team/align/views/ui"
	tea "github.com/charmbracelet/bubbletea"
)

// externalEdited takes the note edited in $EDITOR and saves it.
func (m Model) externalEdited(msg ui.ExternalEditedMsg) (Model, tea.Cmd) {
	o, ok := m.current()
	if msg.Field != "assess-note" || !ok || o.ID != msg.ID || !m.noting {
		return m, nil
	}
	m.note = m.note.SetValue(msg.Text)
	v := m.note.Value()
	return m.change(func(a *model.Assessment) { a.Note = v })
}
