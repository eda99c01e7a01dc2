package model

import "time"

// CurrentSprint picks the sprint that is not closed and whose dates include
// today, else the latest (by start) that is not closed — once a sprint is
// closed early, the next one being planned is the current one — else the
// closed sprint whose dates include today, else the latest; ok is false when
// there are no sprints.
//
// Deleted sprints are ignored. Days are compared as calendar days in UTC, and
// End is inclusive. When several sprints include today, the one that starts
// latest wins; "latest" always means by Start, then CreatedAt, then ID.
func CurrentSprint(sprints []Sprint, today time.Time) (Sprint, bool) {
	day := Day(today.UTC())
	var runningOpen, running, open, latest *Sprint
	for i := range sprints {
		sp := &sprints[i]
		if sp.Deleted {
			continue
		}
		if later(sp, latest) {
			latest = sp
		}
		if sp.State != StateClosed && later(sp, open) {
			open = sp
		}
		start, end := Day(sp.Start.UTC()), Day(sp.End.UTC())
		if !day.Before(start) && !day.After(end) {
			if later(sp, running) {
				running = sp
			}
			if sp.State != StateClosed && later(sp, runningOpen) {
				runningOpen = sp
			}
		}
	}
	for _, pick := range []*Sprint{runningOpen, open, running, latest} {
		if pick != nil {
			return *pick, true
		}
	}
	return Sprint{}, false
}

// later reports whether a comes after b (nil comes before everything).
func later(a, b *Sprint) bool { return b == nil || compareSprints(*a, *b) > 0 }
