// Package e2e drives the built align binary inside tmux, the way a person
// would: keys in, screen text out. The tests run wherever tmux is installed;
// when it is missing they skip, except in CI (CI set), where they fail.
package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// term is one tmux session on a private server, running a plain shell.
type term struct {
	t      *testing.T
	socket string
	dir    string
}

const prompt = "e2e$ "

// binary builds align once per test into a temporary directory.
func binary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "align")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// newTerm starts an 80×24 tmux session with align on PATH and a private
// data directory, and waits for the shell prompt.
func newTerm(t *testing.T) *term {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tmux is required in CI (.ci/run installs it)")
		}
		t.Skip("tmux is not installed")
	}
	bin := binary(t)
	dir := t.TempDir()
	tt := &term{t: t, socket: fmt.Sprintf("align-e2e-%d-%d", os.Getpid(), time.Now().UnixNano()), dir: dir}
	env := []string{
		"PATH=" + filepath.Dir(bin) + ":" + os.Getenv("PATH"),
		"HOME=" + dir, "XDG_DATA_HOME=" + filepath.Join(dir, "data"),
		"TERM=xterm-256color", "PS1=" + prompt, "LANG=C.UTF-8", "LC_ALL=C.UTF-8",
	}
	args := []string{"-L", tt.socket, "-f", "/dev/null", "new-session", "-d", "-x", "80", "-y", "24",
		"env", "-i"}
	args = append(args, env...)
	args = append(args, "sh")
	if out, err := exec.Command("tmux", args...).CombinedOutput(); err != nil {
		t.Fatalf("tmux new-session: %v\n%s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", tt.socket, "kill-server").Run() })
	tt.waitFor(strings.TrimSpace(prompt))
	return tt
}

// keys sends tmux key names ("Enter", "Space", "q", "3").
func (tt *term) keys(keys ...string) {
	tt.t.Helper()
	for _, k := range keys {
		if out, err := exec.Command("tmux", "-L", tt.socket, "send-keys", "-t", "0", k).CombinedOutput(); err != nil {
			tt.t.Fatalf("send-keys %q: %v\n%s", k, err, out)
		}
		time.Sleep(30 * time.Millisecond)
	}
}

// typeLine types a shell command and presses Enter.
func (tt *term) typeLine(line string) {
	tt.t.Helper()
	if out, err := exec.Command("tmux", "-L", tt.socket, "send-keys", "-t", "0", "-l", line).CombinedOutput(); err != nil {
		tt.t.Fatalf("send-keys: %v\n%s", err, out)
	}
	tt.keys("Enter")
}

// screen captures the visible pane.
func (tt *term) screen() string {
	tt.t.Helper()
	out, err := exec.Command("tmux", "-L", tt.socket, "capture-pane", "-p", "-t", "0").CombinedOutput()
	if err != nil {
		tt.t.Fatalf("capture-pane: %v\n%s", err, out)
	}
	return string(out)
}

// waitFor waits up to 10 seconds for every want to be on screen.
func (tt *term) waitFor(want ...string) string {
	tt.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		s := tt.screen()
		ok := true
		for _, w := range want {
			if !strings.Contains(s, w) {
				ok = false
			}
		}
		if ok {
			return s
		}
		if time.Now().After(deadline) {
			tt.t.Fatalf("timed out waiting for %q; screen:\n%s", want, s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitPrompt waits until the shell prompt is the last non-empty line.
func (tt *term) waitPrompt() {
	tt.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		lines := strings.Split(strings.TrimRight(tt.screen(), "\n "), "\n")
		if strings.TrimSpace(lines[len(lines)-1]) == strings.TrimSpace(prompt) {
			return
		}
		if time.Now().After(deadline) {
			tt.t.Fatalf("no shell prompt; screen:\n%s", tt.screen())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// checkSane runs stty -a and checks the terminal is cooked again.
func (tt *term) checkSane() {
	tt.t.Helper()
	tt.typeLine("clear; stty -a | tr ' ' '\\n' | grep -E '^-?(echo|icanon)$' | tr '\\n' ' '; echo")
	s := tt.waitFor("echo", "icanon")
	if strings.Contains(s, "-echo ") || strings.Contains(s, "-icanon") {
		tt.t.Fatalf("terminal left raw:\n%s", s)
	}
}

func TestNewcomer_DemoReviewReveal(t *testing.T) {
	tt := newTerm(t)
	tt.typeLine("align demo")
	tt.waitFor("1 Dashboard", "Submissions:", "Checkout works offline")
	tt.keys("3")
	tt.waitFor("Before the agenda")
	tt.keys("Enter")
	tt.waitFor("submitted", "Press space to reveal")
	tt.keys("Space")
	s := tt.waitFor("median", "responses", "┼")
	if !strings.Contains(s, "jonas") {
		t.Errorf("reveal does not name the members:\n%s", s)
	}
	tt.keys("q")
	tt.waitPrompt()
	tt.checkSane()
}

func TestAssess_EstimateQuitReopen(t *testing.T) {
	tt := newTerm(t)
	db := filepath.Join(tt.dir, "team.db")
	tt.typeLine("align demo --db " + db)
	tt.waitPrompt()
	tt.typeLine("align --db " + db + " --as lin")
	tt.waitFor("Assessing as", "(lin)")
	tt.keys("j", "j", "j", "p", "7", "7", "Enter")
	tt.waitFor(" 77%")
	tt.keys("q")
	tt.waitPrompt()
	tt.typeLine("clear; align --db " + db + " --as lin")
	tt.waitFor("Assessing as")
	s := tt.waitFor(" 77%")
	if !strings.Contains(s, "77%") {
		t.Fatalf("estimate lost after reopening:\n%s", s)
	}
	tt.keys("q")
	tt.waitPrompt()
	tt.checkSane()
}
