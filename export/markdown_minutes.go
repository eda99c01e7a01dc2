package export

import (
	"slices"
	"strconv"

	"github.com/align-team/align/model"
)

// spreadColumn is where the glance table has its Spread column; the
// minutes spent go right after it.
const spreadColumn = 5

// timed reports whether the review recorded minutes for any objective of
// the sprint: only then does the summary show a Minutes column (a sprint
// reviewed without the timer reads as before).
func (md *summaryWriter) timed() bool {
	for _, st := range md.r.Objectives {
		if minutesOf(st) > 0 {
			return true
		}
	}
	return false
}

// minutesOf is how many minutes the review spent on the objective.
func minutesOf(st model.ObjectiveStats) int {
	if st.Outcome == nil || st.Outcome.Deleted {
		return 0
	}
	return st.Outcome.Minutes
}

// withMinutes inserts the Minutes column beside Spread in t's header, or
// value v into a row, when timed.
func withMinutes[T any](row []T, timed bool, v T) []T {
	if !timed || len(row) <= spreadColumn {
		return row
	}
	return slices.Insert(slices.Clone(row), spreadColumn+1, v)
}

// minutesCell is an objective's minutes in the glance table: "–" when the
// timer did not run for it.
func minutesCell(st model.ObjectiveStats) string {
	if n := minutesOf(st); n > 0 {
		return strconv.Itoa(n)
	}
	return "–"
}

// minutesNote is the discrepancy section's "; **discussed:** 9 min", or ""
// when the objective was not timed.
func minutesNote(st model.ObjectiveStats) string {
	if n := minutesOf(st); n > 0 {
		return "; **discussed:** " + strconv.Itoa(n) + " min"
	}
	return ""
}
