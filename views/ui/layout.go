package ui

import (
	"fmt"
	"math"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Minimum terminal size the app draws in; below it the root says so. 60×16
// keeps the review's dot plot, its labels and the help line legible.
const (
	MinWidth  = 60
	MinHeight = 16
)

// TooSmall is the message shown below the minimum size, wrapped at word
// boundaries to width w so that it reads whole on a narrow terminal.
func TooSmall(w int) string {
	msg := fmt.Sprintf("terminal too small (need %d×%d); q quits", MinWidth, MinHeight)
	return strings.Join(Wrap(msg, w), "\n")
}

// TooSmallFor reports whether a w×h terminal is below the minimum size.
func TooSmallFor(w, h int) bool { return w < MinWidth || h < MinHeight }

// Fit clips s to at most h lines of at most w cells each. It is the last
// step of every frame, so no line is ever wider than the terminal.
func Fit(s string, w, h int) string {
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

// Truncate shortens one line of plain or styled text to w cells, marking the
// cut with an ellipsis.
func Truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) <= w {
		return s
	}
	if w == 1 {
		return "…"
	}
	return ansi.Truncate(s, w, "…")
}

// Wrap breaks text into lines of at most w cells, at spaces where it can.
func Wrap(s string, w int) []string {
	if w <= 0 {
		return nil
	}
	return strings.Split(ansi.Wrap(s, w, " -"), "\n")
}

// PadRight pads s with spaces to w cells (no-op when already wider).
func PadRight(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// Window returns the first index of a window of n rows that keeps cursor
// visible, given the previous first index, over total rows. Long lists render
// only their visible rows.
func Window(first, cursor, n, total int) int {
	if n <= 0 || total <= n {
		return 0
	}
	if cursor < first {
		first = cursor
	}
	if cursor >= first+n {
		first = cursor - n + 1
	}
	if first > total-n {
		first = total - n
	}
	if first < 0 {
		first = 0
	}
	return first
}

// Clamp limits v to [lo, hi].
func Clamp(v, lo, hi int) int {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// RoundHalfUp rounds v to a whole number, halves up (52.5 → 53): the value
// a median suggests where a whole number is needed.
func RoundHalfUp(v float64) int { return int(math.Floor(v + 0.5)) }

// Bar draws value (0–100) as a bar of w cells.
func Bar(s Styles, value, w int) string {
	full := Clamp(int(math.Round(float64(value)*float64(w)/100)), 0, w)
	return s.BarFull.Render(strings.Repeat("█", full)) + s.BarEmpty.Render(strings.Repeat("░", w-full))
}
