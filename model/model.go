// Package model holds align's domain records and the pure analysis over them.
//
// Nothing here does I/O or reads the clock: callers pass the current time.
// Every record embeds Meta, so that data from several machines merges by ID
// and deletions travel as tombstones.
package model

import (
	"time"

	"github.com/google/uuid"
)

// Meta is carried by every record: a time-ordered UUIDv7, creation and last
// update times in UTC, the update time of the version this one was edited
// from, and a tombstone flag that marks the record deleted.
type Meta struct {
	ID        uuid.UUID
	CreatedAt time.Time
	UpdatedAt time.Time
	// Base is the UpdatedAt of the version this one was edited from; zero
	// for a record never edited since it was created. It is one step of
	// history, enough for Merge to tell an edit of the other side's version
	// from an independent one (a conflict). Touch sets it; records copied
	// verbatim (imports, merges) keep theirs.
	Base    time.Time
	Deleted bool
}

// NewMeta returns Meta with a fresh UUIDv7 and both times set to now (UTC).
func NewMeta(now time.Time) Meta {
	id, err := uuid.NewV7()
	if err != nil {
		// NewV7 fails only if the system random source fails.
		id = uuid.New()
	}
	now = now.UTC()
	return Meta{ID: id, CreatedAt: now, UpdatedAt: now}
}

// Touch records an edit of the version m holds: Base becomes the previous
// UpdatedAt, and UpdatedAt becomes now, kept strictly after the previous
// value so that last-writer-wins merges see every edit as newer. Call it
// once per saved edit, on the version the edit started from.
func (m *Meta) Touch(now time.Time) {
	now = now.UTC()
	if !now.After(m.UpdatedAt) {
		now = m.UpdatedAt.Add(time.Microsecond)
	}
	m.Base = m.UpdatedAt
	m.UpdatedAt = now
}

// Goal is an organisational goal that sprint objectives tie into.
type Goal struct {
	Meta
	Title       string
	Description string
	Archived    bool
}

// Member is a person on the team.
type Member struct {
	Meta
	Name        string
	Handle      string
	Active      bool
	Facilitator bool
	// Keys are SSH public keys in authorized_keys form, used by serve.
	Keys []string
	// NoEstimates marks a facilitator who runs the review without
	// estimating: they are not expected to assess (see Expected). It means
	// nothing for a member who is not a facilitator.
	NoEstimates bool
}

// Expected reports whether m is expected to assess: live, active, and not
// a facilitator who does not estimate.
func (m Member) Expected() bool {
	return !m.Deleted && m.Active && !(m.Facilitator && m.NoEstimates)
}

// SprintState is the life-cycle stage of a sprint.
type SprintState string

// Sprint states, in their natural order.
const (
	StatePlanning  SprintState = "planning"
	StateAssessing SprintState = "assessing"
	StateReview    SprintState = "review"
	StateClosed    SprintState = "closed"
)

// SprintStates lists the states in order.
var SprintStates = []SprintState{StatePlanning, StateAssessing, StateReview, StateClosed}

// Sprint is one iteration with its goal text and dates. Start and End are
// calendar dates stored as midnight UTC; End is inclusive.
type Sprint struct {
	Meta
	Name  string
	Goal  string
	Start time.Time
	End   time.Time
	State SprintState
}

// Objective is one sprint objective, optionally linked to a Goal.
type Objective struct {
	Meta
	SprintID    uuid.UUID
	Title       string
	Description string
	GoalID      uuid.UUID // uuid.Nil when not linked
	Order       int
	// CarriedFrom is the objective this one continues from a previous
	// sprint, and Baseline the progress agreed there; nil when not carried.
	CarriedFrom uuid.UUID
	Baseline    *int
	// Stretch marks an objective the team hopes for but did not commit
	// to: predictability counts committed objectives only.
	Stretch bool
}

// StoryStatus is a story's workflow status.
type StoryStatus string

// Story statuses.
const (
	StoryTodo  StoryStatus = "todo"
	StoryDoing StoryStatus = "doing"
	StoryDone  StoryStatus = "done"
)

// StoryStatuses lists the valid statuses.
var StoryStatuses = []StoryStatus{StoryTodo, StoryDoing, StoryDone}

// Story is a user story that delivers part of an objective. SprintID repeats
// the objective's sprint so that the story is stored with its sprint.
type Story struct {
	Meta
	SprintID    uuid.UUID
	ObjectiveID uuid.UUID
	Title       string
	Points      int // 0 means not estimated
	Status      StoryStatus
	Key         string // external tracker key, e.g. "PROJ-123"
	Order       int
}

// Assessment is one member's private estimate of one objective's progress.
type Assessment struct {
	Meta
	SprintID    uuid.UUID
	ObjectiveID uuid.UUID
	MemberID    uuid.UUID
	Progress    int // 0–100
	Confidence  int // 1–5
	Note        string
	Abstain     bool // "not my area": counted apart from responses
	Submitted   bool
	Late        bool // first saved while the sprint was in review
	// Round2 marks an estimate of the second round, made privately after
	// the discussion; it is kept in SprintData.Round2, round 1 in
	// SprintData.Assessments. A member has one live estimate per
	// objective and round.
	Round2 bool
}

// Outcome is what the team agreed on an objective during the review.
type Outcome struct {
	Meta
	SprintID    uuid.UUID
	ObjectiveID uuid.UUID
	Agreed      *int // nil until agreed
	Notes       string
	Discussed   bool
	Revealed    bool
	// Sealed is set by the first reveal and never cleared: the first
	// round of estimates can no longer change (see Round1Sealed).
	Sealed bool
	// Round2Open: the facilitator opened a second round of estimates;
	// Round2Revealed: and revealed it.
	Round2Open, Round2Revealed bool
	// Uncertain closes the objective honestly when the team still
	// disagrees: "uncertain: needs information", with the Question to
	// answer and its owner (uuid.Nil when unowned), instead of a number
	// nobody believes. Agreed is then nil.
	Uncertain     bool
	Question      string
	QuestionOwner uuid.UUID
	// Minutes is how long the review discussed it, in whole minutes, as
	// the Review screen's timer measured; 0 when it was not timed.
	Minutes int
}

// ActionItem is a follow-up recorded in a review, owned by a member.
type ActionItem struct {
	Meta
	SprintID    uuid.UUID
	ObjectiveID uuid.UUID // uuid.Nil when not tied to an objective
	Text        string
	OwnerID     uuid.UUID // uuid.Nil when unowned
	Done        bool
	// Due is the calendar day it should be done by, as midnight UTC; zero
	// when it has no due date.
	Due time.Time
}

// SprintData is one sprint with everything that belongs to it. Slices hold
// live and tombstoned records alike; use the Live helpers to filter.
type SprintData struct {
	Sprint      Sprint
	Objectives  []Objective
	Stories     []Story
	Assessments []Assessment
	// Round2 holds the second round's estimates (Assessment.Round2).
	Round2   []Assessment
	Outcomes []Outcome
	Actions  []ActionItem
}

// Settings are the workspace's analysis thresholds and review defaults.
type Settings struct {
	// AlignedBelow: a spread below this many points is "aligned".
	AlignedBelow int
	// SplitAt: a spread of this many points or more is "split"; between the
	// two it is "divergent".
	SplitAt int
	// OutlierDistance: an estimate at least this far from the median is an
	// outlier (with at least three responses).
	OutlierDistance int
	// EvidenceGap: a gap of this many points or more between the team's
	// median and the share of stories done raises a flag.
	EvidenceGap int
	// AnonymousReveal starts reveals with names hidden.
	AnonymousReveal bool
	// RequireSignedBundles refuses to import a bundle without a valid
	// signature by its author.
	RequireSignedBundles bool
	// SigningKey is the private SSH key file that align export signs
	// bundles with; empty: the running ssh-agent, if it holds a key of the
	// bundle's author.
	SigningKey string
	// TimeboxMinutes is the time box of one objective's discussion in the
	// review: past it, the Review screen's timer says "over"; 0 is none.
	TimeboxMinutes int
	// Org is the organisation whose goals the workspace imports (align org
	// import), and OrgKeys its keepers' public keys, one per line: the
	// next goals file must be signed with one of them.
	Org     string
	OrgKeys string
	// RankByAdjusted ranks the agenda by the spread net of each member's
	// usual offset (see AdjustedSpread) instead of the raw spread.
	RankByAdjusted bool
}

// DefaultSettings returns the settings a new workspace starts with.
func DefaultSettings() Settings {
	return Settings{AlignedBelow: 15, SplitAt: 30, OutlierDistance: 25, EvidenceGap: 30}
}

// Dataset is a set of records: a whole workspace, or one sprint with the
// goals and members it refers to. It is what bundles carry and what the store
// applies in one transaction.
type Dataset struct {
	Goals   []Goal
	Members []Member
	Sprints []SprintData
}
