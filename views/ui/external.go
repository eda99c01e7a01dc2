package ui

import (
	"fmt"
	"os"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/google/uuid"
)

// Long text (notes, descriptions) can be written in the user's own editor,
// as git and gh do: the text goes to a temporary file, $VISUAL or $EDITOR
// (else vi) runs on the terminal while the TUI steps aside, and the file's
// text comes back into the field. Over align serve the editor would run on
// the server, with the server's rights, so there it is refused.

// ExternalReadyMsg reports the temporary file holding a field's text,
// ready for the editor.
type ExternalReadyMsg struct {
	Field string    // which field: "assess-note", "review-notes", or a form field's name
	ID    uuid.UUID // the record the text belongs to
	Path  string
	Argv  []string
}

// ExternalEditedMsg brings back the text edited for field of record id.
type ExternalEditedMsg struct {
	Field string
	ID    uuid.UUID
	Text  string
	Err   error
}

// EditorArgv is the user's editor command: $VISUAL, else $EDITOR, else vi.
// The value may hold arguments ("code --wait").
func EditorArgv(getenv func(string) string) []string {
	for _, v := range []string{"VISUAL", "EDITOR"} {
		if f := strings.Fields(getenv(v)); len(f) > 0 {
			return f
		}
	}
	return []string{"vi"}
}

// ExternalEdit starts editing text for field of record id in $EDITOR.
func (d Deps) ExternalEdit(field string, id uuid.UUID, text string) tea.Cmd {
	if d.Hub != nil {
		return func() tea.Msg {
			return FooterMsg{Text: "the external editor is not available over ssh: ctrl+j starts a new line"}
		}
	}
	return func() tea.Msg {
		f, err := os.CreateTemp("", "align-*.txt")
		if err != nil {
			return ErrMsg{Err: fmt.Errorf("opening the editor: %w", err)}
		}
		_, werr := f.WriteString(FileText(text))
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			_ = os.Remove(f.Name())
			return ErrMsg{Err: fmt.Errorf("opening the editor: %w", werr)}
		}
		return ExternalReadyMsg{Field: field, ID: id, Path: f.Name(), Argv: EditorArgv(os.Getenv)}
	}
}

// FileText is text as the editor's file holds it: ending in a newline, as
// a text file does, so that an editor or script that appends starts a new
// line (empty text stays an empty file).
func FileText(text string) string {
	if text == "" {
		return text
	}
	return text + "\n"
}

// EditedText normalises what an editor saved: CRLF to LF, and without the
// one final newline a text file ends with (fileText).
func EditedText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.TrimSuffix(s, "\n")
}

// NoteHelp is the help of a notes field, which saves as it is typed.
func NoteHelp(k InputKeys) []key.Binding {
	return []key.Binding{Relabel(k.Submit, "enter", "done"), k.Newline, Relabel(k.External, "ctrl+o", "$EDITOR")}
}
