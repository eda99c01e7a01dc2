package e2e

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestServe_OpenSSHClient_TimerTicks: over align serve, through the real
// ssh client, the facilitator's Review timer redraws by itself, as in the
// local align (it stayed at its first value until a key was pressed).
func TestServe_OpenSSHClient_TimerTicks(t *testing.T) {
	needSSH(t)
	fac := newTerm(t)
	bin := binary(t)
	db := filepath.Join(fac.dir, "team.db")
	run(t, bin, "demo", "--db", db)
	run(t, bin, "--db", db, "config", "timebox-minutes", "5")
	key := filepath.Join(fac.dir, "id_jonas")
	if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v\n%s", err, out)
	}
	run(t, bin, "--db", db, "member", "key", "add", "jonas", "--file", key+".pub")
	run(t, bin, "--db", db, "member", "role", "jonas", "facilitator")
	port, _ := startServe(t, bin, db)
	fac.typeLine(fmt.Sprintf("ssh -p %d -i %s -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -t 127.0.0.1", port, key))
	fac.waitFor("(jonas)")
	fac.keys("Tab")
	fac.waitFor("Before the agenda")
	fac.keys("Enter")
	first := timerLine(fac.waitFor("of 5:00 · Agenda: most disputed first"))
	deadline := time.Now().Add(10 * time.Second)
	for timerLine(fac.screen()) == first { // no key pressed: the tick redraws
		if time.Now().After(deadline) {
			t.Fatalf("over ssh the timer stays at %q", first)
		}
		time.Sleep(100 * time.Millisecond)
	}
	fac.keys("q")
	fac.waitPrompt()
	fac.checkSane()
}
