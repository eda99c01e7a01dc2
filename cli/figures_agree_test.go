package cli

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// sharePattern finds the share of stories done in each front end's text:
// status's "stories: 1 of 2 done, 5 of 13 points (38%)" (or "stories: 1 of
// 3 done (33%), 0 of 5 points" by count), the markdown's
// "1 of 2 stories done; 5 of 13 points done (38%)" and the screens'
// "1 of 2 stories done, 5 of 13 points (38%)".
var sharePattern = regexp.MustCompile(`\d+ of \d+ (?:stories |story )?done[^(\n]*\((\d+)%\)`)

// shareIn returns the share of stories done that text gives after the
// first line holding marker, or "" when it gives none.
func shareIn(text, marker string) string {
	i := strings.Index(text, marker)
	if i < 0 {
		return ""
	}
	m := sharePattern.FindStringSubmatch(text[i:])
	if m == nil {
		return ""
	}
	return m[1]
}

// Plan, Review, align status and the markdown export give the same share of
// an objective's stories done for the same data: by points when every story
// has points (Checkout: 5 of 13 points, 38 %, where the count says 50 %),
// else by count (Docs: one story without points, 1 of 3 stories, 33 %, where
// the points say 0 of 5).
func TestFigures_StoriesDoneAgreeEverywhere(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	for _, s := range [][]string{{"Write the setup page", "--status", "done"}, {"Screenshots", "--points", "2"}, {"Glossary", "--points", "3"}} {
		mustID(t, db, append([]string{"story", "add", s[0], "--objective", "Docs refresh"}, s[1:]...)...)
	}
	mustRun(t, db, "sprint", "state", "Sprint 14", "review")

	status := mustRun(t, db, "status")
	markdown := mustRun(t, db, "export")
	for _, c := range []struct {
		objective string
		plan      []string // Plan: to the objective in the right pane
		review    []string // Review: to the objective on the agenda
		want      string
	}{
		{"Checkout in three steps", []string{"4", "l"}, []string{"3"}, "38"},
		{"Docs refresh", []string{"4", "l", "j", "j"}, []string{"3", "j", "j"}, "33"},
	} {
		plan := ansi.Strip(tuiScreen(t, db, c.plan...))
		review := ansi.Strip(tuiScreen(t, db, append(c.review, " ")...)) // revealed
		got := map[string]string{
			"Plan":     shareIn(plan, "↳ "),
			"Review":   shareIn(review, "◆ "),
			"status":   shareIn(status, ". "+c.objective),
			"markdown": shareIn(markdown, "## "+c.objective),
		}
		for where, share := range got {
			if share != c.want {
				t.Errorf("%s: %s says %q %% of the stories are done, want %s (Plan %s, Review %s, status %s, markdown %s)\n--- plan:\n%s\n--- review:\n%s\n--- status:\n%s\n--- markdown:\n%s",
					c.objective, where, share, c.want, got["Plan"], got["Review"], got["status"], got["markdown"], plan, review, status, markdown)
			}
		}
		if !strings.Contains(plan, "↳ ") || !strings.Contains(review, c.objective) {
			t.Errorf("the screens do not show %q:\n%s\n%s", c.objective, plan, review)
		}
	}
}
