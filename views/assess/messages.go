package assess

import (
	"github.com/google/uuid"
)

// withdrawMsg asks to withdraw a member's estimate of an objective (the
// answer to the Assess screen's confirmation).
type withdrawMsg struct {
	objective, sprint, member uuid.UUID
}
