package model

// The vocabulary of imports: what an import (a bundle merge, a tracker
// import) does, or would do, to one record.

import "github.com/google/uuid"

// ChangeKind says what a merge does, or would do, to one record.
type ChangeKind string

// The kinds of change a merge reports.
const (
	// ChangeAdded: the record was not in the workspace and is written.
	ChangeAdded ChangeKind = "added"
	// ChangeUpdated: the incoming version is newer and replaces the local one.
	ChangeUpdated ChangeKind = "updated"
	// ChangeDeleted: a tombstone is written — a live local record becomes
	// deleted, or a deletion the workspace had not seen is recorded so that
	// an older copy can never bring the record back.
	ChangeDeleted ChangeKind = "deleted"
	// ChangeUnchanged: nothing is written for this incoming record, because
	// the workspace already holds the same or a newer version.
	ChangeUnchanged ChangeKind = "unchanged"
	// ChangeConflict: both sides provably changed the record independently
	// (see package merge); one value won and both are reported.
	ChangeConflict ChangeKind = "conflict"
)

// ChangeKinds lists the kinds in the order reports show them.
var ChangeKinds = []ChangeKind{ChangeAdded, ChangeUpdated, ChangeDeleted, ChangeConflict, ChangeUnchanged}

// Change describes what a merge does to one record.
type Change struct {
	Kind ChangeKind
	// Record names the record type: "goal", "member", "sprint",
	// "objective", "story", "assessment", "outcome" or "action item".
	Record string
	ID     uuid.UUID
	// Label is what a person recognises the record by: a title, a handle,
	// "ann on Checkout redesign" for an assessment.
	Label string
	// Local and Incoming are short renderings of the two versions — the
	// fields that differ, "deleted" for a tombstone, then when the version
	// was last updated — set for conflicts and wherever both sides hold the
	// record and differ. For a duplicate natural key they show the two
	// competing records. Empty when that side has none.
	Local, Incoming string
	// Note explains a conflict or an unusual change in one sentence.
	Note string
}
