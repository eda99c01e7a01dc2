package review

import (
	"github.com/google/uuid"
)

// TimerTickMsg refreshes the Review screen's discussion timer; Gen is the
// refresh chain it belongs to (see reviewTimer).
type TimerTickMsg struct{ Gen int }

// toReviewConfirmedMsg is the confirmed request to move sprint id to review.
type toReviewConfirmedMsg struct{ id uuid.UUID }
