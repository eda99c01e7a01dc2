package e2e

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// On a real terminal, align --as @LIN opens the TUI as lin, fixed (no
// "not you?"), by the same rule as align assess --as @LIN; --as @ZED is
// the same refusal as on every other command, and the terminal is left as
// it was.
func TestActing_AsOnTheTerminal(t *testing.T) {
	bin := sharedBinary(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "team.db")
	run(t, bin, "demo", "--db", db)

	cmd := exec.Command(bin, "--db", db, "--as", "@LIN")
	cmd.Env = alignEnv(dir)
	p := startPty(t, cmd)
	if wrong := p.waitFor("Assessing as", "(lin)"); wrong != "" {
		t.Fatal(wrong)
	}
	p.keys("q")
	if wrong := p.wait(); wrong != "" {
		t.Fatal(wrong)
	}
	if strings.Contains(p.output(), "not you?") {
		t.Error("--as @LIN offers to switch member")
	}
	if wrong := p.restored(); wrong != "" {
		t.Error(wrong)
	}

	cmd = exec.Command(bin, "--db", db, "--as", "@ZED")
	cmd.Env = alignEnv(dir)
	p = startPty(t, cmd)
	if wrong := p.wait(); wrong != "" {
		t.Fatal(wrong)
	}
	if out := p.output(); !strings.Contains(out, `no member has the handle "@ZED" (--as @ZED: no such member)`) {
		t.Errorf("--as @ZED on a terminal said:\n%s", out)
	}
	if wrong := p.restored(); wrong != "" {
		t.Error(wrong)
	}
	piped, _ := exec.Command(bin, "--db", db, "assess", "--as", "@ZED", "--objective", "x", "--progress", "1").CombinedOutput()
	if !strings.Contains(string(piped), `no member has the handle "@ZED" (--as @ZED: no such member)`) {
		t.Errorf("assess --as @ZED said %q", piped)
	}
}
