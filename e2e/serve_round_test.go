package e2e

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestServe_OpenSSHClient_SecondRound runs a review with a second round
// through three real ssh clients: the facilitator reveals and opens round 2,
// two members re-estimate privately (each sees only their own first value),
// and the reveal shows the spread before and after on the facilitator's
// screen; round 1 stays as it was.
func TestServe_OpenSSHClient_SecondRound(t *testing.T) {
	needSSH(t)
	fac, lin, mateo := newTerm(t), newTerm(t), newTerm(t)
	bin := binary(t)
	db := filepath.Join(fac.dir, "team.db")
	run(t, bin, "demo", "--db", db)
	keys := map[string]string{}
	for _, h := range []string{"jonas", "lin", "mateo"} {
		memberKey(t, bin, db, fac.dir, h)
		keys[h] = filepath.Join(fac.dir, h)
	}
	run(t, bin, "--db", db, "member", "role", "jonas", "facilitator")
	before := run(t, bin, "--db", db, "status")
	port, _ := startServe(t, bin, db)
	ssh := func(key string) string { return sshCommand(port, key) }
	for h, tt := range map[string]*term{"jonas": fac, "lin": lin, "mateo": mateo} {
		tt.typeLine(ssh(keys[h]))
		tt.waitFor("(" + h + ")")
	}
	fac.keys("Tab")
	fac.waitFor("Before the agenda")
	fac.keys("Enter")
	fac.waitFor("Press space to reveal")
	fac.keys("Space", "O")
	fac.waitFor("Round 2 open: 0 of 6 re-estimated")
	s := lin.waitFor("Round 2, private · round 1: you said 45%")
	if strings.Contains(s, "you said 30%") {
		t.Fatalf("lin's screen shows mateo's first value:\n%s", s)
	}
	lin.keys("9", "0", "Enter")
	mateo.waitFor("Round 2, private · round 1: you said 30%")
	mateo.keys("4", "5", "Enter")
	fac.waitFor("Round 2 open: 2 of 6 re-estimated")
	if s := mateo.screen(); strings.Contains(s, "90%") {
		t.Errorf("mateo's screen shows lin's second estimate:\n%s", s)
	}
	// Hand-computed: round 1 is 30 45 50 55 60 80 (spread 50); lin 45→90
	// and mateo 30→45 give 45 50 55 60 80 90: spread 45, 2 of 6 moved.
	fac.keys("Space")
	fac.waitFor("Round 2: spread 50 → 45, 2 of 6 moved")
	for _, tt := range []*term{fac, lin, mateo} {
		tt.keys("q")
		tt.waitPrompt()
	}
	after := run(t, bin, "--db", db, "status")
	if est := "estimates: mateo 30, lin 45, sofia 50, priya 55, amara 60, jonas 80"; !strings.Contains(before, est) || !strings.Contains(after, est) {
		t.Errorf("round 1 changed:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	if !strings.Contains(after, "moves: lin 45→90, mateo 30→45") {
		t.Errorf("status after the review:\n%s", after)
	}
}

// TestTUI_SecondRound runs the second round in the real binary's TUI in a
// terminal: the facilitator reveals, opens round 2 (O), re-estimates as two
// members on Assess (m picks who), and reveals round 2.
func TestTUI_SecondRound(t *testing.T) {
	tt := newTerm(t)
	bin := binary(t)
	db := filepath.Join(tt.dir, "team.db")
	run(t, bin, "demo", "--db", db)
	tt.typeLine("align --db " + db)
	tt.waitFor("Dashboard")
	tt.keys("3", "Enter", "Space", "O")
	tt.waitFor("Round 2 open: 0 of 6 re-estimated")
	tt.keys("2", "/", "l", "i", "n", "Enter")
	tt.waitFor("Round 2, private · round 1: you said 45%")
	tt.keys("5", "5", "Enter", "m", "/", "j", "o", "n", "a", "s", "Enter")
	tt.waitFor("Round 2, private · round 1: you said 80%")
	tt.keys("6", "0", "Enter", "Tab")
	tt.waitFor("Round 2 open: 2 of 6 re-estimated")
	// 30 45 50 55 60 80 → 30 50 55 55 60 60: spread 50 → 30, 2 of 6 moved.
	tt.keys("Space")
	tt.waitFor("Round 2: spread 50 → 30, 2 of 6 moved")
	tt.keys("q")
	tt.waitPrompt()
	if s := run(t, bin, "--db", db, "status"); !strings.Contains(s, "moves: jonas 80→60, lin 45→55") {
		t.Errorf("status after the TUI's second round:\n%s", s)
	}
}
