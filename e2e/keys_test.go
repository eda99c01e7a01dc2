package e2e

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// burst writes s to the terminal in one write, as a fast typist or an SSH
// connection delivers keys: Bubble Tea reads them as one run of runes.
func (tt *term) burst(s string) {
	tt.t.Helper()
	if out, err := exec.Command("tmux", "-L", tt.socket, "send-keys", "-t", "0", "-l", s).CombinedOutput(); err != nil {
		tt.t.Fatalf("send-keys -l %q: %v\n%s", s, err, out)
	}
}

// assessInBursts types on the Assess screen, each run of keys in one
// write: jj down to the third objective, 65% as its progress, ]]]]] up
// by five. Every key must count, whether the keys come from a local
// terminal or through ssh.
func (tt *term) assessInBursts() {
	tt.t.Helper()
	tt.burst("jj")
	tt.waitFor("3/6")

	// Digits type the progress; "65%" and the rest arrive in one read.
	tt.burst("65%")
	tt.waitFor("Progress (0–100): 65")
	tt.keys("Enter")
	tt.waitFor(" 65%")

	tt.burst("]]]]]")
	s := tt.waitFor(" 70%")
	if regexp.MustCompile(`\b6[6-9]%`).MatchString(s) {
		tt.t.Errorf("]]]]] in one write did not move by 5:\n%s", s)
	}
}

func TestKeys_BurstsAreNotLost(t *testing.T) {
	tt := newTerm(t)
	db := filepath.Join(tt.dir, "team.db")
	tt.typeLine("align demo --db " + db)
	tt.waitPrompt()
	tt.typeLine("clear; align --db " + db + " --as lin")
	tt.waitFor("Assessing as", "(lin)", "1/6")
	tt.assessInBursts()

	// Screens switch with tab on Assess; digits there never leave it.
	tt.keys("Tab")
	tt.waitFor("[3 Review]")
	tt.keys("4")
	tt.waitFor("[4 Plan]")
	tt.burst("5q")
	tt.waitPrompt()
	if s := tt.screen(); strings.Contains(s, "panic") {
		t.Fatalf("panic on screen:\n%s", s)
	}
	tt.checkSane()
}
