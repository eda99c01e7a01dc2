package e2e

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestServe_OpenSSHClient_BurstsAreNotLost sends keys in single writes
// through the real OpenSSH client, where typed keys often arrive together.
func TestServe_OpenSSHClient_BurstsAreNotLost(t *testing.T) {
	needSSH(t)
	tt := newTerm(t)
	bin := binary(t)
	db := filepath.Join(tt.dir, "team.db")
	key := filepath.Join(tt.dir, "id_ed25519")
	run(t, bin, "demo", "--db", db)
	if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v\n%s", err, out)
	}
	run(t, bin, "--db", db, "member", "key", "add", "lin", "--file", key+".pub")
	port, _ := startServe(t, bin, db)

	tt.typeLine(fmt.Sprintf("ssh -p %d -i %s -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -t 127.0.0.1", port, key))
	tt.waitFor("(lin)", "1/6")
	tt.burst("jj")
	tt.waitFor("3/6")
	tt.burst("65%")
	tt.waitFor("Progress (0–100): 65")
	tt.keys("Enter")
	tt.waitFor(" 65%")
	tt.burst("]]]]]")
	tt.waitFor(" 70%")
	tt.keys("q")
	tt.waitPrompt()
	tt.checkSane()
	if out := run(t, bin, "--db", db, "status"); !strings.Contains(out, "lin 70") {
		t.Errorf("the estimate typed over ssh is not stored:\n%s", out)
	}
}
