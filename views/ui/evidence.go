package ui

import (
	"fmt"

	"github.com/align-team/align/model"
)

// StoriesDone says what an objective's stories show, with the share done
// on one rule for every screen and the export: by points when every story
// has points (model.Evidence.ByPoints), else by count, and it says which.
func StoriesDone(ev model.Evidence) string {
	count := fmt.Sprintf("%d of %s done", ev.StoriesDone, Plural(ev.Stories, "%d story", "%d stories"))
	if ev.ByPoints {
		return fmt.Sprintf("%s, %d of %d points (%d%%)", count, ev.PointsDone, ev.Points, ev.DonePercent)
	}
	return fmt.Sprintf("%s (%d%%)", count, ev.DonePercent)
}
