package ui

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
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
		ta, _ := e.area.Update(k)
		e.area = &ta
		return e
	}
	ti, _ := e.line.Update(k)
	e.line = &ti
	return e
}

// View renders the prompt and the text, the cursor as a reversed cell,
// wrapped to the width at word boundaries (a word longer than the width is
// broken); a multi-line editor shows the lines around the cursor and, near
// its limit, a counter of characters used. A selected pre-filled value is
// marked in words too, so that it reads without colour.
func (e Editor) View() string {
	s := e.styles
	value, pos := []rune(e.Value()), e.pos()
	w := max(1, e.width-ansi.StringWidth(e.prompt))
	segs := wrapRunes(value, w)
	row := cursorRow(segs, pos)
	if last := segs[row]; e.focused && row == len(segs)-1 && pos == last[1] &&
		ansi.StringWidth(string(value[last[0]:last[1]])) >= w {
		segs = append(segs, [2]int{pos, pos}) // the cursor after a full line
		row++
	}
	lines := make([]string, len(segs))
	for i, sg := range segs {
		lines[i] = ansi.Truncate(e.segment(value, pos, sg, i == row), w, "")
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
	if c := e.counter(len(value)); c != "" {
		lines = append(lines, s.Faint.Render(strings.Repeat(" ", max(0, e.width-len(c)))+c))
	}
	return strings.Join(lines, "\n")
}

// counter is "used/limit" (n runes used) once the text is within a tenth of its limit, so
// that the cap never cuts text off unannounced; otherwise "".
func (e Editor) counter(n int) string {
	if e.limit <= 0 || n < e.limit-e.limit/10 {
		return ""
	}
	return fmt.Sprintf("%d/%d", n, e.limit)
}

// segment renders runes sg[0]..sg[1] of value, with the cursor (at pos)
// when cur.
func (e Editor) segment(value []rune, pos int, sg [2]int, cur bool) string {
	s := e.styles
	text := string(value[sg[0]:sg[1]])
	if e.Selected() {
		text = s.Selected.Render(text)
	}
	if !cur || !e.focused {
		return text
	}
	at := pos - sg[0]
	before, after := string(value[sg[0]:pos]), value[pos:sg[1]]
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
