package export

import (
	"strings"
	"testing"
)

// An anonymous summary names nobody by an estimate, an outlier or an
// abstention, whether asked for or because the review ran anonymously.
func TestMarkdown_Anonymous(t *testing.T) {
	named := renderMarkdown(t, fixtureSummary())
	asked := fixtureSummary()
	asked.Anonymous = true
	byReview := fixtureSummary()
	byReview.Settings.AnonymousReveal = true
	for name, s := range map[string]Summary{"--anonymous": asked, "anonymous review": byReview} {
		out := renderMarkdown(t, s)
		if !strings.Contains(out, "Anonymous: estimates without names.") {
			t.Errorf("%s: no anonymous estimates table:\n%s", name, out)
		}
		// Each estimate table and outlier line must hold no handle.
		for _, l := range strings.Split(out, "\n") {
			if !strings.HasPrefix(l, "|") && !strings.HasPrefix(l, "- **Outliers:**") {
				continue
			}
			for _, m := range s.Members {
				if strings.Contains(l, m.Handle) && !strings.Contains(l, "[ ]") && !strings.Contains(l, "[x]") {
					t.Errorf("%s: %q names %s", name, l, m.Handle)
				}
			}
		}
		if strings.Contains(out, "(outlier)") || strings.Contains(out, "| Member |") {
			t.Errorf("%s: outlier tags or a member column remain", name)
		}
	}
	if !strings.Contains(named, "| Member |") {
		t.Error("the named summary lost its member column")
	}
}

// A URL at the end of a quoted line keeps its line break out of the link.
func TestQuote_URLAtLineEnd(t *testing.T) {
	got := quote("see https://example.com/board\nnext line\nwww.example.org\nlast")
	want := "> see https://example.com/board \\\n> next line\\\n> www.example.org \\\n> last\n"
	if got != want {
		t.Fatalf("quote = %q, want %q", got, want)
	}
}
