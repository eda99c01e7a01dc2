package e2e

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"
)

// serveProc is a running `align serve` whose process the test can signal
// and measure.
type serveProc struct {
	t    *testing.T
	cmd  *exec.Cmd
	addr string
	log  string        // the file its standard error goes to
	done chan struct{} // closed when it has exited, with err
	err  error
}

// startServeProc starts `align serve` on a free loopback port with args
// and waits until it listens; cleanup interrupts it if still running.
func startServeProc(t *testing.T, bin, db string, args ...string) *serveProc {
	t.Helper()
	addr := fmt.Sprintf("127.0.0.1:%d", freePort(t))
	logPath := filepath.Join(t.TempDir(), "serve.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = logFile.Close() })
	cmd := exec.Command(bin, append([]string{"serve", "--listen", addr, "--db", db}, args...)...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &serveProc{t: t, cmd: cmd, addr: addr, log: logPath, done: make(chan struct{})}
	go func() { s.err = cmd.Wait(); close(s.done) }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		select {
		case <-s.done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
		}
	})
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(s.logText(), "listening on") {
		if time.Now().After(deadline) {
			t.Fatalf("align serve never listened:\n%s", s.logText())
		}
		time.Sleep(20 * time.Millisecond)
	}
	return s
}

// wait waits (bounded) for the server to exit and returns how it did.
func (s *serveProc) wait() error {
	s.t.Helper()
	select {
	case <-s.done:
		return s.err
	case <-time.After(15 * time.Second):
		s.t.Fatalf("align serve did not exit:\n%s", s.logText())
	}
	return nil
}

// logText is what the server logged so far.
func (s *serveProc) logText() string {
	data, _ := os.ReadFile(s.log)
	return string(data)
}

// alive reports whether the server process is still running.
func (s *serveProc) alive() bool {
	return s.cmd.Process.Signal(syscall.Signal(0)) == nil
}

// memKiB reads a field (VmHWM: peak resident set; VmRSS: now) of the
// server's /proc status, in KiB.
func (s *serveProc) memKiB(field string) int {
	s.t.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		s.t.Fatalf("reading the server's memory: %v", err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			if err != nil {
				s.t.Fatalf("%s: %q", field, line)
			}
			return n
		}
	}
	s.t.Fatalf("no %s in /proc status", field)
	return 0
}

// waitLog waits (bounded) until the server's log contains every want.
func (s *serveProc) waitLog(want ...string) string {
	s.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		text, missing := s.logText(), ""
		for _, w := range want {
			if !strings.Contains(text, w) {
				missing = w
			}
		}
		if missing == "" {
			return text
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("the server never logged %q:\n%s", missing, text)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// memberKey makes an ed25519 key, registers it for handle with the CLI
// (before the server starts) and returns it; the private key is also
// written to dir/handle for OpenSSH.
func memberKey(t *testing.T, bin, db, dir, handle string) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	block, err := gossh.MarshalPrivateKey(priv, handle)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, handle)
	if err := os.WriteFile(path, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path+".pub", gossh.MarshalAuthorizedKey(signer.PublicKey()), 0o600); err != nil {
		t.Fatal(err)
	}
	run(t, bin, "--db", db, "member", "key", "add", handle, "--file", path+".pub")
	return signer
}

// dialAs logs in to the server with key.
func (s *serveProc) dialAs(key gossh.Signer) (*gossh.Client, error) {
	return gossh.Dial("tcp", s.addr, &gossh.ClientConfig{
		User: "member", Auth: []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), // loopback, a fresh host key each test
		Timeout:         10 * time.Second,
	})
}

// login logs in with key or fails the test; the client closes at cleanup.
func (s *serveProc) login(key gossh.Signer) *gossh.Client {
	s.t.Helper()
	c, err := s.dialAs(key)
	if err != nil {
		s.t.Fatalf("login: %v", err)
	}
	s.t.Cleanup(func() { _ = c.Close() })
	return c
}

// xsess is one terminal session of a Go SSH client that answers the
// server's terminal queries as xterm would.
type xsess struct {
	t      *testing.T
	sess   *gossh.Session
	stdin  io.WriteCloser
	mu     sync.Mutex
	out    []byte
	stderr bytes.Buffer
	ended  chan error
}

// openXsess opens a cols×rows session on c, after setup (which may send
// requests first), and starts its shell.
func openXsess(t *testing.T, c *gossh.Client, cols, rows int, setup func(*gossh.Session)) *xsess {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if setup != nil {
		setup(sess)
	}
	if err := sess.RequestPty("xterm-256color", rows, cols, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	x := &xsess{t: t, sess: sess, ended: make(chan error, 1)}
	if x.stdin, err = sess.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	stdout, err := sess.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	sess.Stderr = &lockedWriter{mu: &x.mu, w: &x.stderr}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	go x.pump(stdout)
	return x
}

// lockedWriter writes to w under mu.
type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func (x *xsess) pump(r io.Reader) {
	buf := make([]byte, 32<<10)
	answered := false
	for {
		n, err := r.Read(buf)
		x.mu.Lock()
		x.out = append(x.out, buf[:n]...)
		ask := !answered && bytes.Contains(x.out, []byte("\x1b[c"))
		x.mu.Unlock()
		if ask {
			answered = true
			_, _ = io.WriteString(x.stdin, "\x1b]11;rgb:1c1c/1c1c/1c1c\x1b\\\x1b[?62;22c")
		}
		if err != nil {
			x.ended <- x.sess.Wait()
			return
		}
	}
}

// text is what the session drew, escape codes stripped, and its stderr.
func (x *xsess) text() (screen, stderr string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	return ansi.Strip(string(x.out)), x.stderr.String()
}

// mark is how much the session drew so far, for waitSince.
func (x *xsess) mark() int {
	s, _ := x.text()
	return len(s)
}

// waitSince waits (bounded) until what the session drew after mark
// contains want.
func (x *xsess) waitSince(mark int, want string) {
	x.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		s, errText := x.text()
		if strings.Contains(s[min(mark, len(s)):], want) {
			return
		}
		if time.Now().After(deadline) {
			x.t.Fatalf("the session never showed %q; stderr %q; screen:\n%s", want, errText, s[min(mark, len(s)):])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// press types keys one at a time, each once the screen has answered the
// one before (bounded), so that no two arrive as one read.
func (x *xsess) press(keys ...string) {
	x.t.Helper()
	for _, k := range keys {
		drawn := x.drawn()
		if _, err := io.WriteString(x.stdin, k); err != nil {
			x.t.Fatalf("typing %q: %v", k, err)
		}
		for deadline := time.Now().Add(2 * time.Second); x.drawn() == drawn && time.Now().Before(deadline); {
			time.Sleep(5 * time.Millisecond)
		}
	}
}

// drawn is how many bytes the session drew.
func (x *xsess) drawn() int {
	x.mu.Lock()
	defer x.mu.Unlock()
	return len(x.out)
}

// waitEnd waits (bounded) for the session to end.
func (x *xsess) waitEnd() {
	x.t.Helper()
	select {
	case <-x.ended:
	case <-time.After(10 * time.Second):
		s, e := x.text()
		x.t.Fatalf("the session did not end; stderr %q; screen:\n%s", e, s)
	}
}

// dialFrom opens a TCP connection to addr from the loopback address from
// (all of 127.0.0.0/8 is loopback).
func dialFrom(t *testing.T, from, addr string) net.Conn {
	t.Helper()
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}, Timeout: 10 * time.Second}
	c, err := d.Dial("tcp", addr)
	if err != nil {
		t.Fatalf("dial from %s: %v", from, err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}
