package export

import (
	"strings"
	"testing"
)

// TestMarkdown_Minutes: minutes the review spent show beside the spread,
// in the glance table (a Minutes column, only once something was timed)
// and in each timed objective's figures.
func TestMarkdown_Minutes(t *testing.T) {
	s := fixtureSummary()
	if strings.Contains(renderMarkdown(t, s), "Minutes") {
		t.Fatal("an untimed review shows a Minutes column")
	}
	s.Sprint.Outcomes[0].Minutes = 9
	got := renderMarkdown(t, s)
	golden(t, "summary_timed.md", []byte(got))
	var head, sep string
	for _, l := range strings.Split(got, "\n") {
		if strings.HasPrefix(l, "| Objective") {
			head = l
		} else if head != "" && sep == "" {
			sep = l
		}
	}
	if !strings.Contains(head, "| Spread | Minutes | Level ") || unescapedPipes(head) != unescapedPipes(sep) {
		t.Errorf("glance header %q / %q", head, sep)
	}
	if strings.Count(got, "; **discussed:** 9 min") != 1 {
		t.Errorf("the timed objective's figures lack the minutes:\n%s", got)
	}
}
