package ui

import (
	"time"

	"github.com/google/uuid"
)

// EventKind says what an Event reports.
type EventKind int

const (
	// EventChanged: something was saved; every screen should reload.
	EventChanged EventKind = iota
	// EventFocus: the facilitator's review moved to (or revealed)
	// Objective of Sprint; members' Review screens follow.
	EventFocus
)

// Event is what one session tells the others through the root's Hub.
type Event struct {
	Kind      EventKind
	Sprint    uuid.UUID // EventFocus: the sprint shown
	Objective uuid.UUID // EventFocus: the objective under the cursor
	// Since is, for EventFocus, when Objective became the review's current
	// one: every screen times the discussion from it (the Review screen's
	// live timer).
	Since time.Time
	// From is the session that published the event (Deps.Session), so
	// that a session ignores its own focus coming back.
	From uuid.UUID
}

// FollowMsg tells an app where the facilitator's review is.
type FollowMsg struct {
	Sprint, Objective, From uuid.UUID
	Since                   time.Time
}
