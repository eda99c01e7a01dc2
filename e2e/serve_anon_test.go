package e2e

import (
	"fmt"
	"os/exec"
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
	keys := map[string]string{}
	for _, h := range []string{"jonas", "lin"} {
		key := filepath.Join(fac.dir, "id_"+h)
		if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key).CombinedOutput(); err != nil {
			t.Fatalf("ssh-keygen: %v\n%s", err, out)
		}
		run(t, bin, "--db", db, "member", "key", "add", h, "--file", key+".pub")
		keys[h] = key
	}
	run(t, bin, "--db", db, "member", "role", "jonas", "facilitator")
	port, _ := startServe(t, bin, db)
	ssh := func(key string) string {
		return fmt.Sprintf("ssh -p %d -i %s -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -t 127.0.0.1", port, key)
	}
	fac.typeLine(ssh(keys["jonas"]))
	fac.waitFor("(jonas)")
	mem.typeLine(ssh(keys["lin"]))
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
