package model

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// OpenAction is an action item still open, with the sprint it was recorded
// in.
type OpenAction struct {
	Item ActionItem
	From Sprint
}

// OpenActionsBefore returns every live action item not yet done of every
// sprint that comes before sprint (by start date, as Trend orders them), the
// earliest sprint first and, within a sprint, in creation order. It is what
// a review of sprint brings back until each item is done: an item stays
// open across any number of later sprints. Deleted sprints and items are
// left out.
func OpenActionsBefore(history []SprintData, sprint Sprint) []OpenAction {
	var out []OpenAction
	for _, d := range liveSprintData(history) {
		if d.Sprint.ID == sprint.ID || compareSprints(d.Sprint, sprint) >= 0 {
			continue
		}
		items := slices.Clone(d.Actions)
		slices.SortStableFunc(items, func(a, b ActionItem) int {
			return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), compareIDs(a.ID, b.ID))
		})
		for _, a := range items {
			if !a.Deleted && !a.Done {
				out = append(out, OpenAction{Item: a, From: d.Sprint})
			}
		}
	}
	return out
}

// ReviewedSprint is the sprint a review summary is about by default: the
// latest sprint in review; else, when the current sprint (CurrentSprint) is
// still being planned, the latest sprint before it that was reviewed and
// closed — the one a carry-over just left; else the current sprint.
func ReviewedSprint(sprints []Sprint, today time.Time) (Sprint, bool) {
	var review, closed *Sprint
	for i := range sprints {
		sp := &sprints[i]
		switch {
		case sp.Deleted:
		case sp.State == StateReview && later(sp, review):
			review = sp
		case sp.State == StateClosed && later(sp, closed):
			closed = sp
		}
	}
	if review != nil {
		return *review, true
	}
	cur, ok := CurrentSprint(sprints, today)
	if ok && cur.State == StatePlanning && closed != nil && compareSprints(*closed, cur) < 0 {
		return *closed, true
	}
	return cur, ok
}

// ParseDue reads an action item's due date: YYYY-MM-DD, or "" or "none"
// for no due date (the zero time).
func ParseDue(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "none") {
		return time.Time{}, nil
	}
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return time.Time{}, fieldErr("action item", "due", "%q is not a date; use YYYY-MM-DD, or none", s)
	}
	return t, nil
}
