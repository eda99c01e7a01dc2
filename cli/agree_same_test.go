package cli

import (
	"strings"
	"testing"
)

// align agree and align outcome set --agreed --discussed say in their help
// that they are the same command, each naming the other, and record the
// same outcome: the status and the markdown export read the same after
// either.
func TestAgree_SameAsOutcomeSet(t *testing.T) {
	db := newWorkspace(t)
	for _, c := range []struct{ args, want []string }{
		{[]string{"agree", "--help"}, []string{"is the same as", "align outcome set O --agreed N --discussed"}},
		{[]string{"outcome", "set", "--help"}, []string{"is the same as", "align agree O --progress N"}},
	} {
		help := mustRun(t, db, c.args...)
		for _, w := range c.want {
			if !strings.Contains(strings.Join(strings.Fields(help), " "), w) {
				t.Errorf("align %s lacks %q:\n%s", strings.Join(c.args, " "), w, help)
			}
		}
	}

	byAgree, bySet := newWorkspace(t), newWorkspace(t)
	for _, w := range []string{byAgree, bySet} {
		seedSprint(t, w)
		mustRun(t, w, "sprint", "state", "Sprint 14", "review")
	}
	mustRun(t, byAgree, "agree", "Faster search", "--progress", "70", "--notes", "one index left", "--as", "ana")
	mustRun(t, bySet, "outcome", "set", "Faster search", "--agreed", "70", "--notes", "one index left", "--discussed", "--as", "ana")
	for _, args := range [][]string{{"status"}, {"export"}} {
		a, b := mustRun(t, byAgree, args...), mustRun(t, bySet, args...)
		if a != b {
			t.Errorf("align %s differs:\n--- after agree:\n%s\n--- after outcome set:\n%s", args[0], a, b)
		}
		if !strings.Contains(a, "one index left") {
			t.Errorf("align %s lacks the notes:\n%s", args[0], a)
		}
	}
}
