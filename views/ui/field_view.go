package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// How a field draws itself: the text wrapped at words to the width, the
// cursor as a reversed cell, a counter near the limit. bubbles' textarea
// would pad every line to the width and fill its height with empty rows.

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
