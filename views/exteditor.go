package views

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"github.com/align-team/align/model"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/google/uuid"
)

// Long text (notes, descriptions) can be written in the user's own editor,
// as git and gh do: the text goes to a temporary file, $VISUAL or $EDITOR
// (else vi) runs on the terminal while the TUI steps aside, and the file's
// text comes back into the field. Over align serve the editor would run on
// the server, with the server's rights, so there it is refused.

// externalReadyMsg reports the temporary file holding a field's text,
// ready for the editor.
type externalReadyMsg struct {
	field string    // which field: "assess-note", "review-notes", or a form field's name
	id    uuid.UUID // the record the text belongs to
	path  string
	argv  []string
}

// externalEditedMsg brings back the text edited for field of record id.
type externalEditedMsg struct {
	field string
	id    uuid.UUID
	text  string
	err   error
}

// editorArgv is the user's editor command: $VISUAL, else $EDITOR, else vi.
// The value may hold arguments ("code --wait").
func editorArgv(getenv func(string) string) []string {
	for _, v := range []string{"VISUAL", "EDITOR"} {
		if f := strings.Fields(getenv(v)); len(f) > 0 {
			return f
		}
	}
	return []string{"vi"}
}

// externalEdit starts editing text for field of record id in $EDITOR.
func (d deps) externalEdit(field string, id uuid.UUID, text string) tea.Cmd {
	if d.hub != nil {
		return func() tea.Msg {
			return footerMsg{text: "the external editor is not available over ssh: ctrl+j starts a new line"}
		}
	}
	return func() tea.Msg {
		f, err := os.CreateTemp("", "align-*.txt")
		if err != nil {
			return errMsg{err: fmt.Errorf("opening the editor: %w", err)}
		}
		_, werr := f.WriteString(fileText(text))
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			_ = os.Remove(f.Name())
			return errMsg{err: fmt.Errorf("opening the editor: %w", werr)}
		}
		return externalReadyMsg{field: field, id: id, path: f.Name(), argv: editorArgv(os.Getenv)}
	}
}

// runExternal hands the terminal to the editor and reads the file back.
func runExternal(msg externalReadyMsg) tea.Cmd {
	c := exec.Command(msg.argv[0], append(msg.argv[1:], msg.path)...)
	return tea.ExecProcess(c, func(err error) tea.Msg {
		defer os.Remove(msg.path)
		out := externalEditedMsg{field: msg.field, id: msg.id}
		if err != nil {
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				out.err = fmt.Errorf("the editor %s exited with status %d: the text is unchanged", msg.argv[0], ee.ExitCode())
			} else {
				out.err = fmt.Errorf("running the editor %s: %w (set $EDITOR)", msg.argv[0], err)
			}
			return out
		}
		b, err := os.ReadFile(msg.path)
		if err != nil {
			out.err = fmt.Errorf("reading back the edited text: %w", err)
			return out
		}
		out.text = editedText(string(b))
		return out
	})
}

// fileText is text as the editor's file holds it: ending in a newline, as
// a text file does, so that an editor or script that appends starts a new
// line (empty text stays an empty file).
func fileText(text string) string {
	if text == "" {
		return text
	}
	return text + "\n"
}

// editedText normalises what an editor saved: CRLF to LF, and without the
// one final newline a text file ends with (fileText).
func editedText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.TrimSuffix(s, "\n")
}

// noteHelp is the help of a notes field, which saves as it is typed.
func noteHelp(k inputKeys) []key.Binding {
	return []key.Binding{relabel(k.Submit, "enter", "done"), k.Newline, relabel(k.External, "ctrl+o", "$EDITOR")}
}

// externalEdited takes the note edited in $EDITOR and saves it.
func (m Assess) externalEdited(msg externalEditedMsg) (Assess, tea.Cmd) {
	o, ok := m.current()
	if msg.field != "assess-note" || !ok || o.ID != msg.id || !m.noting {
		return m, nil
	}
	m.note = m.note.SetValue(msg.text)
	v := m.note.Value()
	return m.change(func(a *model.Assessment) { a.Note = v })
}

// externalEdited takes the discussion notes edited in $EDITOR and saves them.
func (m Review) externalEdited(msg externalEditedMsg) (Review, tea.Cmd) {
	st, ok := m.current()
	if msg.field != "review-notes" || !ok || st.Objective.ID != msg.id || m.mode != modeNotes {
		return m, nil
	}
	m.notes = m.notes.SetValue(msg.text)
	v := m.notes.Value()
	return m.changeOutcome(func(o *model.Outcome) { o.Notes = v })
}

// external runs the editor for a prepared file, or hands the edited text
// to the screen that asked (an editor's failure goes to the footer).
func (a App) external(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case externalReadyMsg:
		return a, runExternal(msg)
	case externalEditedMsg:
		if msg.err != nil {
			a.footer, a.footerErr = msg.err.Error(), true
			return a, nil
		}
	}
	return a.updateActive(msg)
}
