package export

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/align-team/align/model"
)

// statusCanceled marks a tracker status meaning the work will not be done.
// It never leaves this package: such rows go to TrackerImport.Skipped.
const statusCanceled model.StoryStatus = "-canceled"

// trackerStatuses lists the tracker statuses align understands, written
// naturally; lookups go through normStatus, so case, punctuation, emoji and
// spacing do not matter ("IN_PROGRESS", "In-Progress" and "🏗 In progress"
// are all "in progress").
//
// Canceled work (Canceled, Won't Do, Duplicate, Rejected...) is neither done
// nor to do: counting it as done would inflate the evidence beside the
// team's estimates, and reporting it as a problem would block every real
// export that contains one. Such rows are skipped and listed apart. Blocked
// and on-hold stories have started, so they are doing.
var trackerStatuses = map[model.StoryStatus][]string{
	model.StoryTodo: {
		"todo", "to do", "backlog", "open", "new", "triage", "unstarted", "not started",
		"selected for development", "ready", "ready for development", "ready for dev",
		"planned", "icebox", "reopened", "pending", "ready for refinement", "no status",
	},
	model.StoryDoing: {
		"doing", "in progress", "started", "in development", "in dev", "development",
		"review", "in review", "code review", "ready for review", "under review",
		"qa", "in qa", "ready for qa", "testing", "in testing", "verification",
		"blocked", "on hold",
	},
	model.StoryDone: {
		"done", "closed", "resolved", "completed", "complete", "shipped", "released",
		"merged", "fixed", "deployed", "delivered", "accepted", "finished",
	},
	statusCanceled: {
		"canceled", "cancelled", "won't do", "wont do", "won't fix", "wontfix",
		"duplicate", "rejected", "declined", "obsolete", "abandoned", "not planned",
	},
}

// statusIndex maps normStatus(name) to its status; built once, read only.
var statusIndex = func() map[string]model.StoryStatus {
	m := map[string]model.StoryStatus{}
	for st, names := range trackerStatuses {
		for _, n := range names {
			m[normStatus(n)] = st
		}
	}
	return m
}()

// normStatus lower-cases s and turns every run of characters other than
// letters and digits into one space, trimmed.
func normStatus(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		space = true
	}
	return b.String()
}

// trackerStatus maps a tracker's status to todo, doing or done, or to
// statusCanceled; a blank status is todo (GitHub Projects leaves Status
// empty for items not yet placed in a column). ok is false for a status it
// does not know.
func trackerStatus(s string) (st model.StoryStatus, ok bool) {
	n := normStatus(s)
	if n == "" {
		return model.StoryTodo, true
	}
	st, ok = statusIndex[n]
	return st, ok
}

// trackerPoints parses a story point estimate: blank is 0, a whole number
// is itself, a decimal is rounded half away from zero (0.5 → 1, 2.4 → 2), so
// that a half-point story still counts. It returns a message instead for
// anything else: signs, exponents, commas, words, or more than MaxPoints.
func trackerPoints(s string) (int, string) {
	if s == "" {
		return 0, ""
	}
	whole, frac, hasDot := strings.Cut(s, ".")
	if !isDigits(whole) || hasDot && !isDigits(frac) {
		if strings.HasPrefix(s, "-") {
			return 0, fmt.Sprintf("points %s are negative; use a number from 0 to %d", clip(s), model.MaxPoints)
		}
		return 0, fmt.Sprintf("points %s are not a number; use a whole or decimal number from 0 to %d, or leave it blank", clip(s), model.MaxPoints)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f > model.MaxPoints+0.5 {
		return 0, fmt.Sprintf("points %s are more than %d", clip(s), model.MaxPoints)
	}
	n := int(math.Round(f))
	if n > model.MaxPoints {
		return 0, fmt.Sprintf("points %s are more than %d", clip(s), model.MaxPoints)
	}
	return n, ""
}
