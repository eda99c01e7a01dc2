package ui

import (
	"time"

	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	"github.com/google/uuid"
)

// WorkspaceData is one consistent snapshot of what the screens show: the
// workspace, its people and goals, the sprint headers, and the selected
// sprint in full with its analysis. It is built in a command and only read
// afterwards; screens keep it by value and never modify its slices.
type WorkspaceData struct {
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
	Prior map[uuid.UUID]PriorObjective
	// Today is the clock's date when the snapshot was taken.
	Today time.Time
	// Seq is the I/O queue's sequence number of the load (see Queue.Seq).
	Seq uint64
}

// PriorObjective is the earlier objective a carried objective continues.
type PriorObjective struct {
	Objective   model.Objective
	Assessments []model.Assessment
	Outcome     *model.Outcome
}

// HistoryData is what the History screen shows, computed in a command.
type HistoryData struct {
	Trend       []model.ScorePoint
	Calibration []model.Calibration
	Members     int
}

// Member returns the live member with id.
func (d WorkspaceData) Member(id uuid.UUID) (model.Member, bool) {
	for _, m := range d.Members {
		if m.ID == id {
			return m, true
		}
	}
	return model.Member{}, false
}

// GoalTitle returns the title of goal id, or "" when unlinked or unknown.
func (d WorkspaceData) GoalTitle(id uuid.UUID) string {
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

// ActiveMembers returns the members who are expected to assess (not a
// facilitator who does not estimate).
func (d WorkspaceData) ActiveMembers() []model.Member {
	var out []model.Member
	for _, m := range d.Members {
		if m.Expected() {
			out = append(out, m)
		}
	}
	return out
}

// FiguresShown reports whether the team's figures for objective id (median,
// range, level) may show on the Dashboard and Assess screens: once the
// sprint is closed, and in review once the objective is revealed. The
// facilitator's screens follow the same rule, since they are the ones on
// the projector: the Review screen is where each objective is revealed.
func (d WorkspaceData) FiguresShown(id uuid.UUID) bool {
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

// CalibrationWindow is how many of the latest sprints (by start date) the
// calibration reads: how someone estimated two years ago says little about
// them now.
const CalibrationWindow = 6
