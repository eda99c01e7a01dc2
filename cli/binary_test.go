package cli

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/store"
)

// buildBinary builds align from the module root into a temporary directory.
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "align")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// exitRun is what one run of the real binary produced.
type exitRun struct {
	code           int
	stdout, stderr string
	took           time.Duration
}

// runBinary runs the binary with args in a clean environment (no ALIGN_*
// variables, a private XDG directory) and no terminal attached, killed
// after runLimit (runBounded).
func runBinary(t *testing.T, bin string, args ...string) exitRun {
	t.Helper()
	return runBounded(t, bin, nil, args...)
}

// TestBinary_ExitCodes runs the built binary: success exits 0, every error
// exits 1 with one "align: " line on stderr and nothing on stdout.
func TestBinary_ExitCodes(t *testing.T) {
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "team.db")

	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // substring
		stderr string // substring
	}{
		{"version", []string{"version"}, 0, "align ", ""},
		{"help", []string{"--help"}, 0, "Available Commands", ""},
		{"missing workspace", []string{"--db", db, "status"}, 1, "", "align: no workspace at " + db + " yet"},
		{"init", []string{"--db", db, "init", "--team", "Checkout"}, 0, "Created a workspace for Checkout", ""},
		{"add prints the id", []string{"--db", db, "member", "add", "Ana Lopez", "--handle", "ana"}, 0, "-", ""},
		{"bad handle", []string{"--db", db, "member", "add", "Bo", "--handle", "B!"}, 1, "", `align: member handle: "b!" is not allowed`},
		{"unknown command", []string{"frobnicate"}, 1, "", `align: unknown command "frobnicate"`},
		{"bad flag value", []string{"--db", db, "assess", "--as", "ana", "--objective", "x", "--progress", "150"}, 1, "", "align: --progress 150 is outside 0–100"},
		{"completion", []string{"completion", "bash"}, 0, "bash completion", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runBinary(t, bin, tt.args...)
			if r.code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, tt.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stdout, tt.stdout) {
				t.Errorf("stdout %q lacks %q", r.stdout, tt.stdout)
			}
			if !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("stderr %q lacks %q", r.stderr, tt.stderr)
			}
			if tt.code != 0 {
				if r.stdout != "" {
					t.Errorf("a failing run wrote to stdout: %q", r.stdout)
				}
				if strings.Count(r.stderr, "\n") != 1 || strings.Contains(r.stderr, "Usage:") {
					t.Errorf("stderr is not one line: %q", r.stderr)
				}
			}
		})
	}
}

// TestBinary_Locked holds the workspace open in this process and runs a
// write in the binary: it must give up within two seconds with the lock
// message and exit 1, never hang.
func TestBinary_Locked(t *testing.T) {
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "team.db")
	if r := runBinary(t, bin, "--db", db, "init"); r.code != 0 {
		t.Fatalf("init: %s", r.stderr)
	}
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	defer st.Close()

	r := runBinary(t, bin, "--db", db, "member", "add", "Ana Lopez", "--handle", "ana")
	if r.code != 1 {
		t.Fatalf("exit %d, want 1; stderr %q", r.code, r.stderr)
	}
	want := "align: " + db + " is in use by another align process"
	if !strings.HasPrefix(r.stderr, want) {
		t.Errorf("stderr %q, want it to start with %q", r.stderr, want)
	}
	if r.took > 2*time.Second {
		t.Errorf("gave up after %v, want within 2s", r.took)
	}

	// The facilitator's reports still work while the TUI holds the file:
	// they read a snapshot of the last commit.
	for _, args := range [][]string{{"sprint", "list"}, {"export", "--format", "json", "--sprint", "all"}, {"check"}, {"member", "list"}} {
		r := runBinary(t, bin, append([]string{"--db", db}, args...)...)
		if r.code != 0 {
			t.Errorf("align %v beside a writer: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
}
