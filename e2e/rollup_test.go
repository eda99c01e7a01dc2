package e2e

import (
	"os/exec"
	"testing"
)

// TestRollup_DrillDownQuitSane builds a shared repository in the shell
// (the organisation's goals, one team's summary), opens align rollup on
// the terminal, drills down from the goal to the team to the objective,
// quits, and checks the terminal is usable again.
func TestRollup_DrillDownQuitSane(t *testing.T) {
	if _, err := exec.LookPath("ssh-keygen"); err != nil {
		t.Skip("ssh-keygen is not installed")
	}
	tt := newTerm(t)
	tt.typeLine("cd " + tt.dir + ` && ssh-keygen -q -t ed25519 -N "" -f k && export ALIGN_DB=$PWD/a.db` +
		` && align org init --name Acme --keeper Olga --key k --file r/org/goals.json >/dev/null` +
		` && align org goal add "Grow revenue" --key k --file r/org/goals.json >/dev/null` +
		` && align org goal add "Enter Germany" --key k --file r/org/goals.json >/dev/null` +
		` && align init --team Checkout && align org import r/org/goals.json >/dev/null` +
		` && align member add "Ana Lopez" --handle ana --facilitator >/dev/null && align member add "Bo Chen" --handle bo >/dev/null` +
		` && align sprint add "Sprint 1" --start 2026-11-23 --end 2026-12-04 >/dev/null` +
		` && align objective add "Pay faster" --goal "Grow revenue" >/dev/null && align sprint state current assessing` +
		` && align assess --as ana --objective "Pay faster" --progress 40 && align assess --as bo --objective "Pay faster" --progress 90` +
		` && align sprint state current review && align agree "Pay faster" --progress 60` +
		` && mkdir -p r/teams && align export --format summary -o r/teams/checkout.json && clear && align rollup r`)
	tt.waitFor("Acme roll-up", "Grow revenue", "Enter Germany", "no team works on it")
	tt.keys("Enter")
	tt.waitFor("Goals › Grow revenue", "Checkout", "agreed 60 %")
	tt.keys("Enter")
	tt.waitFor("Goals › Grow revenue › Checkout", "median 65, spread 50: split")
	tt.keys("Escape", "t")
	tt.waitFor("Teams, each against its own past", "alignment 50")
	tt.keys("q")
	tt.waitPrompt()
	tt.checkSane()
}
