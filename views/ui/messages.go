package ui

import (
	"github.com/align-team/align/model"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/google/uuid"
)

// The messages that cross between the root and the screens. Messages are
// named after what happened (...LoadedMsg, ...SavedMsg) or what is asked
// (NavigateMsg, ConfirmMsg). Store I/O happens only in commands (see the
// root's io.go); their results come back as these values. A message that
// only one screen sends to itself is declared in that screen's package.

// WorkspaceLoadedMsg carries a fresh snapshot of the workspace and the
// selected sprint; the root broadcasts it to every screen.
type WorkspaceLoadedMsg struct{ Data WorkspaceData }

// HistoryLoadedMsg carries every sprint's alignment score and the members'
// calibration, loaded when the History screen is shown and its cached copy
// is stale; Gen is the cache generation it was computed for (see the root's
// historyCache), Err is set when the load failed.
type HistoryLoadedMsg struct {
	Gen     int
	History HistoryData
	Err     error
}

// AssessmentSavedMsg reports a stored assessment (as stored), or Err with
// the assessment that could not be saved.
type AssessmentSavedMsg struct {
	A   model.Assessment
	Err error
	Seq uint64 // the save's place in the I/O queue (see Queue.Seq)
}

// OutcomeSavedMsg reports a stored review outcome, or Err with the outcome
// that could not be saved.
type OutcomeSavedMsg struct {
	O   model.Outcome
	Err error
	Seq uint64 // the save's place in the I/O queue (see Queue.Seq)
}

// ActionSavedMsg reports a stored action item, or Err with the item that
// could not be saved.
type ActionSavedMsg struct {
	A   model.ActionItem
	Err error
}

// AnonymousSavedMsg reports the stored anonymous mode, or Err.
type AnonymousSavedMsg struct {
	On  bool
	Seq uint64
	Err error
}

// MemberRememberedMsg reports that the acting member was remembered for the
// workspace for this OS user (Deps.Memory).
type MemberRememberedMsg struct{ ID uuid.UUID }

// SavedMsg reports any other finished write (sprint state, plan edits). The
// root reloads the workspace and shows Text in the footer when it is set.
type SavedMsg struct{ Text string }

// NavigateMsg asks the root to show another screen (and reload its data);
// Objective, when set, is the objective the new screen should focus.
type NavigateMsg struct {
	To        Screen
	Objective uuid.UUID
}

// SelectSprintMsg asks the root to show sprint ID on every screen and
// reload; uuid.Nil selects the current sprint again.
type SelectSprintMsg struct{ ID uuid.UUID }

// OpenSprintMsg asks the root to select sprint ID and show its review.
type OpenSprintMsg struct{ ID uuid.UUID }

// ConfirmMsg asks the root to put Prompt in the footer and, when the next
// key is "y", to deliver Yes as a message (to the active screen, or
// tea.QuitMsg to quit); any other key cancels. Yes is a message rather than
// a command so that nothing is queued before the user agrees.
type ConfirmMsg struct {
	Prompt string
	Yes    tea.Msg
}

// FooterMsg asks the root to show a confirmation or hint in the footer
// until the next key.
type FooterMsg struct{ Text string }

// ErrMsg reports a failed command. The root shows it in the footer and
// reloads; a Fatal one (a recovered panic) ends the program with the error.
type ErrMsg struct {
	Err   error
	Fatal bool
}

// Error implements error.
func (e ErrMsg) Error() string { return e.Err.Error() }

// Unwrap lets errors.Is see the store's sentinel errors.
func (e ErrMsg) Unwrap() error { return e.Err }

// PlanSavedMsg reports a finished Plan write: Text for the footer, the
// sprint to Show afterwards (uuid.Nil keeps the shown one) and the record
// to Focus. When Err is set the write failed and an open form keeps its
// input.
type PlanSavedMsg struct {
	Text  string
	Show  uuid.UUID
	Focus uuid.UUID
	Err   error
}

// Footer returns a command that shows text in the footer.
func Footer(text string) tea.Cmd { return func() tea.Msg { return FooterMsg{Text: text} } }
