// Package export turns align's records into files for people and for other
// align workspaces: a markdown review summary, a versioned JSON bundle (the
// sync format, documented in BUNDLE.md) and a CSV of assessments.
//
// Formats work on model values only; they never touch the database.
package export

import (
	"bytes"
	"io"
	"slices"
	"time"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// BundleFormat is the value of a bundle's "format" field.
const BundleFormat = "align-bundle"

// BundleVersion is the bundle format version this package writes and reads.
// Version 2 added the header's author and the "mine" scope.
const BundleVersion = 2

// Bundle scopes: one sprint with what it refers to, or the whole workspace.
const (
	ScopeSprint = "sprint"
	ScopeAll    = "all"
)

// MaxBundleSize is the largest bundle DecodeBundle reads, in bytes.
const MaxBundleSize = 32 << 20

// timeLayout writes instants in UTC with a fixed nine-digit fraction, so
// that equal instants always produce equal bytes.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

// Bundle is the versioned JSON sync and export format: a header saying who
// exported what and when, and a set of records in full fidelity (tombstones
// and timestamps included). Build one with NewBundle or DecodeBundle; read its
// records back with Dataset.
type Bundle struct {
	// Format is always BundleFormat and Version always BundleVersion.
	Format  string
	Version int
	// ExportedAt is when the bundle was written, in UTC.
	ExportedAt time.Time
	// Team is the exporting workspace's team name.
	Team string
	// Replica is the exporting workspace's replica id. It names the writer
	// only: model.Merge breaks ties by content, not by replica.
	Replica uuid.UUID
	// Scope is ScopeSprint (one sprint), ScopeAll (every sprint) or
	// ScopeMine (one member's own records).
	Scope string
	// Author is the member who wrote the bundle, uuid.Nil when it names
	// none. An import applies only the changes the author may make
	// (model.CheckAuthority); a signature beside the file proves it.
	Author uuid.UUID

	data model.Dataset // sorted by ID within each kind
}

// NewBundle returns a bundle of d's records, exported by the workspace
// replica of team at exportedAt. scope is ScopeSprint or ScopeAll. Records
// are copied and sorted by ID (UUIDv7: creation order) within each kind;
// sprints by ID, each with its own records.
func NewBundle(team string, replica uuid.UUID, exportedAt time.Time, scope string, d model.Dataset) Bundle {
	return Bundle{
		Format:     BundleFormat,
		Version:    BundleVersion,
		ExportedAt: exportedAt.UTC().Round(0),
		Team:       team,
		Replica:    replica,
		Scope:      scope,
		data:       sortedCopy(d),
	}
}

// WriteJSON writes b as indented JSON with a trailing newline. Records and
// keys are in a fixed order, so the same bundle always yields the same bytes.
func WriteJSON(w io.Writer, b Bundle) error {
	var buf bytes.Buffer
	var wire any = toWire(b)
	if b.Scope == ScopeMine {
		wire = toWireMine(b)
	}
	if err := EncodeJSON(&buf, wire); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func lessID(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) }

// sortedCopy deep-copies d, ordering every kind of record by ID; empty
// lists become nil.
func sortedCopy(d model.Dataset) model.Dataset {
	out := model.CopyDataset(d)
	out.Goals = sortByID(out.Goals, func(g model.Goal) uuid.UUID { return g.ID })
	out.Members = sortByID(out.Members, func(m model.Member) uuid.UUID { return m.ID })
	for i := range out.Members {
		if len(out.Members[i].Keys) == 0 {
			out.Members[i].Keys = nil
		}
	}
	for i := range out.Sprints {
		sd := &out.Sprints[i]
		sd.Objectives = sortByID(sd.Objectives, func(o model.Objective) uuid.UUID { return o.ID })
		sd.Stories = sortByID(sd.Stories, func(s model.Story) uuid.UUID { return s.ID })
		sd.Assessments = sortByID(sd.Assessments, func(a model.Assessment) uuid.UUID { return a.ID })
		sd.Round2 = sortByID(sd.Round2, func(a model.Assessment) uuid.UUID { return a.ID })
		sd.Outcomes = sortByID(sd.Outcomes, func(o model.Outcome) uuid.UUID { return o.ID })
		sd.Actions = sortByID(sd.Actions, func(a model.ActionItem) uuid.UUID { return a.ID })
	}
	if len(out.Sprints) == 0 {
		out.Sprints = nil
	}
	slices.SortStableFunc(out.Sprints, func(a, b model.SprintData) int { return lessID(a.Sprint.ID, b.Sprint.ID) })
	return out
}

// sortByID sorts s in place by ID and returns it, or nil when it is empty.
func sortByID[T any](s []T, id func(T) uuid.UUID) []T {
	if len(s) == 0 {
		return nil
	}
	slices.SortStableFunc(s, func(a, b T) int { return lessID(id(a), id(b)) })
	return s
}

func cloneInt(p *int) *int {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// The wire types below are the bundle's JSON shape, kept apart from model's
// structs so that model can change without changing the format. Every field is
// required on input; nullable fields are pointers. BUNDLE.md documents them.

type wireBundle struct {
	Format     string       `json:"format"`
	Version    int          `json:"version"`
	ExportedAt string       `json:"exported_at"`
	Team       string       `json:"team"`
	Replica    string       `json:"replica"`
	Scope      string       `json:"scope"`
	Author     *string      `json:"author"`
	Goals      []wireGoal   `json:"goals"`
	Members    []wireMember `json:"members"`
	Sprints    []wireSprint `json:"sprints"`
}

type wireMeta struct {
	ID        string  `json:"id"`
	CreatedAt string  `json:"created_at"`
	UpdatedAt string  `json:"updated_at"`
	Base      *string `json:"base"` // null: never edited since created
	Deleted   bool    `json:"deleted"`
}

type wireGoal struct {
	wireMeta
	Title       string `json:"title"`
	Description string `json:"description"`
	Archived    bool   `json:"archived"`
}

type wireMember struct {
	wireMeta
	Name        string   `json:"name"`
	Handle      string   `json:"handle"`
	Active      bool     `json:"active"`
	Facilitator bool     `json:"facilitator"`
	Keys        []string `json:"ssh_keys"`
	// NoEstimates is absent from bundles written before it existed.
	NoEstimates bool `json:"no_estimates,omitempty" bundle:"optional"`
}

type wireSprint struct {
	wireMeta
	Name        string           `json:"name"`
	Goal        string           `json:"goal"`
	Start       string           `json:"start"`
	End         string           `json:"end"`
	State       string           `json:"state"`
	Objectives  []wireObjective  `json:"objectives"`
	Stories     []wireStory      `json:"stories"`
	Assessments []wireAssessment `json:"assessments"`
	Outcomes    []wireOutcome    `json:"outcomes"`
	Actions     []wireAction     `json:"action_items"`
}

type wireObjective struct {
	wireMeta
	Title       string  `json:"title"`
	Description string  `json:"description"`
	GoalID      *string `json:"goal_id"`
	Order       int     `json:"order"`
	CarriedFrom *string `json:"carried_from"`
	Baseline    *int    `json:"baseline"`
	// Stretch is left out when false, so that bundles of committed
	// objectives read as before and older bundles still import.
	Stretch bool `json:"stretch,omitempty"`
}

type wireStory struct {
	wireMeta
	ObjectiveID string `json:"objective_id"`
	Title       string `json:"title"`
	Points      int    `json:"points"`
	Status      string `json:"status"`
	Key         string `json:"key"`
	Order       int    `json:"order"`
}

type wireAssessment struct {
	wireMeta
	ObjectiveID string `json:"objective_id"`
	MemberID    string `json:"member_id"`
	Progress    int    `json:"progress"`
	Confidence  int    `json:"confidence"`
	Note        string `json:"note"`
	Abstain     bool   `json:"abstain"`
	Submitted   bool   `json:"submitted"`
	Late        bool   `json:"late"`
	// Round (2 for the second round; absent or 1 for the first) came with
	// issue 15: older bundles have none, and all their estimates are of
	// round 1.
	Round int `json:"round,omitempty" bundle:"optional"`
}

type wireOutcome struct {
	wireMeta
	ObjectiveID string `json:"objective_id"`
	Agreed      *int   `json:"agreed"`
	Notes       string `json:"notes"`
	Discussed   bool   `json:"discussed"`
	Revealed    bool   `json:"revealed"`
	// Minutes came after version 1's first release: readers accept
	// bundles without it (see shape.go, optionalKey).
	Minutes int `json:"minutes,omitempty" bundle:"optional"`
	// Sealed (round 1 sealed by a reveal) came with issue 15; older
	// bundles have none, and read as sealed when revealed. So did the
	// second round's state.
	Sealed         bool `json:"sealed,omitempty" bundle:"optional"`
	Round2Open     bool `json:"round2_open,omitempty" bundle:"optional"`
	Round2Revealed bool `json:"round2_revealed,omitempty" bundle:"optional"`
	// An honest outcome (issue 15): "uncertain: needs information".
	Uncertain     bool    `json:"uncertain,omitempty" bundle:"optional"`
	Question      string  `json:"question,omitempty" bundle:"optional"`
	QuestionOwner *string `json:"question_owner_id,omitempty" bundle:"optional"`
}

type wireAction struct {
	wireMeta
	ObjectiveID *string `json:"objective_id"`
	Text        string  `json:"text"`
	OwnerID     *string `json:"owner_id"`
	Done        bool    `json:"done"`
	// Due (YYYY-MM-DD) came after version 1's first release: absent or
	// empty when the item has no due date.
	Due string `json:"due,omitempty" bundle:"optional"`
}

// optDate writes a zero date as "" (left out).
func optDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(model.DateLayout)
}

func fmtTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// optID writes uuid.Nil as null.
func optID(id uuid.UUID) *string {
	if id == uuid.Nil {
		return nil
	}
	s := id.String()
	return &s
}

func toMeta(m model.Meta) wireMeta {
	w := wireMeta{ID: m.ID.String(), CreatedAt: fmtTime(m.CreatedAt), UpdatedAt: fmtTime(m.UpdatedAt), Deleted: m.Deleted}
	if !m.Base.IsZero() {
		s := fmtTime(m.Base)
		w.Base = &s
	}
	return w
}

// emptyIfNil keeps every list in the output an array, never null.
func emptyIfNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func toWire(b Bundle) wireBundle {
	w := wireBundle{
		Format: b.Format, Version: b.Version, ExportedAt: fmtTime(b.ExportedAt),
		Team: b.Team, Replica: b.Replica.String(), Scope: b.Scope, Author: optID(b.Author),
		Goals: []wireGoal{}, Members: []wireMember{}, Sprints: []wireSprint{},
	}
	_ = model.EachRecord(b.data, func(rec any, _ uuid.UUID) error {
		switch r := rec.(type) {
		case model.Goal:
			w.Goals = append(w.Goals, wireGoal{wireMeta: toMeta(r.Meta), Title: r.Title, Description: r.Description, Archived: r.Archived})
		case model.Member:
			w.Members = append(w.Members, wireMember{
				wireMeta: toMeta(r.Meta), Name: r.Name, Handle: r.Handle, Active: r.Active,
				Facilitator: r.Facilitator, Keys: emptyIfNil(slices.Clone(r.Keys)), NoEstimates: r.NoEstimates,
			})
		default: // a sprint's header starts its entry; its records follow
			if _, header := rec.(model.Sprint); header {
				w.Sprints = append(w.Sprints, wireSprint{})
			}
			w.Sprints[len(w.Sprints)-1].add(rec)
		}
		return nil
	})
	return w
}

// toWireSprint is a sprint and its records as a bundle writes them.
func toWireSprint(sd model.SprintData) wireSprint {
	var ws wireSprint
	_ = model.EachSprintRecord(sd, func(rec any) error {
		ws.add(rec)
		return nil
	})
	return ws
}

// add puts a sprint's header or one of its records (model.EachSprintRecord
// gives them header first, in the bundle's order: both rounds of estimates
// in one list) into ws.
func (ws *wireSprint) add(rec any) {
	switch r := rec.(type) {
	case model.Sprint:
		*ws = wireSprint{
			wireMeta: toMeta(r.Meta), Name: r.Name, Goal: r.Goal,
			Start: r.Start.UTC().Format(model.DateLayout), End: r.End.UTC().Format(model.DateLayout),
			State:      string(r.State),
			Objectives: []wireObjective{}, Stories: []wireStory{}, Assessments: []wireAssessment{},
			Outcomes: []wireOutcome{}, Actions: []wireAction{},
		}
	case model.Objective:
		ws.Objectives = append(ws.Objectives, wireObjective{
			wireMeta: toMeta(r.Meta), Title: r.Title, Description: r.Description, GoalID: optID(r.GoalID),
			Order: r.Order, CarriedFrom: optID(r.CarriedFrom), Baseline: cloneInt(r.Baseline), Stretch: r.Stretch,
		})
	case model.Story:
		ws.Stories = append(ws.Stories, wireStory{
			wireMeta: toMeta(r.Meta), ObjectiveID: r.ObjectiveID.String(), Title: r.Title,
			Points: r.Points, Status: string(r.Status), Key: r.Key, Order: r.Order,
		})
	case model.Assessment:
		ws.Assessments = append(ws.Assessments, wireAssessment{
			wireMeta: toMeta(r.Meta), ObjectiveID: r.ObjectiveID.String(), MemberID: r.MemberID.String(),
			Progress: r.Progress, Confidence: r.Confidence, Note: r.Note, Abstain: r.Abstain,
			Submitted: r.Submitted, Late: r.Late, Round: wireRound(r.Round2),
		})
	case model.Outcome:
		ws.Outcomes = append(ws.Outcomes, wireOutcome{
			wireMeta: toMeta(r.Meta), ObjectiveID: r.ObjectiveID.String(), Agreed: cloneInt(r.Agreed),
			Notes: r.Notes, Discussed: r.Discussed, Revealed: r.Revealed, Sealed: r.Sealed, Round2Open: r.Round2Open, Round2Revealed: r.Round2Revealed, Minutes: r.Minutes,
			Uncertain: r.Uncertain, Question: r.Question, QuestionOwner: optID(r.QuestionOwner),
		})
	case model.ActionItem:
		ws.Actions = append(ws.Actions, wireAction{
			wireMeta: toMeta(r.Meta), ObjectiveID: optID(r.ObjectiveID), Text: r.Text,
			OwnerID: optID(r.OwnerID), Done: r.Done, Due: optDate(r.Due),
		})
	}
}

// wireRound is an estimate's round as a bundle writes it: 2, or absent for
// the first.
func wireRound(round2 bool) int {
	if round2 {
		return 2
	}
	return 0
}
