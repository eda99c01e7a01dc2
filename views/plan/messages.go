package plan

import (
	"github.com/align-team/align/model"
)

// planDeleteConfirmedMsg is the confirmed request to delete rec.
type planDeleteConfirmedMsg struct{ rec planRecord }

// planStateConfirmedMsg is the confirmed request to move sprint to state to.
type planStateConfirmedMsg struct {
	sprint model.Sprint
	to     model.SprintState
}
