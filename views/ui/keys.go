package ui

import (
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
)

// Relabel returns a copy of b shown in help as "k desc": the short help
// line uses it to merge pairs ("↑/↓ objective") and shorten descriptions
// so that a screen's most important keys fit in 80 columns. The copy still
// matches b's keys, but screens match with the originals.
func Relabel(b key.Binding, k, desc string) key.Binding {
	b.SetHelp(k, desc)
	return b
}

// InputKeys drive a focused input (a number, an action item, a note).
// Enter saves in every field; a multi-line field takes a new line with
// ctrl+j and opens $EDITOR with ctrl+o.
type InputKeys struct {
	Submit   key.Binding
	Cancel   key.Binding
	Newline  key.Binding
	External key.Binding
}

// NewInputKeys returns the bindings of a focused input.
func NewInputKeys() InputKeys {
	return InputKeys{
		Submit:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save")),
		Cancel:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Newline:  key.NewBinding(key.WithKeys("ctrl+j", "alt+enter"), key.WithHelp("ctrl+j", "new line")),
		External: key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("ctrl+o", "edit in $EDITOR")),
	}
}

// EditorKeys edit text in a focused editor (letters are typed as such).
type EditorKeys struct {
	Left       key.Binding
	Right      key.Binding
	Up         key.Binding
	Down       key.Binding
	Home       key.Binding
	End        key.Binding
	Backspace  key.Binding
	Delete     key.Binding
	DeleteWord key.Binding
	DeleteLine key.Binding
	Newline    key.Binding
}

// NewEditorKeys returns the bindings that edit text in a focused editor.
func NewEditorKeys() EditorKeys {
	return EditorKeys{
		Left:       key.NewBinding(key.WithKeys("left", "ctrl+b"), key.WithHelp("←", "left")),
		Right:      key.NewBinding(key.WithKeys("right", "ctrl+f"), key.WithHelp("→", "right")),
		Up:         key.NewBinding(key.WithKeys("up"), key.WithHelp("↑", "line up")),
		Down:       key.NewBinding(key.WithKeys("down"), key.WithHelp("↓", "line down")),
		Home:       key.NewBinding(key.WithKeys("home", "ctrl+a"), key.WithHelp("home", "line start")),
		End:        key.NewBinding(key.WithKeys("end", "ctrl+e"), key.WithHelp("end", "line end")),
		Backspace:  key.NewBinding(key.WithKeys("backspace", "ctrl+h"), key.WithHelp("⌫", "delete back")),
		Delete:     key.NewBinding(key.WithKeys("delete", "ctrl+d"), key.WithHelp("del", "delete")),
		DeleteWord: key.NewBinding(key.WithKeys("ctrl+w", "alt+backspace"), key.WithHelp("ctrl+w", "delete word")),
		DeleteLine: key.NewBinding(key.WithKeys("ctrl+u"), key.WithHelp("ctrl+u", "delete to line start")),
		Newline:    key.NewBinding(key.WithKeys("ctrl+j", "alt+enter"), key.WithHelp("ctrl+j", "new line")),
	}
}

// lineKeyMap is k for bubbles' textinput: every other binding of the
// bubble (paste from the clipboard, word moves, suggestions) is off, so a
// key does what it did in align's own field (over align serve a clipboard
// read would read the server's).
func (k EditorKeys) lineKeyMap() textinput.KeyMap {
	return textinput.KeyMap{
		CharacterForward:        k.Right,
		CharacterBackward:       k.Left,
		DeleteWordBackward:      k.DeleteWord,
		DeleteBeforeCursor:      k.DeleteLine,
		DeleteCharacterBackward: k.Backspace,
		DeleteCharacterForward:  k.Delete,
		LineStart:               k.Home,
		LineEnd:                 k.End,
	}
}

// areaKeyMap is k for bubbles' textarea, with the same bindings off as in
// lineKeyMap; enter is not a new line (it saves), ctrl+j is.
func (k EditorKeys) areaKeyMap() textarea.KeyMap {
	return textarea.KeyMap{
		CharacterForward:        k.Right,
		CharacterBackward:       k.Left,
		LinePrevious:            k.Up,
		LineNext:                k.Down,
		LineStart:               k.Home,
		LineEnd:                 k.End,
		DeleteWordBackward:      k.DeleteWord,
		DeleteBeforeCursor:      k.DeleteLine,
		DeleteCharacterBackward: k.Backspace,
		DeleteCharacterForward:  k.Delete,
		InsertNewline:           k.Newline,
	}
}
