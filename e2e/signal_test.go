package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// signalTrials is how many times each signal is tried on each front end.
const signalTrials = 20

// hangups are the signals that end a terminal program from outside: the
// terminal closed (SIGHUP), kill (SIGTERM), ctrl+c from another process
// (SIGINT).
var hangups = []syscall.Signal{syscall.SIGHUP, syscall.SIGTERM, syscall.SIGINT}

// copyFile copies a workspace file, so that each trial has its own.
func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// alignEnv is the environment of an align run in dir.
func alignEnv(dir string) []string {
	return []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "XDG_DATA_HOME=" + filepath.Join(dir, "data"),
		"TMPDIR=" + dir, "TERM=xterm-256color", "LANG=C.UTF-8"}
}

// localTrial runs the terminal UI on a pty, saves an estimate (even
// trials) or opens the demo (odd trials), sends sig and checks the
// terminal came back as it was, the estimate was written, the demo's
// temporary workspace was removed. It returns what went wrong, or "".
func localTrial(t *testing.T, bin, base string, i int, sig syscall.Signal) string {
	dir := t.TempDir()
	db := filepath.Join(dir, "team.db")
	demo := i%2 == 1
	var cmd *exec.Cmd
	if demo {
		cmd = exec.Command(bin, "demo")
	} else {
		copyFile(t, base, db)
		cmd = exec.Command(bin, "--db", db, "--as", "lin")
	}
	cmd.Env = alignEnv(dir)
	p := startPty(t, cmd)
	if demo {
		if wrong := p.waitFor("1 Dashboard", "Submissions:"); wrong != "" {
			return wrong
		}
	} else {
		if wrong := p.waitFor("Assessing as", "Checkout works offline"); wrong != "" {
			return wrong
		}
		p.keys("j", "j", "j", "p", "7", "7", "\r")
		if wrong := p.waitFor(" 77%"); wrong != "" {
			return wrong
		}
	}
	_ = p.cmd.Process.Signal(sig)
	if wrong := p.wait(); wrong != "" {
		return wrong
	}
	wrong := p.restored()
	if demo {
		if left, _ := filepath.Glob(filepath.Join(dir, "align-demo-*")); len(left) > 0 {
			wrong += fmt.Sprintf("; the demo's workspace %s was left behind", left[0])
		}
		return wrong
	}
	out, err := exec.Command(bin, "--db", db, "export", "--format", "csv").CombinedOutput()
	if err != nil || !strings.Contains(string(out), ",lin,1,77,") {
		wrong += fmt.Sprintf("; the estimate saved before the signal is missing (%v)", err)
	}
	return wrong
}

// TestSignal_LocalTUIRestoresTerminal sends SIGHUP, SIGTERM and SIGINT to
// the terminal UI on a real pseudo-terminal, 20 times each, and checks
// every time that the terminal is as it was (modes, main screen, cursor,
// mouse off), that the estimate typed just before was saved, and that a
// demo's temporary workspace is gone.
func TestSignal_LocalTUIRestoresTerminal(t *testing.T) {
	bin := sharedBinary(t)
	base := filepath.Join(t.TempDir(), "base.db")
	run(t, bin, "demo", "--db", base)
	for _, sig := range hangups {
		t.Run(sig.String(), func(t *testing.T) {
			restored := parallelTrials(t, func(i int) string { return localTrial(t, bin, base, i, sig) })
			t.Logf("%s: terminal restored in %d of %d trials", sig, restored, signalTrials)
		})
	}
}

// parallelTrials runs signalTrials trials, four at a time, reports each
// failure and returns how many succeeded.
func parallelTrials(t *testing.T, trial func(i int) string) int {
	t.Helper()
	var mu sync.Mutex
	restored := 0
	var wg sync.WaitGroup
	slots := make(chan struct{}, 4)
	for i := range signalTrials {
		wg.Add(1)
		slots <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-slots }()
			wrong := strings.TrimPrefix(trial(i), "; ")
			mu.Lock()
			defer mu.Unlock()
			if wrong != "" {
				t.Errorf("trial %d: %s", i, wrong)
				return
			}
			restored++
		}()
	}
	wg.Wait()
	return restored
}
