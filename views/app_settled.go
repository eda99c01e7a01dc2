package views

import (
	"github.com/align-team/align/views/ui"
	tea "github.com/charmbracelet/bubbletea"
)

// settled hands a finished save to the screen that made it and, when it
// succeeded, tells the other sessions (and marks the history stale when the
// save changes figures it shows).
func (a App) settled(msg tea.Msg) (tea.Model, tea.Cmd) {
	var err error
	var cmd, hist, pub tea.Cmd
	switch msg := msg.(type) {
	case ui.AssessmentSavedMsg:
		err = msg.Err
		a.assessScreen, cmd = a.assessScreen.Update(msg)
	case ui.OutcomeSavedMsg:
		err = msg.Err
		a.reviewScreen, cmd = a.reviewScreen.Update(msg)
	case ui.ActionSavedMsg:
		err = msg.Err
		a.reviewScreen, cmd = a.reviewScreen.Update(msg)
	case ui.AnonymousSavedMsg:
		err = msg.Err
		a.reviewScreen, cmd = a.reviewScreen.Update(msg)
	}
	if err == nil {
		switch msg.(type) {
		case ui.AssessmentSavedMsg, ui.OutcomeSavedMsg:
			a, hist = a.historyStale()
		}
		pub = a.deps.Changed()
	}
	return a, tea.Batch(cmd, hist, pub)
}
