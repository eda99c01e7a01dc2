package views

import (
	"fmt"
	"math"
	"strings"

	"github.com/align-team/align/model"
	"github.com/charmbracelet/x/ansi"
)

// maxLabelRows bounds the rows of handles above the dots; handles that do
// not fit there are listed with the notes anyway.
const maxLabelRows = 3

// axisX maps a 0–100 value to a column of an axis w cells wide.
func axisX(v float64, w int) int {
	return clamp(int(math.Round(v*float64(w-1)/100)), 0, w-1)
}

// cellRow is one line of the plot built cell by cell, so that styled marks
// can be placed at exact columns.
type cellRow []string

func newCellRow(w int) cellRow {
	r := make(cellRow, w)
	for i := range r {
		r[i] = " "
	}
	return r
}

// put writes text (plain, one cell per rune) at column x, styled by style.
func (r cellRow) put(x int, text string, style func(...string) string) {
	for i, ch := range []rune(text) {
		if x+i >= 0 && x+i < len(r) {
			r[x+i] = style(string(ch))
		}
	}
}

// free reports whether columns x..x+n-1 are blank.
func (r cellRow) free(x, n int) bool {
	if x < 0 || x+n > len(r) {
		return false
	}
	for i := x; i < x+n; i++ {
		if r[i] != " " {
			return false
		}
	}
	return true
}

func (r cellRow) String() string { return strings.Join(r, "") }

// dotPlot draws every estimate on one 0–100 axis w cells wide: handles above
// their dots (unless anonymous), outliers marked "!", the median (▲) and the
// story evidence (◆) below the axis, and the scale.
func dotPlot(s Styles, st model.ObjectiveStats, w int, anonymous bool) []string {
	if w < 11 {
		w = 11
	}
	plain := func(t ...string) string { return strings.Join(t, "") }
	var labels []cellRow
	dots := newCellRow(w)
	for _, e := range st.Estimates {
		x := axisX(float64(e.Progress), w)
		style := s.Accent.Render
		if e.Outlier {
			style = s.Error.Render
		}
		dots.put(x, "●", style)
		if anonymous {
			continue
		}
		label := e.Handle
		if e.Outlier {
			label += "!"
		}
		start := clamp(x-ansi.StringWidth(label)/2, 0, max(0, w-ansi.StringWidth(label)))
		placed := false
		for _, row := range labels {
			if row.free(max(0, start-1), ansi.StringWidth(label)+1) {
				row.put(start, label, plain)
				placed = true
				break
			}
		}
		if !placed && len(labels) < maxLabelRows {
			row := newCellRow(w)
			row.put(start, label, plain)
			labels = append(labels, row)
		}
	}
	axis := newCellRow(w)
	for i := range axis {
		axis[i] = "─"
	}
	for v := 10; v < 100; v += 10 {
		axis[axisX(float64(v), w)] = "┼"
	}
	axis[0], axis[w-1] = "├", "┤"
	marks := newCellRow(w)
	var legend []string
	if st.Responses > 0 {
		marks.put(axisX(st.Median, w), "▲", s.Bold.Render)
		legend = append(legend, "▲ median "+figure(st.Median))
	}
	if st.Evidence.HasEvidence {
		x := axisX(float64(st.Evidence.DonePercent), w)
		marks.put(x, "◆", s.Marker.Render)
		legend = append(legend, fmt.Sprintf("◆ stories %d%% done", st.Evidence.DonePercent))
	}
	scale := newCellRow(w)
	for _, v := range []int{0, 25, 50, 75, 100} {
		t := fmt.Sprint(v)
		x := clamp(axisX(float64(v), w)-len(t)/2, 0, w-len(t))
		if v == 100 {
			x = w - len(t)
		}
		scale.put(x, t, s.Faint.Render)
	}
	var out []string
	for i := len(labels) - 1; i >= 0; i-- {
		out = append(out, s.Text.Render(labels[i].String()))
	}
	out = append(out, dots.String(), s.Faint.Render(axis.String()), marks.String(), scale.String())
	if len(legend) > 0 {
		out = append(out, s.Faint.Render(truncate(strings.Join(legend, "   "), w)))
	}
	return out
}
