package e2e

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestServe_OpenSSHClient_ReviewWithThreeClients runs a review over align
// serve with three real OpenSSH clients: the facilitator (jonas) and two
// members (lin, amara). The members type their estimates in bursts (one
// write each, as ssh often delivers keys), the facilitator's reveal reaches
// both members' screens, and anonymous mode hides names on both.
func TestServe_OpenSSHClient_ReviewWithThreeClients(t *testing.T) {
	needSSH(t)
	fac, lin, amara := newTerm(t), newTerm(t), newTerm(t)
	bin := binary(t)
	db := filepath.Join(fac.dir, "team.db")
	run(t, bin, "demo", "--db", db)
	keys := map[string]string{}
	for _, h := range []string{"jonas", "lin", "amara"} {
		memberKey(t, bin, db, fac.dir, h)
		keys[h] = filepath.Join(fac.dir, h)
	}
	run(t, bin, "--db", db, "member", "role", "jonas", "facilitator")
	port, _ := startServe(t, bin, db)
	ssh := func(key string) string { return sshCommand(port, key) }
	fac.typeLine(ssh(keys["jonas"]))
	lin.typeLine(ssh(keys["lin"]))
	amara.typeLine(ssh(keys["amara"]))
	fac.waitFor("(jonas)")
	members := map[string]*term{"lin": lin, "amara": amara}
	for h, tt := range members {
		tt.waitFor("("+h+")", "1/6")
	}

	// Estimates typed in bursts: two objectives down in one write, then
	// the number in one write.
	lin.burst("jj")
	lin.waitFor("3/6")
	lin.burst("37")
	lin.waitFor("Progress (0–100): 37")
	lin.keys("Enter")
	lin.waitFor(" 37%")
	amara.burst("jj")
	amara.waitFor("3/6")
	amara.burst("83")
	amara.waitFor("Progress (0–100): 83")
	amara.keys("Enter")
	amara.waitFor(" 83%")

	// The facilitator opens the agenda; both members follow.
	fac.keys("Tab")
	fac.waitFor("Before the agenda")
	fac.keys("Enter")
	fac.waitFor("Press space to reveal")
	for _, tt := range members {
		tt.keys("Tab")
		tt.waitFor("Following the facilitator.")
	}
	fac.keys("Space")
	for h, tt := range members {
		if s := tt.waitFor("responses", "┼"); !strings.Contains(s, "mateo") {
			t.Errorf("the reveal on %s's screen names nobody:\n%s", h, s)
		}
	}
	fac.keys("x")
	fac.waitFor("names hidden on every screen")
	for h, tt := range members {
		s := tt.waitFor("Anonymous:")
		for _, name := range []string{"mateo", "priya", "sofia", "jonas"} {
			if strings.Contains(s, name) {
				t.Errorf("in anonymous mode %s's screen names %s:\n%s", h, name, s)
			}
		}
	}
	for _, tt := range []*term{fac, lin, amara} {
		tt.keys("q")
		tt.waitPrompt()
		tt.checkSane()
	}
	if out := run(t, bin, "--db", db, "status"); !strings.Contains(out, "lin 37") || !strings.Contains(out, "amara 83") {
		t.Errorf("the estimates typed over ssh are not stored:\n%s", out)
	}
	if md := run(t, bin, "--db", db, "export"); strings.Contains(md, "| mateo ") || !strings.Contains(md, "Anonymous: estimates without names.") {
		t.Errorf("the export after an anonymous review names members:\n%s", md)
	}
}
