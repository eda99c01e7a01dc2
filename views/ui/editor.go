package ui

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// Editor is a small text field, one line or several. bubbles' textinput and
// textarea need github.com/atotto/clipboard, which is not in go.sum; this
// covers what align's forms need (typing, pasting, moving, deleting) with
// keys from keys.go. It is a value type like every other model here.
type Editor struct {
	keys      EditorKeys
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
	// selected marks a pre-filled one-line value as selected: the first
	// typed character or paste replaces it; any other key (a move,
	// backspace) keeps it and acts as usual.
	selected bool
}

// NewEditor returns an empty, blurred editor.
func NewEditor(s Styles, prompt string, multiline bool, limit int) Editor {
	return Editor{keys: NewEditorKeys(), styles: s, prompt: prompt, multiline: multiline, limit: limit, width: 40, height: 3}
}

// Value returns the text.
func (e Editor) Value() string { return string(e.value) }

// SetValue replaces the text and puts the cursor at its end. A one-line
// editor selects a non-empty value, as a form field does on entry: typing
// replaces it, an arrow key keeps it. Multi-line text (notes) is never
// selected, so that a stray key cannot replace a whole note.
func (e Editor) SetValue(s string) Editor {
	e.value = []rune(e.clean(s))
	if e.limit > 0 && len(e.value) > e.limit {
		e.value = e.value[:e.limit]
	}
	e.pos = len(e.value)
	e.original = string(e.value)
	e.selected = !e.multiline && len(e.value) > 0
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
func (e Editor) Selected() bool { return e.selected && len(e.value) > 0 }

// Focus gives the editor the keyboard.
func (e Editor) Focus() Editor { e.focused = true; return e }

// Blur takes the keyboard away.
func (e Editor) Blur() Editor { e.focused = false; return e }

// Focused reports whether the editor has the keyboard.
func (e Editor) Focused() bool { return e.focused }

// Dirty reports whether the text changed since SetValue.
func (e Editor) Dirty() bool { return string(e.value) != e.original }

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

// insert adds s at the cursor, within the limit.
func (e Editor) insert(s string) Editor {
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
func (e Editor) lineStart(i int) int {
	for i > 0 && e.value[i-1] != '\n' {
		i--
	}
	return i
}

// lineEnd returns the index of the newline ending the line holding i.
func (e Editor) lineEnd(i int) int {
	for i < len(e.value) && e.value[i] != '\n' {
		i++
	}
	return i
}

// Update edits the text for a key; other messages are ignored.
func (e Editor) Update(msg tea.Msg) Editor {
	k, ok := msg.(tea.KeyMsg)
	if !ok || !e.focused {
		return e
	}
	if e.selected {
		e.selected = false
		if k.Type == tea.KeyRunes || k.Type == tea.KeySpace {
			e.value, e.pos = nil, 0 // typing or pasting replaces the selection
		}
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

// View renders the prompt and the text, the cursor as a reversed cell,
// wrapped to the width at word boundaries (a word longer than the width is
// broken); a multi-line editor shows the lines around the cursor and, near
// its limit, a counter of characters used. A selected pre-filled value is
// marked in words too, so that it reads without colour.
func (e Editor) View() string {
	s := e.styles
	w := max(1, e.width-ansi.StringWidth(e.prompt))
	segs := wrapRunes(e.value, w)
	row := cursorRow(segs, e.pos)
	if last := segs[row]; e.focused && row == len(segs)-1 && e.pos == last[1] &&
		ansi.StringWidth(string(e.value[last[0]:last[1]])) >= w {
		segs = append(segs, [2]int{e.pos, e.pos}) // the cursor after a full line
		row++
	}
	lines := make([]string, len(segs))
	for i, sg := range segs {
		lines[i] = ansi.Truncate(e.segment(sg, i == row), w, "")
	}
	prompt := s.Accent.Render(e.prompt)
	if !e.multiline {
		line := prompt + lines[row]
		if e.focused && e.Selected() {
			line += s.Faint.Render("  (typing replaces)")
		}
		return line
	}
	first := Window(0, row, e.height, len(lines))
	lines = lines[first:min(len(lines), first+e.height)]
	for i := range lines {
		lines[i] = prompt + lines[i]
	}
	if c := e.counter(); c != "" {
		lines = append(lines, s.Faint.Render(strings.Repeat(" ", max(0, e.width-len(c)))+c))
	}
	return strings.Join(lines, "\n")
}

// counter is "used/limit" once the text is within a tenth of its limit, so
// that the cap never cuts text off unannounced; otherwise "".
func (e Editor) counter() string {
	if e.limit <= 0 || len(e.value) < e.limit-e.limit/10 {
		return ""
	}
	return fmt.Sprintf("%d/%d", len(e.value), e.limit)
}

// segment renders runes sg[0]..sg[1] of the value, with the cursor when cur.
func (e Editor) segment(sg [2]int, cur bool) string {
	s := e.styles
	text := string(e.value[sg[0]:sg[1]])
	if e.Selected() {
		text = s.Selected.Render(text)
	}
	if !cur || !e.focused {
		return text
	}
	at := e.pos - sg[0]
	before, after := string(e.value[sg[0]:e.pos]), e.value[e.pos:sg[1]]
	c := " "
	if at < sg[1]-sg[0] {
		c, after = string(after[0]), after[1:]
	}
	return before + s.Cursor.Render(c) + string(after)
}

// wrapRunes splits v into display lines of at most w cells, as [start, end)
// rune ranges: at newlines, and at the last space that fits; a word longer
// than w is broken at w. A space at a break stays on the line it ends (it
// may be the one cell past w, where the cursor may sit too).
func wrapRunes(v []rune, w int) [][2]int {
	var out [][2]int
	start := 0
	for start <= len(v) {
		end := start
		width := 0
		for end < len(v) && v[end] != '\n' {
			cw := ansi.StringWidth(string(v[end]))
			if width+cw > w {
				break
			}
			width += cw
			end++
		}
		if end < len(v) && v[end] != '\n' {
			// Overflow: break after the last space on the line, or swallow
			// the space that caused the overflow.
			if v[end] == ' ' {
				end++
			} else if sp := lastSpace(v[start:end]); sp > 0 {
				end = start + sp + 1
			}
		}
		out = append(out, [2]int{start, end})
		if end < len(v) && v[end] == '\n' {
			start = end + 1
			if start == len(v) {
				out = append(out, [2]int{start, start})
				break
			}
			continue
		}
		if end >= len(v) {
			break
		}
		start = end
	}
	if len(out) == 0 {
		out = append(out, [2]int{0, 0})
	}
	return out
}

// lastSpace is the index of the last space in r, or -1.
func lastSpace(r []rune) int {
	for i := len(r) - 1; i >= 0; i-- {
		if r[i] == ' ' {
			return i
		}
	}
	return -1
}

// cursorRow is the line holding rune position pos: the line it is inside,
// or the line it ends when no other line starts there.
func cursorRow(segs [][2]int, pos int) int {
	for i, sg := range segs {
		if pos >= sg[0] && pos < sg[1] {
			return i
		}
		next := i+1 < len(segs)
		if pos == sg[1] && (!next || segs[i+1][0] > pos) {
			return i
		}
	}
	return len(segs) - 1
}
