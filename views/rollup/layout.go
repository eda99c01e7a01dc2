package rollup

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// fit clips s to at most h lines of at most w cells each: no line is ever
// wider than the terminal.
func fit(s string, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	return strings.Join(lines, "\n")
}

// truncate shortens one line to w cells, marking the cut with an ellipsis.
func truncate(s string, w int) string {
	if ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, max(w, 1), "…")
}

// padRight pads s with spaces to w cells.
func padRight(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// firstVisible is the first row of a window of n rows over total that
// shows cursor, scrolled no further than needed.
func firstVisible(cursor, n, total int) int {
	if n <= 0 || total <= n {
		return 0
	}
	return min(max(cursor-n+1, 0), total-n)
}
