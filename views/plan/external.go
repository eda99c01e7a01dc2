package plan

import (
	"github.com/align-team/align/views/ui"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/google/uuid"
)

// A Plan form's multi-line field (a sprint goal, a description) opens in
// $EDITOR with ctrl+o, like notes elsewhere.

// formExternal starts editing the focused multi-line field in $EDITOR when
// msg asks for it.
func (p Model) formExternal(msg tea.KeyMsg) (tea.Cmd, bool) {
	f := p.form
	if !key.Matches(msg, ui.NewInputKeys().External) || f.saving || len(f.fields) == 0 {
		return nil, false
	}
	fl := f.fields[f.focus]
	if fl.kind != fieldLines {
		return nil, false
	}
	return p.deps.ExternalEdit("plan:"+fl.name, uuid.Nil, fl.edit.Value()), true
}

// externalEdited puts the text edited in $EDITOR into its form field.
func (p Model) externalEdited(msg ui.ExternalEditedMsg) Model {
	if !p.formOpen {
		return p
	}
	for i, fl := range p.form.fields {
		if "plan:"+fl.name == msg.Field && fl.kind == fieldLines {
			fields := append([]formField(nil), p.form.fields...)
			fields[i].edit = fl.edit.Replace(msg.Text)
			p.form.fields = fields
		}
	}
	return p
}
