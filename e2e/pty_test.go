package e2e

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
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
	t      *testing.T
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
	p := &ptyProc{t: t, cmd: cmd, ptmx: ptmx, tty: tty, before: before, done: make(chan error, 1), read: make(chan struct{})}
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
// contains every one of want.
func (p *ptyProc) waitFor(want ...string) {
	p.t.Helper()
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
			return
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("%s never showed %q:\n%s", p.cmd.Path, missing, text)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// keys types each of keys, one read apiece.
func (p *ptyProc) keys(keys ...string) {
	p.t.Helper()
	for _, k := range keys {
		if _, err := io.WriteString(p.ptmx, k); err != nil {
			p.t.Fatal(err)
		}
		time.Sleep(15 * time.Millisecond)
	}
}

// wait waits (bounded) for the command to exit and returns its error.
func (p *ptyProc) wait() error {
	p.t.Helper()
	select {
	case err := <-p.done:
		return err
	case <-time.After(15 * time.Second):
		p.t.Fatalf("%s did not exit; it drew:\n%s", p.cmd.Path, ansi.Strip(p.output()))
	}
	return nil
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
	time.Sleep(20 * time.Millisecond) // the last bytes written reach the reader
	out := p.output()
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

// lastSet reports whether out's last change of private mode turns it on.
func lastSet(out, mode string) bool {
	return strings.LastIndex(out, "\x1b[?"+mode+"h") > strings.LastIndex(out, "\x1b[?"+mode+"l")
}
