package e2e

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestReview_TimerTicksAndRemind: in the real binary the Review screen's
// timer redraws by itself, with the time box set from the shell; remind
// exits 1 while someone has not answered, with no error line.
func TestReview_TimerTicksAndRemind(t *testing.T) {
	tt := newTerm(t)
	db := filepath.Join(tt.dir, "team.db")
	tt.typeLine("align demo --db " + db + " && align --db " + db + " config timebox-minutes 5")
	tt.waitFor("timebox-minutes = 5")
	tt.waitPrompt()
	tt.typeLine("clear; align --db " + db)
	tt.waitFor("1 Dashboard")
	tt.keys("3")
	tt.waitFor("Before the agenda")
	tt.keys("Enter")
	first := timerLine(tt.waitFor("of 5:00 · Agenda: most disputed first"))
	deadline := time.Now().Add(10 * time.Second)
	for timerLine(tt.screen()) == first { // no key pressed: the tick redraws
		if time.Now().After(deadline) {
			t.Fatalf("the timer stays at %q", first)
		}
		time.Sleep(100 * time.Millisecond)
	}
	tt.keys("q")
	tt.waitPrompt()
	tt.typeLine("clear; align --db " + db + " remind; echo rc=$?")
	s := tt.waitFor("rc=1", "not yet:", "lin (Lin Chen)")
	if strings.Contains(s, "align:") {
		t.Errorf("remind printed an error for exit status 1:\n%s", s)
	}
	tt.checkSane()
}

// timerLine is the Review head line holding the timer.
func timerLine(screen string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, " of 5:00") {
			return strings.TrimSpace(l)
		}
	}
	return ""
}
