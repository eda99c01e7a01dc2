package views

import (
	"fmt"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// The messages that stay inside one screen of the root package; the ones
// that cross between the root and the screens are in views/ui.

// timerTickMsg refreshes the Review screen's discussion timer; gen is the
// refresh chain it belongs to (see reviewTimer).
type timerTickMsg struct{ gen int }

// panicError is the error a recovered panic becomes.
type panicError struct {
	value any
	stack string
}

// Error implements error.
func (p panicError) Error() string { return fmt.Sprintf("internal error: %v", p.value) }

// toReviewConfirmedMsg is the confirmed request to move sprint id to review.
type toReviewConfirmedMsg struct{ id uuid.UUID }

// planDeleteConfirmedMsg is the confirmed request to delete rec.
type planDeleteConfirmedMsg struct{ rec planRecord }

// planStateConfirmedMsg is the confirmed request to move sprint to state to.
type planStateConfirmedMsg struct {
	sprint model.Sprint
	to     model.SprintState
}
