package views

import (
	"fmt"
	"time"

	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	"github.com/google/uuid"
)

// workspaceData is one consistent snapshot of what the screens show: the
// workspace, its people and goals, the sprint headers, and the selected
// sprint in full with its analysis. It is built in a command and only read
// afterwards; screens keep it by value and never modify its slices.
type workspaceData struct {
	Workspace store.Workspace
	Members   []model.Member // live members, by handle
	Goals     []model.Goal
	Sprints   []model.Sprint // live sprint headers, by start date
	HasSprint bool           // false when the workspace has no sprint yet
	Sprint    model.SprintData
	// Current reports whether Sprint is the current sprint (the one shown
	// when none is chosen); screens mark any other as "not current".
	Current bool
	Report  model.SprintReport
	// Previous is the sprint started before Sprint (for last sprint's
	// action items); HasPrevious is false for the first sprint.
	Previous    model.SprintData
	HasPrevious bool
	// Earlier are the open action items of every sprint before Sprint,
	// oldest first, with the sprint each comes from: a review brings them
	// back until they are done (model.OpenActionsBefore).
	Earlier []model.OpenAction
	// Prior holds, for each objective carried into Sprint, the objective it
	// continues and that objective's live assessments.
	Prior map[uuid.UUID]priorObjective
	// Today is the clock's date when the snapshot was taken.
	Today time.Time
	// seq is the I/O queue's sequence number of the load (see ioQueue.seq).
	seq uint64
}

// priorObjective is the earlier objective a carried objective continues.
type priorObjective struct {
	Objective   model.Objective
	Assessments []model.Assessment
	Outcome     *model.Outcome
}

// historyData is what the History screen shows, computed in a command.
type historyData struct {
	Trend       []model.ScorePoint
	Calibration []model.Calibration
	Members     int
}

// member returns the live member with id.
func (d workspaceData) member(id uuid.UUID) (model.Member, bool) {
	for _, m := range d.Members {
		if m.ID == id {
			return m, true
		}
	}
	return model.Member{}, false
}

// goalTitle returns the title of goal id, or "" when unlinked or unknown.
func (d workspaceData) goalTitle(id uuid.UUID) string {
	if id == uuid.Nil {
		return ""
	}
	for _, g := range d.Goals {
		if g.ID == id {
			return g.Title
		}
	}
	return ""
}

// activeMembers returns the members who are expected to assess (not a
// facilitator who does not estimate).
func (d workspaceData) activeMembers() []model.Member {
	var out []model.Member
	for _, m := range d.Members {
		if m.Expected() {
			out = append(out, m)
		}
	}
	return out
}

// figuresShown reports whether the team's figures for objective id (median,
// range, level) may show on the Dashboard and Assess screens: once the
// sprint is closed, and in review once the objective is revealed. The
// facilitator's screens follow the same rule, since they are the ones on
// the projector: the Review screen is where each objective is revealed.
func (d workspaceData) figuresShown(id uuid.UUID) bool {
	switch d.Sprint.Sprint.State {
	case model.StateClosed:
		return true
	case model.StateReview:
		for _, o := range d.Sprint.Outcomes {
			if o.ObjectiveID == id && !o.Deleted {
				return o.Revealed
			}
		}
	}
	return false
}

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
func loadWorkspace(st *store.Store, id uuid.UUID, now time.Time) (workspaceData, error) {
	var d workspaceData
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
	d.Prior = map[uuid.UUID]priorObjective{}
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
func collectPrior(sd model.SprintData, want map[uuid.UUID]uuid.UUID, prior map[uuid.UUID]priorObjective) {
	for _, o := range sd.Objectives {
		carried, ok := want[o.ID]
		if !ok {
			continue
		}
		p := priorObjective{Objective: o}
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
func loadHistory(st *store.Store) (historyData, error) {
	ws, err := st.Workspace()
	if err != nil {
		return historyData{}, fmt.Errorf("reading the workspace: %w", err)
	}
	ds, err := st.Dataset(store.DatasetOptions{})
	if err != nil {
		return historyData{}, fmt.Errorf("reading the history: %w", err)
	}
	return historyData{
		Trend:       model.Trend(ds.Sprints, ds.Members, ws.Settings),
		Calibration: model.Calibrate(recentSprints(ds.Sprints, calibrationWindow), ds.Members),
		Members:     len(ds.Members),
	}, nil
}
