package views

import (
	tea "github.com/charmbracelet/bubbletea"
)

// RoleMsg tells a running App that its member's role changed while it
// runs (align serve sends it when a facilitator changes a role on the Plan
// screen): from the next key on, the screens allow what the new role
// allows, and a demoted facilitator's keys say "only the facilitator can …".
type RoleMsg struct {
	// Facilitator is the member's role now.
	Facilitator bool
}

// setRole applies a role change to the app and every screen, which each
// keep their own copy of ui.Deps, and says so in the footer.
func (a App) setRole(msg RoleMsg) (App, tea.Cmd) {
	if a.deps.Facilitator == msg.Facilitator {
		return a, nil
	}
	a.deps.Facilitator = msg.Facilitator
	a.dashboardScreen = a.dashboardScreen.WithFacilitator(msg.Facilitator)
	a.assessScreen = a.assessScreen.WithFacilitator(msg.Facilitator)
	a.reviewScreen = a.reviewScreen.WithFacilitator(msg.Facilitator)
	a.planScreen = a.planScreen.WithFacilitator(msg.Facilitator)
	a.historyScreen = a.historyScreen.WithFacilitator(msg.Facilitator)
	a.footer, a.footerErr = "you are no longer a facilitator", false
	if msg.Facilitator {
		a.footer = "you are now a facilitator"
	}
	// Facilitators see figures members do not: reload what is shown.
	a, hist := a.historyStale()
	return a, tea.Batch(loadCmd(a.deps, a.sprintID), hist)
}
