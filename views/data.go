package views

import (
	"fmt"
	"slices"
	"time"

	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	"github.com/align-team/align/views/ui"
	"github.com/google/uuid"
)

// priorLookback is how many sprints before the selected one loadWorkspace
// reads at most to find the objectives its carried objectives continue.
// Objectives are carried into the next sprint, so the first is nearly always
// enough; the bound keeps a reload O(sprint) even when a CarriedFrom points
// at an objective that no longer exists (merge does not check it), which
// would otherwise walk the whole history on every frame's data. An objective
// carried from further back still shows its agreed Baseline.
const priorLookback = 3

// loadWorkspace reads the snapshot for sprint id (uuid.Nil: the current
// sprint): the workspace, members, goals and sprint headers, the selected
// sprint and at most priorLookback sprints before it. Its cost does not grow
// with the number of past sprints beyond their headers; the History screen's
// trend and calibration are loaded separately (loadHistory), only when shown.
func loadWorkspace(st *store.Store, id uuid.UUID, now time.Time) (ui.WorkspaceData, error) {
	var d ui.WorkspaceData
	var err error
	d.Today = model.Day(now)
	if d.Workspace, err = st.Workspace(); err != nil {
		return d, fmt.Errorf("reading the workspace: %w", err)
	}
	if d.Members, err = st.Members(); err != nil {
		return d, fmt.Errorf("reading members: %w", err)
	}
	if d.Goals, err = st.Goals(); err != nil {
		return d, fmt.Errorf("reading goals: %w", err)
	}
	if d.Sprints, err = st.Sprints(); err != nil {
		return d, fmt.Errorf("reading sprints: %w", err)
	}
	cur, hasCur := model.CurrentSprint(d.Sprints, now)
	idx := -1
	for i, s := range d.Sprints {
		if s.ID == id {
			idx = i
		}
	}
	if idx < 0 {
		if !hasCur {
			return d, nil
		}
		for i, s := range d.Sprints {
			if s.ID == cur.ID {
				idx = i
			}
		}
		if idx < 0 {
			return d, nil
		}
	}
	if d.Sprint, err = st.SprintData(d.Sprints[idx].ID); err != nil {
		return d, fmt.Errorf("reading sprint %q: %w", d.Sprints[idx].Name, err)
	}
	d.HasSprint = true
	d.Current = hasCur && cur.ID == d.Sprint.Sprint.ID
	d.Report = model.Analyze(d.Sprint, d.Members, d.Workspace.Settings)
	if d.Workspace.Settings.RankByAdjusted {
		past, err := st.SprintsBefore(d.Sprint.Sprint.ID, model.OffsetWindow)
		if err != nil {
			return d, fmt.Errorf("reading the sprints before %q: %w", d.Sprint.Sprint.Name, err)
		}
		d.Report = model.Rank(d.Report, d.Workspace.Settings, model.PastOffsets(past, d.Members))
	}
	if d.Earlier, err = st.OpenActionsBefore(d.Sprint.Sprint); err != nil {
		return d, fmt.Errorf("reading earlier action items: %w", err)
	}
	d.Prior = map[uuid.UUID]ui.PriorObjective{}
	want := map[uuid.UUID]uuid.UUID{} // earlier objective → carried objective
	for _, o := range d.Sprint.Objectives {
		if !o.Deleted && o.CarriedFrom != uuid.Nil {
			want[o.CarriedFrom] = o.ID
		}
	}
	for i := idx - 1; i >= 0 && i >= idx-priorLookback && (i == idx-1 || len(want) > 0); i-- {
		sd, err := st.SprintData(d.Sprints[i].ID)
		if err != nil {
			return d, fmt.Errorf("reading sprint %q: %w", d.Sprints[i].Name, err)
		}
		if i == idx-1 {
			d.Previous, d.HasPrevious = sd, true
		}
		collectPrior(sd, want, d.Prior)
	}
	return d, nil
}

// collectPrior moves the objectives of sd that want asks for into prior.
func collectPrior(sd model.SprintData, want map[uuid.UUID]uuid.UUID, prior map[uuid.UUID]ui.PriorObjective) {
	for _, o := range sd.Objectives {
		carried, ok := want[o.ID]
		if !ok {
			continue
		}
		p := ui.PriorObjective{Objective: o}
		for _, a := range sd.Assessments {
			if a.ObjectiveID == o.ID && !a.Deleted {
				p.Assessments = append(p.Assessments, a)
			}
		}
		for _, oc := range sd.Outcomes {
			if oc.ObjectiveID == o.ID && !oc.Deleted {
				oc := oc
				p.Outcome = &oc
			}
		}
		prior[carried] = p
		delete(want, o.ID)
	}
}

// loadHistory reads every sprint and computes the trend and calibration:
// O(history), so the root runs it only when the History screen is shown and
// its cached result is stale (see App.historyCmd), never for the first frame.
func loadHistory(st *store.Store) (ui.HistoryData, error) {
	ws, err := st.Workspace()
	if err != nil {
		return ui.HistoryData{}, fmt.Errorf("reading the workspace: %w", err)
	}
	ds, err := st.Dataset(store.DatasetOptions{})
	if err != nil {
		return ui.HistoryData{}, fmt.Errorf("reading the history: %w", err)
	}
	return ui.HistoryData{
		Trend:       model.Trend(ds.Sprints, ds.Members, ws.Settings),
		Calibration: model.Calibrate(recentSprints(ds.Sprints, ui.CalibrationWindow), ds.Members),
		Members:     len(ds.Members),
	}, nil
}

// recentSprints returns the n sprints that start last, oldest first.
func recentSprints(sprints []model.SprintData, n int) []model.SprintData {
	out := slices.Clone(sprints)
	slices.SortStableFunc(out, func(a, b model.SprintData) int { return a.Sprint.Start.Compare(b.Sprint.Start) })
	return out[max(0, len(out)-n):]
}
