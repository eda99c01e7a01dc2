package e2e

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestServe_OpenSSHClient_AnonymousFollowsFacilitator: the facilitator's x
// hides names on a member's screen too, through two real ssh clients.
func TestServe_OpenSSHClient_AnonymousFollowsFacilitator(t *testing.T) {
	needSSH(t)
	fac, mem := newTerm(t), newTerm(t)
	bin := binary(t)
	db := filepath.Join(fac.dir, "team.db")
	run(t, bin, "demo", "--db", db)
	for _, h := range []string{"jonas", "lin"} {
		memberKey(t, bin, db, fac.dir, h)
	}
	run(t, bin, "--db", db, "member", "role", "jonas", "facilitator")
	port, _ := startServe(t, bin, db)
	fac.typeLine(sshCommand(port, filepath.Join(fac.dir, "jonas")))
	fac.waitFor("(jonas)")
	mem.typeLine(sshCommand(port, filepath.Join(fac.dir, "lin")))
	mem.waitFor("(lin)")

	fac.keys("Tab")
	fac.waitFor("Before the agenda")
	fac.keys("Enter")
	fac.waitFor("Press space to reveal")
	mem.keys("Tab")
	mem.waitFor("Following the facilitator.")
	fac.keys("Space")
	s := mem.waitFor("responses", "┼")
	if !strings.Contains(s, "mateo") {
		t.Fatalf("before x the member's reveal names nobody:\n%s", s)
	}
	fac.keys("x")
	fac.waitFor("names hidden on every screen")
	s = mem.waitFor("Anonymous:")
	for _, h := range []string{"mateo", "priya", "amara", "sofia"} {
		if strings.Contains(s, h) {
			t.Errorf("in anonymous mode the member's screen names %s:\n%s", h, s)
		}
	}
	for _, tt := range []*term{fac, mem} {
		tt.keys("q")
		tt.waitPrompt()
	}
	if md := run(t, bin, "--db", db, "export"); strings.Contains(md, "| mateo ") || !strings.Contains(md, "Anonymous: estimates without names.") {
		t.Errorf("the export after an anonymous review names members:\n%s", md)
	}
}
