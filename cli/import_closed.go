package cli

// Closed sprints are read-only: an import leaves them as they are.

import (
	"fmt"
	"slices"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// changeSkipped marks an incoming change that was left out because its
// sprint is closed in this workspace.
const changeSkipped model.ChangeKind = "skipped"

// withoutClosedSprints drops from w every sprint, with all its records, that
// is closed in local: a closed sprint is read-only, and a bundle must not
// reopen it or add estimates to it. It returns the IDs of the dropped
// records, each with the name of its sprint.
func withoutClosedSprints(local, w model.Dataset) (model.Dataset, map[uuid.UUID]string) {
	closed := map[uuid.UUID]bool{}
	for _, sd := range local.Sprints {
		if sd.Sprint.State == model.StateClosed && !sd.Sprint.Deleted {
			closed[sd.Sprint.ID] = true
		}
	}
	dropped := map[uuid.UUID]string{}
	if len(closed) == 0 {
		return w, dropped
	}
	out := model.Dataset{Goals: w.Goals, Members: w.Members}
	for _, sd := range w.Sprints {
		if !closed[sd.Sprint.ID] {
			out.Sprints = append(out.Sprints, sd)
			continue
		}
		name := sd.Sprint.Name
		dropped[sd.Sprint.ID] = name
		for _, o := range sd.Objectives {
			dropped[o.ID] = name
		}
		for _, s := range sd.Stories {
			dropped[s.ID] = name
		}
		for _, a := range slices.Concat(sd.Assessments, sd.Round2) {
			dropped[a.ID] = name
		}
		for _, o := range sd.Outcomes {
			dropped[o.ID] = name
		}
		for _, a := range sd.Actions {
			dropped[a.ID] = name
		}
	}
	return out, dropped
}

// markSkipped relabels the changes to dropped records as skipped.
func markSkipped(changes []model.Change, dropped map[uuid.UUID]string) []model.Change {
	if len(dropped) == 0 {
		return changes
	}
	out := make([]model.Change, 0, len(changes))
	for _, c := range changes {
		if name, ok := dropped[c.ID]; ok && c.Kind != model.ChangeUnchanged {
			c.Kind = changeSkipped
			c.Note = fmt.Sprintf("sprint %q is closed here, and a closed sprint is read-only", name)
		}
		out = append(out, c)
	}
	return out
}
