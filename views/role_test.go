package views

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

func TestApp_Update_RoleMsgAppliesToEveryScreen(t *testing.T) {
	a, _ := newTestApp(t, 120, 40)
	a = drive(t, a, func() tea.Msg { return RoleMsg{Facilitator: false} })
	contains(t, plain(a), "you are no longer a facilitator")
	a = press(t, a, "3", "enter", " ")
	contains(t, plain(a), "only the facilitator can reveal")
	a = planPress(t, a, "4", "n")
	contains(t, plain(a), "only the facilitator edits the plan")
	if a.planScreen.FormOpen() {
		t.Error("a form opened for a demoted facilitator")
	}

	a = drive(t, a, func() tea.Msg { return RoleMsg{Facilitator: true} })
	contains(t, plain(a), "you are now a facilitator")
	for name, f := range map[string]bool{
		"app": a.deps.Facilitator, "dashboard": a.dashboardScreen.Facilitator(),
		"assess": a.assessScreen.Facilitator(), "review": a.reviewScreen.Facilitator(),
		"plan": a.planScreen.Facilitator(), "history": a.historyScreen.Facilitator(),
	} {
		if !f {
			t.Errorf("%s still runs as a member", name)
		}
	}
}
