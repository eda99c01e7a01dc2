package model

// Rules an import applies besides the merge: closed sprints are read-only,
// a bundle of another team is refused, a "mine" bundle's estimates take
// their sprint's header from the workspace.

import (
	"fmt"
	"strings"

	"github.com/google/uuid"
)

// ChangeSkipped marks an incoming change that was left out because its
// sprint is closed in this workspace.
const ChangeSkipped ChangeKind = "skipped"

// WithoutClosedSprints drops from w every sprint, with all its records,
// that is closed in local: a closed sprint is read-only, and a bundle must
// not reopen it or add estimates to it. It returns the IDs of the dropped
// records, each with the name of its sprint.
func WithoutClosedSprints(local, w Dataset) (Dataset, map[uuid.UUID]string) {
	closed := map[uuid.UUID]bool{}
	for _, sd := range local.Sprints {
		if sd.Sprint.State == StateClosed && !sd.Sprint.Deleted {
			closed[sd.Sprint.ID] = true
		}
	}
	dropped := map[uuid.UUID]string{}
	if len(closed) == 0 {
		return w, dropped
	}
	out := Dataset{Goals: w.Goals, Members: w.Members}
	for _, sd := range w.Sprints {
		if !closed[sd.Sprint.ID] {
			out.Sprints = append(out.Sprints, sd)
			continue
		}
		_ = EachSprintRecord(sd, func(rec any) error {
			dropped[MetaOf(rec).ID] = sd.Sprint.Name
			return nil
		})
	}
	return out, dropped
}

// MarkSkipped relabels the changes to dropped records (WithoutClosedSprints)
// as skipped, saying why.
func MarkSkipped(changes []Change, dropped map[uuid.UUID]string) []Change {
	if len(dropped) == 0 {
		return changes
	}
	out := make([]Change, 0, len(changes))
	for _, c := range changes {
		if name, ok := dropped[c.ID]; ok && c.Kind != ChangeUnchanged {
			c.Kind = ChangeSkipped
			c.Note = fmt.Sprintf("sprint %q is closed here, and a closed sprint is read-only", name)
		}
		out = append(out, c)
	}
	return out
}

// SameTeam reports whether a bundle exported by team bundleTeam may be
// imported into a workspace of team local without asking: the names are
// equal ignoring case, or either is unknown (empty). A bundle of another
// team is usually the wrong file, and merging it would add that team's
// members and sprints for good.
func SameTeam(local, bundleTeam string) bool {
	return bundleTeam == "" || local == "" || strings.EqualFold(bundleTeam, local)
}

// WithLocalSprint gives a "mine" bundle's estimates (d, one sprint whose
// header is only its ID sid) the header of sprint sid from state. ok is
// false when state has no such sprint.
func WithLocalSprint(state, d Dataset, sid uuid.UUID) (Dataset, bool) {
	for _, sd := range state.Sprints {
		if sd.Sprint.ID == sid {
			in := d.Sprints[0]
			in.Sprint = sd.Sprint
			d.Sprints = []SprintData{in}
			return d, true
		}
	}
	return Dataset{}, false
}
