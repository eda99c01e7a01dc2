package review

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/align-team/align/model"
	"github.com/align-team/align/views/ui"
	"github.com/charmbracelet/x/ansi"
)

// maxLabelRows bounds the rows of handles above the dots; handles that do
// not fit there are listed under the plot ("also: …").
const maxLabelRows = 3

// axisX maps a 0–100 value to a column of an axis w cells wide.
func axisX(v float64, w int) int {
	return ui.Clamp(int(math.Round(v*float64(w-1)/100)), 0, w-1)
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

// free reports whether columns x..x+n-1 are inside the row and blank.
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

// fits reports whether a label n cells wide can start at x with a blank
// cell (or the row's edge) on either side.
func (r cellRow) fits(x, n int) bool {
	if !r.free(x, n) {
		return false
	}
	return (x == 0 || r[x-1] == " ") && (x+n == len(r) || r[x+n] == " ")
}

func (r cellRow) String() string { return strings.Join(r, "") }

// plotGroup is the estimates that share one column of the axis: equal
// values, or values too close to tell apart at this width.
type plotGroup struct {
	x        int
	handles  []string // "jonas!" for an outlier
	lo, hi   int      // the values drawn here
	outliers bool
}

// label is the group's handles joined: "lin,priya".
func (g plotGroup) label() string { return strings.Join(g.handles, ",") }

// value is the group's value, or its range when close values share a column.
func (g plotGroup) value() string {
	if g.lo == g.hi {
		return strconv.Itoa(g.lo)
	}
	return fmt.Sprintf("%d–%d", g.lo, g.hi)
}

// plotGroups gathers estimates (sorted by progress) by column.
func plotGroups(es []model.Estimate, w int) []plotGroup {
	var gs []plotGroup
	for _, e := range es {
		x := axisX(float64(e.Progress), w)
		h := e.Handle
		if e.Outlier {
			h += "!"
		}
		if n := len(gs); n > 0 && gs[n-1].x == x {
			g := &gs[n-1]
			g.handles = append(g.handles, h)
			g.lo, g.hi = min(g.lo, e.Progress), max(g.hi, e.Progress)
			g.outliers = g.outliers || e.Outlier
			continue
		}
		gs = append(gs, plotGroup{x: x, handles: []string{h}, lo: e.Progress, hi: e.Progress, outliers: e.Outlier})
	}
	// A count next to another mark reads as one number ("22"): such
	// neighbours share one column, at the middle of their values.
	for i := 1; i < len(gs); {
		a, b := gs[i-1], gs[i]
		if b.x-a.x > 1 || (len(a.handles) == 1 && len(b.handles) == 1) {
			i++
			continue
		}
		a.handles = append(slices.Clip(a.handles), b.handles...)
		a.lo, a.hi = min(a.lo, b.lo), max(a.hi, b.hi)
		a.outliers = a.outliers || b.outliers
		a.x = axisX(float64(a.lo+a.hi)/2, w)
		gs[i-1] = a
		gs = slices.Delete(gs, i, i+1)
		i = max(1, i-1)
	}
	return gs
}

// dotMark is what a column with n estimates shows: ● for one, else the
// count, so that coinciding estimates are never read as one.
func dotMark(n int) string {
	if n == 1 {
		return "●"
	}
	return strconv.Itoa(n)
}

// placeLabels puts each group's label above its dot: centred, else starting
// or ending at the dot, on the first row with room; a new row when none
// has room (up to maxLabelRows). It returns the rows (nearest the dots
// first) and the groups whose labels did not fit.
func placeLabels(gs []plotGroup, w int) (rows []cellRow, left []plotGroup) {
	plain := func(t ...string) string { return strings.Join(t, "") }
	for _, g := range gs {
		label := g.label()
		lw := ansi.StringWidth(label)
		if lw > w {
			left = append(left, g)
			continue
		}
		starts := []int{
			ui.Clamp(g.x-lw/2, 0, w-lw),
			ui.Clamp(g.x, 0, w-lw),
			ui.Clamp(g.x-lw+1, 0, w-lw),
		}
		placed := false
		for _, row := range rows {
			for _, x := range starts {
				if row.fits(x, lw) {
					row.put(x, label, plain)
					placed = true
					break
				}
			}
			if placed {
				break
			}
		}
		switch {
		case placed:
		case len(rows) < maxLabelRows:
			row := newCellRow(w)
			row.put(starts[0], label, plain)
			rows = append(rows, row)
		default:
			left = append(left, g)
		}
	}
	return rows, left
}

// dotPlot draws every estimate on one 0–100 axis w cells wide: handles above
// their dots (unless anonymous; handles with no room listed under the plot),
// a count where estimates coincide, outliers marked "!", the median (▲) and
// the story evidence (◆) below the axis, and the scale.
func dotPlot(s ui.Styles, st model.ObjectiveStats, w int, anonymous bool) []string {
	if w < 11 {
		w = 11
	}
	gs := plotGroups(st.Estimates, w)
	taken := map[int]bool{}
	for _, g := range gs {
		taken[g.x] = true
	}
	dots := newCellRow(w)
	for _, g := range gs {
		style := s.Accent.Render
		if g.outliers {
			style = s.Error.Render
		}
		mark := dotMark(len(g.handles))
		if len(g.handles) >= 10 && (g.x+1 >= w || taken[g.x+1]) { // len(mark) counts "●" as 3
			mark = "+" // ten or more, and no room for the second digit
		}
		dots.put(g.x, mark, style)
	}
	var labels []cellRow
	var left []plotGroup
	if !anonymous {
		labels, left = placeLabels(gs, w)
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
	if st.Responses > 0 {
		marks.put(axisX(st.Median, w), "▲", s.Bold.Render)
	}
	if st.Evidence.HasEvidence {
		marks.put(axisX(float64(st.Evidence.DonePercent), w), "◆", s.Marker.Render)
	}
	if o := st.Outcome; o != nil && !o.Deleted && o.Agreed != nil {
		marks.put(axisX(float64(*o.Agreed), w), "★", s.Success.Render) // the agreed value
	}
	scale := newCellRow(w)
	for _, v := range []int{0, 25, 50, 75, 100} {
		t := fmt.Sprint(v)
		x := ui.Clamp(axisX(float64(v), w)-len(t)/2, 0, w-len(t))
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
	if len(left) > 0 {
		var also []string
		for _, g := range left {
			// A no-break space keeps the last handle with its value, so
			// that a wrapped line never ends on a handle whose value is
			// on the next (or, on a short screen, a later page).
			also = append(also, strings.Join(g.handles, ", ")+"\u00a0"+g.value())
		}
		for _, l := range ui.Wrap("also: "+strings.Join(also, "; "), w) {
			out = append(out, s.Text.Render(ui.Truncate(l, w)))
		}
	}
	return out
}
