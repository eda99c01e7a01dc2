package views

import tea "github.com/charmbracelet/bubbletea"

// settled hands a finished save to the screen that made it and, when it
// succeeded, tells the other sessions (and marks the history stale when the
// save changes figures it shows).
func (a App) settled(msg tea.Msg) (tea.Model, tea.Cmd) {
	var err error
	var cmd, hist, pub tea.Cmd
	switch msg := msg.(type) {
	case assessmentSavedMsg:
		err = msg.err
		a.assessScreen, cmd = a.assessScreen.Update(msg)
	case outcomeSavedMsg:
		err = msg.err
		a.reviewScreen, cmd = a.reviewScreen.Update(msg)
	case actionSavedMsg:
		err = msg.err
		a.reviewScreen, cmd = a.reviewScreen.Update(msg)
	case anonymousSavedMsg:
		err = msg.err
		a.reviewScreen, cmd = a.reviewScreen.Update(msg)
	}
	if err == nil {
		switch msg.(type) {
		case assessmentSavedMsg, outcomeSavedMsg:
			a, hist = a.historyStale()
		}
		pub = a.deps.changed()
	}
	return a, tea.Batch(cmd, hist, pub)
}
