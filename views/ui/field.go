package ui

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// Editor is a text field, one line or several: bubbles' textinput (one
// line) or textarea (several) edits the text, with align's keys
// (EditorKeys); the field draws itself (View), since the textarea pads
// every line to the full width and fills its height with empty rows, and
// align's fields take only the room of their text. It is a value type like
// every other model here: each edit makes a new copy of the bubble.
type Editor struct {
	keys      EditorKeys
	line      *textinput.Model // the one-line field's text and cursor
	area      *textarea.Model  // the multi-line field's text and cursor
	multiline bool
	limit     int // in runes, newlines included; 0 means no limit
	focused   bool
	prompt    string
	width     int
	height    int // visible lines when multiline
	styles    Styles
	original  string // the value when editing began, for Dirty
	// selected marks a pre-filled one-line value as selected: the first
	// typed character or paste replaces it; any other key (a move,
	// backspace) keeps it and acts as usual.
	selected bool
}

// noWrap is the textarea's width: wider than any text a field holds, so
// that ↑ and ↓ move by lines of text, not by the lines the field wraps.
const noWrap = 1 << 20

// NewEditor returns an empty, blurred editor.
func NewEditor(s Styles, prompt string, multiline bool, limit int) Editor {
	e := Editor{keys: NewEditorKeys(), styles: s, prompt: prompt, multiline: multiline, limit: limit, width: 40, height: 3}
	return e.withBubble()
}

// withBubble gives e its bubble when it has none yet (a zero Editor).
func (e Editor) withBubble() Editor {
	switch {
	case e.multiline && e.area == nil:
		ta := textarea.New()
		ta.Prompt, ta.ShowLineNumbers, ta.MaxHeight, ta.MaxWidth = "", false, 0, 0
		ta.KeyMap = e.keys.areaKeyMap()
		ta.Cursor.SetMode(cursor.CursorStatic)
		ta.SetWidth(noWrap)
		e.area = &ta
	case !e.multiline && e.line == nil:
		ti := textinput.New()
		ti.Prompt, ti.CharLimit = "", e.limit
		ti.KeyMap = e.keys.lineKeyMap()
		ti.Cursor.SetMode(cursor.CursorStatic)
		e.line = &ti
	}
	return e
}

// Value returns the text.
func (e Editor) Value() string {
	switch {
	case e.area == nil && e.line == nil:
		return ""
	case e.multiline:
		return e.area.Value()
	}
	return e.line.Value()
}

// pos is the cursor as an index into the value's runes.
func (e Editor) pos() int {
	switch {
	case e.area == nil && e.line == nil:
		return 0
	case !e.multiline:
		return e.line.Position()
	}
	rows := strings.Split(e.area.Value(), "\n")
	at := 0
	for _, r := range rows[:min(e.area.Line(), len(rows))] {
		at += len([]rune(r)) + 1
	}
	li := e.area.LineInfo()
	return at + li.StartColumn + li.ColumnOffset
}

// setText replaces the bubble's text with clean s, the cursor at its end.
func (e Editor) setText(s string) Editor {
	e = e.withBubble()
	if e.multiline {
		ta := *e.area
		ta.SetValue(s)
		e.area = &ta
		return e
	}
	ti := *e.line
	ti.SetValue(s)
	ti.CursorEnd()
	e.line = &ti
	return e
}

// SetValue replaces the text and puts the cursor at its end. A one-line
// editor selects a non-empty value, as a form field does on entry: typing
// replaces it, an arrow key keeps it. Multi-line text (notes) is never
// selected, so that a stray key cannot replace a whole note.
func (e Editor) SetValue(s string) Editor {
	v := []rune(e.clean(s))
	if e.limit > 0 && len(v) > e.limit {
		v = v[:e.limit]
	}
	e = e.setText(string(v))
	e.original = string(v)
	e.selected = !e.multiline && len(v) > 0
	return e
}

// Replace puts s in place of the text (as typed, so Dirty compares it with
// the value editing began with) and the cursor at its end.
func (e Editor) Replace(s string) Editor {
	orig := e.original
	e = e.SetValue(s)
	e.original, e.selected = orig, false
	return e
}

// SetPrompt changes the text shown before the value.
func (e Editor) SetPrompt(p string) Editor { e.prompt = p; return e }

// Selected reports whether the whole pre-filled value is selected, so that
// the next typed character replaces it.
func (e Editor) Selected() bool { return e.selected && e.Value() != "" }

// Focus gives the editor the keyboard.
func (e Editor) Focus() Editor {
	e.focused = true
	e = e.withBubble()
	if e.multiline {
		ta := *e.area
		ta.Focus() // a static cursor: no blink to schedule
		e.area = &ta
		return e
	}
	ti := *e.line
	ti.Focus()
	e.line = &ti
	return e
}

// Blur takes the keyboard away.
func (e Editor) Blur() Editor {
	e.focused = false
	e = e.withBubble()
	if e.multiline {
		ta := *e.area
		ta.Blur()
		e.area = &ta
		return e
	}
	ti := *e.line
	ti.Blur()
	e.line = &ti
	return e
}

// Focused reports whether the editor has the keyboard.
func (e Editor) Focused() bool { return e.focused }

// Dirty reports whether the text changed since SetValue.
func (e Editor) Dirty() bool { return e.Value() != e.original }

// SetSize sets the width in cells and, for a multi-line editor, the height.
func (e Editor) SetSize(w, h int) Editor {
	e.width, e.height = max(1, w), max(1, h)
	return e
}

// clean drops control characters (and newlines in a one-line editor).
func (e Editor) clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' && e.multiline {
			return r
		}
		if r == '\t' {
			return ' '
		}
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
}

// room is how many more runes the limit allows.
func (e Editor) room() int {
	if e.limit <= 0 {
		return noWrap
	}
	return max(0, e.limit-len([]rune(e.Value())))
}

// Update edits the text for a key; other messages are ignored. Typed and
// pasted runes are cleaned and cut to the limit here, then the bubble
// inserts them, whole, at the cursor.
func (e Editor) Update(msg tea.Msg) Editor {
	k, ok := msg.(tea.KeyMsg)
	if !ok || !e.focused {
		return e
	}
	e = e.withBubble()
	typed := k.Type == tea.KeyRunes || k.Type == tea.KeySpace
	if e.selected {
		e.selected = false
		if typed {
			e = e.setText("") // typing or pasting replaces the selection
		}
	}
	switch {
	case typed:
		rs := []rune(e.clean(string(k.Runes)))
		if len(rs) > e.room() {
			rs = rs[:e.room()]
		}
		if len(rs) == 0 {
			return e
		}
		k = tea.KeyMsg{Type: tea.KeyRunes, Runes: rs}
	case !e.multiline:
	case key.Matches(k, e.keys.Newline) && e.room() == 0:
		return e
	case key.Matches(k, e.keys.DeleteWord, e.keys.DeleteLine) && e.area.LineInfo().StartColumn+e.area.LineInfo().ColumnOffset == 0:
		return e // at a line's start these delete nothing, as on a command line
	}
	if e.multiline {
		ta, _ := e.ownArea().Update(k)
		e.area = &ta
		return e
	}
	ti, _ := e.ownLine().Update(k)
	e.line = &ti
	return e
}

// ownLine is a copy of the one-line bubble with text of its own: the
// bubble edits its runes in place, and an Editor is a value, so an edit
// must not reach the copies made before it.
func (e Editor) ownLine() textinput.Model {
	ti := *e.line
	at := ti.Position()
	ti.SetValue(ti.Value())
	ti.SetCursor(at)
	return ti
}

// ownArea is ownLine for the multi-line bubble, the cursor kept on its line
// and column (a fresh bubble starts on the last line).
func (e Editor) ownArea() textarea.Model {
	ta := *e.area
	row, li := ta.Line(), ta.LineInfo()
	ta.SetValue(ta.Value())
	for ta.Line() > row {
		ta.CursorUp()
	}
	ta.SetCursor(li.StartColumn + li.ColumnOffset)
	return ta
}
