package views

// Every message the views exchange, declared together. Messages are named
// after what happened (...LoadedMsg, ...SavedMsg) or what is asked
// (navigateMsg, confirmMsg). Store I/O happens only in commands (see io.go);
// their results come back as these values.

import (
	"fmt"

	"github.com/align-team/align/model"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/google/uuid"
)

// workspaceLoadedMsg carries a fresh snapshot of the workspace and the
// selected sprint; the root broadcasts it to every screen.
type workspaceLoadedMsg struct{ data workspaceData }

// historyLoadedMsg carries every sprint's alignment score and the members'
// calibration, loaded when the History screen is shown and its cached copy
// is stale; gen is the cache generation it was computed for (see
// historyCache), err is set when the load failed.
type historyLoadedMsg struct {
	gen     int
	history historyData
	err     error
}

// assessmentSavedMsg reports a stored assessment (as stored), or err with
// the assessment that could not be saved.
type assessmentSavedMsg struct {
	a   model.Assessment
	err error
	seq uint64 // the save's place in the I/O queue (see ioQueue.seq)
}

// withdrawMsg asks to withdraw a member's estimate of an objective (the
// answer to the Assess screen's confirmation).
type withdrawMsg struct {
	objective, sprint, member uuid.UUID
}

// outcomeSavedMsg reports a stored review outcome, or err with the outcome
// that could not be saved.
type outcomeSavedMsg struct {
	o   model.Outcome
	err error
	seq uint64 // the save's place in the I/O queue (see ioQueue.seq)
}

// actionSavedMsg reports a stored action item, or err with the item that
// could not be saved.
type actionSavedMsg struct {
	a   model.ActionItem
	err error
}

// memberRememberedMsg reports that the acting member was remembered for the
// workspace (store.SetLastMember).
type memberRememberedMsg struct{ id uuid.UUID }

// savedMsg reports any other finished write (sprint state, plan edits). The
// root reloads the workspace and shows text in the footer when it is set.
type savedMsg struct{ text string }

// timerTickMsg refreshes the Review screen's discussion timer; gen is the
// refresh chain it belongs to (see reviewTimer).
type timerTickMsg struct{ gen int }

// navigateMsg asks the root to show another screen (and reload its data);
// objective, when set, is the objective the new screen should focus.
type navigateMsg struct {
	to        screen
	objective uuid.UUID
}

// selectSprintMsg asks the root to show sprint id on every screen and reload;
// uuid.Nil selects the current sprint again.
type selectSprintMsg struct{ id uuid.UUID }

// confirmMsg asks the root to put prompt in the footer and, when the next
// key is "y", to deliver yes as a message (to the active screen, or
// tea.QuitMsg to quit); any other key cancels. yes is a message rather than a
// command so that nothing is queued before the user agrees.
type confirmMsg struct {
	prompt string
	yes    tea.Msg
}

// footerMsg asks the root to show a confirmation or hint in the footer until
// the next key.
type footerMsg struct{ text string }

// errMsg reports a failed command. The root shows it in the footer and
// reloads; a fatal one (a recovered panic) ends the program with the error.
type errMsg struct {
	err   error
	fatal bool
}

// Error implements error.
func (e errMsg) Error() string { return e.err.Error() }

// Unwrap lets errors.Is see the store's sentinel errors.
func (e errMsg) Unwrap() error { return e.err }

// panicError is the error a recovered panic becomes.
type panicError struct {
	value any
	stack string
}

// Error implements error.
func (p panicError) Error() string { return fmt.Sprintf("internal error: %v", p.value) }

// toReviewConfirmedMsg is the confirmed request to move sprint id to review.
type toReviewConfirmedMsg struct{ id uuid.UUID }

// ---- Plan screen messages ----

// planSavedMsg reports a finished Plan write: text for the footer, the
// sprint to show afterwards (uuid.Nil keeps the shown one) and the record to
// select. When err is set the write failed and an open form keeps its input.
type planSavedMsg struct {
	text  string
	show  uuid.UUID
	focus uuid.UUID
	err   error
}

// planDeleteConfirmedMsg is the confirmed request to delete rec.
type planDeleteConfirmedMsg struct{ rec planRecord }

// planStateConfirmedMsg is the confirmed request to move sprint to state to.
type planStateConfirmedMsg struct {
	sprint model.Sprint
	to     model.SprintState
}
