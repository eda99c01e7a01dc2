package e2e

import (
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
	run(t, bin, "demo", "--db", db)
	memberKey(t, bin, db, tt.dir, "lin")
	port, _ := startServe(t, bin, db)

	tt.typeLine(sshCommand(port, filepath.Join(tt.dir, "lin")))
	tt.waitFor("(lin)", "1/6")
	tt.assessInBursts()
	tt.keys("q")
	tt.waitPrompt()
	tt.checkSane()
	if out := run(t, bin, "--db", db, "status"); !strings.Contains(out, "lin 70") {
		t.Errorf("the estimate typed over ssh is not stored:\n%s", out)
	}
}
