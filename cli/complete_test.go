package cli

import (
	"strings"
	"testing"
)

// The shell asks align itself (cobra's __complete) for sprints, objectives,
// handles and action items.
func TestRun_DynamicCompletion(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	mustRun(t, db, "sprint", "state", "Sprint 14", "review")
	mustID(t, db, "action", "add", "Fix the flaky checkout test")
	for _, c := range []struct {
		args []string
		want []string
		not  []string
	}{
		{[]string{"sprint", "state", ""}, []string{"Sprint 14\treview"}, nil},
		{[]string{"outcome", "set", "F"}, []string{"Faster search"}, []string{"Checkout in three steps", "Docs refresh"}},
		{[]string{"objective", "rm", ""}, []string{"Checkout in three steps", "Faster search", "Docs refresh"}, nil},
		{[]string{"action", "add", "x", "--owner", ""}, []string{"ana\tAna Lopez", "eve\tEve Fox"}, nil},
		{[]string{"status", "--sprint", ""}, []string{"Sprint 14"}, nil},
		{[]string{"--as", "b"}, []string{"bo\tBo Chen"}, []string{"ana"}},
		{[]string{"action", "done", ""}, []string{"\tFix the flaky checkout test"}, nil},
		{[]string{"sprint", "carry", "--to", "x", ""}, []string{"Docs refresh"}, nil},
	} {
		out := mustRun(t, db, append([]string{"__complete"}, c.args...)...)
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("completing %q: lacks %q:\n%s", c.args, w, out)
			}
		}
		for _, n := range c.not {
			if strings.Contains(out, n) {
				t.Errorf("completing %q: offers %q:\n%s", c.args, n, out)
			}
		}
		if !strings.Contains(out, ":4") {
			t.Errorf("completing %q: files are offered too (want directive :4):\n%s", c.args, out)
		}
	}
}
