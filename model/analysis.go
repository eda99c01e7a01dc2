package model

import "github.com/google/uuid"

// Level says how far apart the team's estimates of one objective are.
type Level string

// Levels, from calm to contested. LevelNone means fewer than two responses.
const (
	LevelNone      Level = "n/a"
	LevelAligned   Level = "aligned"
	LevelDivergent Level = "divergent"
	LevelSplit     Level = "split"
)

// Estimate is one member's non-abstaining answer, as used by the analysis.
type Estimate struct {
	MemberID   uuid.UUID
	Handle     string
	Progress   int
	Confidence int
	Note       string
	Outlier    bool
	Late       bool // first saved while the sprint was in review
}

// Evidence is what the objective's stories say about its progress.
type Evidence struct {
	Stories     int
	StoriesDone int
	Points      int
	PointsDone  int
	DonePercent int  // share done, by points when every story has points, else by count
	ByPoints    bool // DonePercent is by points
	HasEvidence bool // false when the objective has no stories
	Gap         int  // |median − DonePercent|, when both exist
	Flag        bool // Gap ≥ Settings.EvidenceGap
}

// ObjectiveStats is the analysis of one objective's assessments.
type ObjectiveStats struct {
	Objective  Objective
	Responses  int // non-abstaining assessments
	Abstained  int
	Estimates  []Estimate // sorted by progress, then handle
	Mean       float64
	Median     float64
	Min, Max   int
	Spread     int     // Max − Min
	StdDev     float64 // population standard deviation
	Weighted   float64 // confidence-weighted mean
	ConfMin    int
	ConfMax    int
	ConfSpread int
	Outliers   []string // handles, in estimate order
	Level      Level
	Evidence   Evidence
	NoStories  bool // traceability: objective has no stories
	NoGoal     bool // traceability: objective linked to no goal
	Outcome    *Outcome
}

// Missing lists, for one objective, the active members who have not assessed it.
type Missing struct {
	ObjectiveID uuid.UUID
	Handles     []string
}

// SprintReport is the whole analysis of one sprint.
type SprintReport struct {
	Sprint     Sprint
	Objectives []ObjectiveStats // in plan order
	Agenda     []ObjectiveStats // most disputed first
	Missing    []Missing        // per objective, plan order, only where someone is missing
	// Submitted and Expected count active members who have answered (an
	// estimate or an abstention) every objective, and all active members.
	Submitted, Expected int
	NotSubmitted        []string // handles of active members with something missing
	Late                []string // handles of members with an estimate first saved in review, sorted
	Score               float64  // alignment score, valid when HasScore
	HasScore            bool
	// Rounds holds, for each objective whose second round is open, both
	// rounds' figures and the moves (see AnalyzeRound2).
	Rounds map[uuid.UUID]Round2Stats
	// Offsets holds members' usual offsets from past sprints (see
	// Offsets), when the caller has them; nil otherwise.
	Offsets map[uuid.UUID]float64
	// RankedByAdjusted reports that Rank ordered Agenda by the spread net
	// of habit rather than the raw spread.
	RankedByAdjusted bool
}
