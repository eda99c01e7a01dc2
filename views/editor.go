package views

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// editor is a small text field, one line or several. bubbles' textinput and
// textarea need github.com/atotto/clipboard, which is not in go.sum; this
// covers what align's forms need (typing, pasting, moving, deleting) with
// keys from keys.go. It is a value type like every other model here.
type editor struct {
	keys      editorKeys
	value     []rune
	pos       int // cursor, 0..len(value)
	multiline bool
	limit     int // in runes; 0 means no limit
	focused   bool
	prompt    string
	width     int
	height    int // visible lines when multiline
	styles    Styles
	original  string // the value when editing began, for Dirty
}

// newEditor returns an empty, blurred editor.
func newEditor(s Styles, prompt string, multiline bool, limit int) editor {
	return editor{keys: newEditorKeys(), styles: s, prompt: prompt, multiline: multiline, limit: limit, width: 40, height: 3}
}

// Value returns the text.
func (e editor) Value() string { return string(e.value) }

// SetValue replaces the text and puts the cursor at its end.
func (e editor) SetValue(s string) editor {
	e.value = []rune(e.clean(s))
	if e.limit > 0 && len(e.value) > e.limit {
		e.value = e.value[:e.limit]
	}
	e.pos = len(e.value)
	e.original = string(e.value)
	return e
}

// Focus gives the editor the keyboard.
func (e editor) Focus() editor { e.focused = true; return e }

// Blur takes the keyboard away.
func (e editor) Blur() editor { e.focused = false; return e }

// Focused reports whether the editor has the keyboard.
func (e editor) Focused() bool { return e.focused }

// Dirty reports whether the text changed since SetValue.
func (e editor) Dirty() bool { return string(e.value) != e.original }

// SetSize sets the width in cells and, for a multi-line editor, the height.
func (e editor) SetSize(w, h int) editor {
	e.width, e.height = max(1, w), max(1, h)
	return e
}

// clean drops control characters (and newlines in a one-line editor).
func (e editor) clean(s string) string {
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

// insert adds s at the cursor, within the limit.
func (e editor) insert(s string) editor {
	rs := []rune(e.clean(s))
	if e.limit > 0 && len(e.value)+len(rs) > e.limit {
		rs = rs[:max(0, e.limit-len(e.value))]
	}
	v := make([]rune, 0, len(e.value)+len(rs))
	v = append(v, e.value[:e.pos]...)
	v = append(v, rs...)
	v = append(v, e.value[e.pos:]...)
	e.value, e.pos = v, e.pos+len(rs)
	return e
}

// lineStart returns the index where the line holding i starts.
func (e editor) lineStart(i int) int {
	for i > 0 && e.value[i-1] != '\n' {
		i--
	}
	return i
}

// lineEnd returns the index of the newline ending the line holding i.
func (e editor) lineEnd(i int) int {
	for i < len(e.value) && e.value[i] != '\n' {
		i++
	}
	return i
}

// Update edits the text for a key; other messages are ignored.
func (e editor) Update(msg tea.Msg) editor {
	k, ok := msg.(tea.KeyMsg)
	if !ok || !e.focused {
		return e
	}
	switch {
	case k.Type == tea.KeyRunes || k.Type == tea.KeySpace:
		return e.insert(string(k.Runes))
	case key.Matches(k, e.keys.Newline) && e.multiline:
		return e.insert("\n")
	case key.Matches(k, e.keys.Left):
		e.pos = max(0, e.pos-1)
	case key.Matches(k, e.keys.Right):
		e.pos = min(len(e.value), e.pos+1)
	case key.Matches(k, e.keys.Home):
		e.pos = e.lineStart(e.pos)
	case key.Matches(k, e.keys.End):
		e.pos = e.lineEnd(e.pos)
	case key.Matches(k, e.keys.Up) && e.multiline:
		start := e.lineStart(e.pos)
		if start > 0 {
			col := e.pos - start
			prev := e.lineStart(start - 1)
			e.pos = min(prev+col, start-1)
		}
	case key.Matches(k, e.keys.Down) && e.multiline:
		end := e.lineEnd(e.pos)
		if end < len(e.value) {
			col := e.pos - e.lineStart(e.pos)
			e.pos = min(end+1+col, e.lineEnd(end+1))
		}
	case key.Matches(k, e.keys.Backspace):
		if e.pos > 0 {
			e.value = append(e.value[:e.pos-1:e.pos-1], e.value[e.pos:]...)
			e.pos--
		}
	case key.Matches(k, e.keys.Delete):
		if e.pos < len(e.value) {
			e.value = append(e.value[:e.pos:e.pos], e.value[e.pos+1:]...)
		}
	case key.Matches(k, e.keys.DeleteWord):
		i := e.pos
		for i > 0 && e.value[i-1] == ' ' {
			i--
		}
		for i > 0 && e.value[i-1] != ' ' && e.value[i-1] != '\n' {
			i--
		}
		e.value = append(e.value[:i:i], e.value[e.pos:]...)
		e.pos = i
	case key.Matches(k, e.keys.DeleteLine):
		i := e.lineStart(e.pos)
		e.value = append(e.value[:i:i], e.value[e.pos:]...)
		e.pos = i
	}
	return e
}

// View renders the prompt and the text, the cursor as a reversed cell, hard
// wrapped to the width; a multi-line editor shows the lines around the
// cursor.
func (e editor) View() string {
	s := e.styles
	w := max(1, e.width-ansi.StringWidth(e.prompt))
	before, after := string(e.value[:e.pos]), string(e.value[e.pos:])
	cur := " "
	if len(after) > 0 && after[0] != '\n' {
		r := []rune(after)
		cur, after = string(r[0]), string(r[1:])
	}
	// Plain text: Style.Render would pad multi-line text into a block.
	text := before + strings.TrimSuffix(cur, " ") + after
	if e.focused {
		text = before + s.Cursor.Render(cur) + after
	}
	lines := strings.Split(ansi.Hardwrap(text, w, true), "\n")
	if !e.multiline {
		// One line: keep the cursor in view by showing the wrapped row it is on.
		row := strings.Count(ansi.Hardwrap(before+"x", w, true), "\n")
		return s.Accent.Render(e.prompt) + lines[min(row, len(lines)-1)]
	}
	row := strings.Count(ansi.Hardwrap(before+"x", w, true), "\n")
	first := window(0, row, e.height, len(lines))
	lines = lines[first:min(len(lines), first+e.height)]
	for i := range lines {
		lines[i] = s.Accent.Render(e.prompt) + lines[i]
	}
	return strings.Join(lines, "\n")
}
