package export

import (
	"fmt"
	"math"
	"strconv"

	"github.com/align-team/align/model"
)

// This file is the one number formatter of align: the plain-text status,
// the markdown and every TUI screen format the same figures with these
// functions, so that the same thing reads the same everywhere.

// Figure formats a statistic (a median, a mean, a score) with at most one
// decimal, halves rounded away from zero, and no trailing ".0" or "-0":
// 62.5 → "62.5", 60 → "60", 62.25 → "62.3".
func Figure(f float64) string {
	r := math.Round(f*10) / 10
	if r == 0 {
		r = 0 // no "-0"
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// Whole formats a figure rounded to a whole number, halves away from zero
// and never "-0", where a table or caption has no room for a decimal (a
// History score beside its bar): 68.5 → "69", 68.4 → "68".
func Whole(f float64) string {
	r := math.Round(f)
	if r == 0 {
		r = 0 // no "-0"
	}
	return strconv.FormatFloat(r, 'f', 0, 64)
}

// OneDecimal formats a figure with exactly one decimal, as the standard
// deviation is shown beside a spread: 4 → "4.0", 3.46 → "3.5".
func OneDecimal(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }

// Percent formats a whole percentage: 31 → "31%".
func Percent(p int) string { return strconv.Itoa(p) + "%" }

// Plural is n with the noun that fits it: Plural(1, "story", "stories") is
// "1 story", Plural(3, "story", "stories") is "3 stories", and 0 takes the
// plural ("0 stories").
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// Points is the share of story points done: "8 of 26 points".
func Points(done, total int) string { return fmt.Sprintf("%d of %d points", done, total) }

// StoriesDone says what an objective's stories show, with the share done
// by the one rule of model.StoryEvidence (by points when every story has
// points, else by count), and says which: "2 of 5 stories done, 8 of 26
// points (31%)" or "2 of 5 stories done (40%)".
func StoriesDone(ev model.Evidence) string {
	count := fmt.Sprintf("%d of %s done", ev.StoriesDone, Plural(ev.Stories, "story", "stories"))
	if ev.ByPoints {
		return fmt.Sprintf("%s, %s (%s)", count, Points(ev.PointsDone, ev.Points), Percent(ev.DonePercent))
	}
	return fmt.Sprintf("%s (%s)", count, Percent(ev.DonePercent))
}
