package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestReview_WrapUpWritesSummary: in the real binary, a review recorded in
// the TUI wraps up, writes its summary where it says, and that file is what
// align export prints for the sprint; the terminal is sane afterwards.
func TestReview_WrapUpWritesSummary(t *testing.T) {
	tt := newTerm(t)
	db := filepath.Join(tt.dir, "team.db")
	tt.typeLine("cd " + tt.dir + " && align demo --db " + db + " >/dev/null && clear && align --db " + db)
	tt.waitFor("1 Dashboard")
	tt.keys("3")
	tt.waitFor("Before the agenda")
	tt.keys("Enter", "Space", "v", "6", "0", "Enter")
	tt.waitFor("60%")
	tt.keys("w")
	tt.waitFor("Wrap-up · Sprint 25", "Checkout works offline", "Not discussed:", "e writes the summary to ./sprint-25-review.md")
	tt.keys("e")
	path := filepath.Join(tt.dir, "sprint-25-review.md")
	tt.waitFor("Summary written to")
	tt.keys("q")
	tt.waitPrompt()
	tt.checkSane()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want, err := exec.Command(binary(t), "--db", db, "export", "--sprint", "Sprint 25").Output()
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("the wrap-up's summary differs from align export:\n%s", got)
	}
}
