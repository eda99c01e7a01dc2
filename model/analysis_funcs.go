package model

// TEMPORARY SKELETON: the analysis helper replaces these bodies (and this
// comment), keeping the signatures.

import (
	"time"

	"github.com/google/uuid"
)

// LiveObjectives returns d's objectives that are not deleted, in plan order
// (Order, then CreatedAt, then ID).
func LiveObjectives(d SprintData) []Objective { return nil }

// AnalyzeObjective computes the statistics of one objective from its
// assessments and stories. members maps IDs to members for handles.
func AnalyzeObjective(o Objective, as []Assessment, stories []Story, members map[uuid.UUID]Member, s Settings) ObjectiveStats {
	return ObjectiveStats{Objective: o}
}

// Analyze computes the whole report of one sprint.
func Analyze(d SprintData, members []Member, s Settings) SprintReport { return SprintReport{Sprint: d.Sprint} }

// Agenda orders objectives most disputed first: spread, then standard
// deviation, descending; ties keep plan order.
func Agenda(stats []ObjectiveStats) []ObjectiveStats { return stats }

// AlignmentScore is 100 − the mean spread over objectives with at least two
// responses; ok is false when there is no such objective.
func AlignmentScore(stats []ObjectiveStats) (score float64, ok bool) { return 0, false }

// ScorePoint is one sprint's alignment score in a trend.
type ScorePoint struct {
	Sprint   Sprint
	Score    float64
	HasScore bool
}

// Trend returns the alignment score of each sprint, ordered by start date.
func Trend(sprints []SprintData, members []Member, s Settings) []ScorePoint { return nil }

// Calibration is how one member's estimates compare with agreed outcomes.
type Calibration struct {
	MemberID   uuid.UUID
	Handle     string
	Count      int     // estimates with an agreed outcome
	MeanGap    float64 // mean of estimate − agreed: > 0 optimist, < 0 pessimist
	MeanAbsGap float64
}

// Tendency names the calibration: "optimist", "pessimist" or "calibrated"
// (mean gap within 5 points either way).
func (c Calibration) Tendency() string { return "" }

// Calibrate returns each member's calibration across sprints, by handle;
// members with no estimate against an agreed outcome are left out.
func Calibrate(sprints []SprintData, members []Member) []Calibration { return nil }

// CurrentSprint picks the sprint whose dates include today, else the latest
// (by start) that is not closed, else the latest; ok is false when there are
// no sprints.
func CurrentSprint(sprints []Sprint, today time.Time) (Sprint, bool) { return Sprint{}, false }
