package e2e

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	xterm "github.com/charmbracelet/x/term"
	"github.com/creack/pty"
)

// ptyProc is a command running on its own pseudo-terminal, as in a real
// terminal window: the test reads what it draws, answers the terminal
// queries (background colour, device attributes, cursor position) as xterm would, and can
// compare the terminal's modes before and after.
type ptyProc struct {
	cmd    *exec.Cmd
	ptmx   *os.File // the terminal's side
	tty    *os.File // the program's side, kept open to read its modes
	before *xterm.State
	mu     sync.Mutex
	out    []byte
	done   chan error
	read   chan struct{} // closed when reading stops
}

// startPty starts cmd on a new 80×24 pseudo-terminal.
func startPty(t *testing.T, cmd *exec.Cmd) *ptyProc {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Fatalf("open a pty: %v", err)
	}
	if err := pty.Setsize(ptmx, &pty.Winsize{Rows: 24, Cols: 80}); err != nil {
		t.Fatal(err)
	}
	before, err := xterm.GetState(tty.Fd())
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", cmd.Path, err)
	}
	p := &ptyProc{cmd: cmd, ptmx: ptmx, tty: tty, before: before, done: make(chan error, 1), read: make(chan struct{})}
	go func() { p.done <- cmd.Wait() }()
	go p.pump()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = ptmx.Close()
		_ = tty.Close()
	})
	return p
}

// pump collects output and answers the terminal queries.
func (p *ptyProc) pump() {
	defer close(p.read)
	buf := make([]byte, 32<<10)
	for {
		n, err := p.ptmx.Read(buf)
		p.mu.Lock()
		seen := len(p.out)
		p.out = append(p.out, buf[:n]...)
		// Look back a little: a query may straddle two reads.
		tail := p.out[max(0, seen-8):]
		p.mu.Unlock()
		if bytes.Contains(tail, []byte("\x1b]11;?")) {
			_, _ = io.WriteString(p.ptmx, "\x1b]11;rgb:1c1c/1c1c/1c1c\x1b\\")
		}
		if bytes.Contains(tail, []byte("\x1b[c")) {
			_, _ = io.WriteString(p.ptmx, "\x1b[?62;22c")
		}
		if bytes.Contains(tail, []byte("\x1b[6n")) {
			_, _ = io.WriteString(p.ptmx, "\x1b[1;1R")
		}
		if err != nil {
			return
		}
	}
}

// output is everything drawn so far.
func (p *ptyProc) output() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return string(p.out)
}

// waitFor waits (bounded) until the text drawn, escape codes stripped,
// contains every one of want, and returns what is missing, or "". It does
// not stop the test, so trials may call it from their own goroutines.
func (p *ptyProc) waitFor(want ...string) string {
	deadline := time.Now().Add(10 * time.Second)
	for {
		text := ansi.Strip(p.output())
		missing := ""
		for _, w := range want {
			if !strings.Contains(text, w) {
				missing = w
			}
		}
		if missing == "" {
			return ""
		}
		if time.Now().After(deadline) {
			return fmt.Sprintf("%s never showed %q; it drew:\n%s", filepath.Base(p.cmd.Path), missing, text)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// keys types each of keys and waits (bounded) for the screen to change
// before the next, so that each arrives as one key however loaded the
// machine is.
func (p *ptyProc) keys(keys ...string) {
	for _, k := range keys {
		drawn := len(p.output())
		_, _ = io.WriteString(p.ptmx, k)
		for deadline := time.Now().Add(5 * time.Second); len(p.output()) == drawn && time.Now().Before(deadline); {
			time.Sleep(5 * time.Millisecond)
		}
	}
}

// wait waits (bounded) for the command to exit; it returns what went
// wrong, or "".
func (p *ptyProc) wait() string {
	select {
	case <-p.done:
		return ""
	case <-time.After(15 * time.Second):
		_ = p.cmd.Process.Kill()
		return fmt.Sprintf("%s did not exit; it drew:\n%s", filepath.Base(p.cmd.Path), ansi.Strip(p.output()))
	}
}

// restored checks that the terminal is as it was before the command: the
// same modes (cooked, echo), and, from what was drawn, the main screen,
// the cursor shown, mouse reporting and bracketed paste off. It returns
// what is wrong, or "".
func (p *ptyProc) restored() string {
	now, err := xterm.GetState(p.tty.Fd())
	if err != nil {
		return err.Error()
	}
	var wrong []string
	if !reflect.DeepEqual(now, p.before) {
		wrong = append(wrong, "terminal modes changed (raw mode left on?)")
	}
	// The last word on each private mode must leave it as a fresh terminal
	// has it: 1049 alternate screen, 1000–1006 mouse, 2004 paste off; 25
	// cursor on.
	out := p.settled()
	for _, mode := range []string{"1049", "1000", "1002", "1003", "1006", "2004"} {
		if lastSet(out, mode) {
			wrong = append(wrong, fmt.Sprintf("mode ?%s left on", mode))
		}
	}
	if strings.LastIndex(out, "\x1b[?25l") > strings.LastIndex(out, "\x1b[?25h") {
		wrong = append(wrong, "cursor left hidden")
	}
	return strings.Join(wrong, "; ")
}

// settled returns the output once the reader has taken in everything the
// exited command wrote: it waits (bounded) until nothing more arrives for
// a while.
func (p *ptyProc) settled() string {
	out := p.output()
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); {
		time.Sleep(100 * time.Millisecond)
		now := p.output()
		if len(now) == len(out) {
			break
		}
		out = now
	}
	return out
}

// lastSet reports whether out's last change of private mode turns it on.
func lastSet(out, mode string) bool {
	return strings.LastIndex(out, "\x1b[?"+mode+"h") > strings.LastIndex(out, "\x1b[?"+mode+"l")
}
