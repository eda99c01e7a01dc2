package serve

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"errors"
	"io"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/align-team/align/demo"
	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"
)

// testNow is the fixed clock of the seeded workspace.
var testNow = time.Date(2025, 3, 12, 12, 0, 0, 0, time.UTC)

// waitLong bounds every wait on a screen or a session in these tests.
const waitLong = 15 * time.Second

// newTestStore opens a workspace in a temporary directory seeded with the
// demo team; its cleanup checks the file's integrity.
func newTestStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "align.db"), store.Options{Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Apply(demo.Sample(testNow)); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		problems, err := st.Check()
		if err != nil || len(problems) > 0 {
			t.Errorf("store check: %v %v", problems, err)
		}
		_ = st.Close()
	})
	return st
}

// testKey returns a deterministic ed25519 key for seed.
func testKey(t *testing.T, seed byte) gossh.Signer {
	t.Helper()
	s, err := gossh.NewSignerFromKey(ed25519.NewKeyFromSeed(bytes.Repeat([]byte{seed}, ed25519.SeedSize)))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// register adds key to the member with handle (creating an active member
// when there is none).
func register(t *testing.T, st *store.Store, handle string, key gossh.PublicKey) model.Member {
	t.Helper()
	ms, err := st.Members()
	if err != nil {
		t.Fatal(err)
	}
	m := model.Member{Name: strings.ToUpper(handle[:1]) + handle[1:], Handle: handle, Active: true}
	for _, o := range ms {
		if o.Handle == handle && !o.Deleted {
			m = o
		}
	}
	m.Keys = append(m.Keys, strings.TrimSpace(string(gossh.MarshalAuthorizedKey(key)))+" "+handle+"@test")
	saved, err := st.SaveMember(m)
	if err != nil {
		t.Fatal(err)
	}
	return saved
}

// syncBuffer is a log sink safe for concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// testServer is a running server on loopback.
type testServer struct {
	*Server
	addr string
	log  *syncBuffer
	stop func() error // cancels and waits for Serve
}

// startServer serves st on 127.0.0.1:0 with cfg's other fields; the server
// stops at cleanup.
func startServer(t *testing.T, st *store.Store, cfg Config) *testServer {
	t.Helper()
	cfg.Store = st
	if cfg.HostKeyPath == "" {
		cfg.HostKeyPath = filepath.Join(t.TempDir(), HostKeyName)
	}
	logs := &syncBuffer{}
	cfg.Log = logs
	if cfg.Now == nil {
		cfg.Now = func() time.Time { return testNow }
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ctx, ln) }()
	var once sync.Once
	var serveErr error
	stop := func() error {
		once.Do(func() { cancel(); serveErr = <-errc })
		return serveErr
	}
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return &testServer{Server: srv, addr: ln.Addr().String(), log: logs, stop: stop}
}

// dial connects to the server as user with auth, checking the host key.
func (ts *testServer) dial(user string, auth ...gossh.AuthMethod) (*gossh.Client, error) {
	return gossh.Dial("tcp", ts.addr, &gossh.ClientConfig{
		User:            user,
		Auth:            auth,
		HostKeyCallback: gossh.FixedHostKey(ts.hostKey.PublicKey()),
		Timeout:         waitLong,
	})
}

// login connects with key and fails the test if that is refused.
func (ts *testServer) login(t *testing.T, key gossh.Signer) *gossh.Client {
	t.Helper()
	c, err := ts.dial("anyone", gossh.PublicKeys(key))
	if err != nil {
		t.Fatalf("login refused: %v", err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// terminal is a client session with a PTY that answers the server's
// terminal queries as a dark-background terminal would.
type terminal struct {
	t      *testing.T
	sess   *gossh.Session
	stdin  io.WriteCloser
	mu     sync.Mutex
	out    []byte
	stderr syncBuffer
	done   chan error
}

// openTerminal opens a 100×30 xterm session on c and starts its shell.
func openTerminal(t *testing.T, c *gossh.Client, env map[string]string) *terminal {
	t.Helper()
	return openTerminalSize(t, c, env, 100, 30)
}

// openTerminalSize opens a w×h xterm session on c and starts its shell.
func openTerminalSize(t *testing.T, c *gossh.Client, env map[string]string, w, h int) *terminal {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range env {
		if err := sess.Setenv(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := sess.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	term := &terminal{t: t, sess: sess, done: make(chan error, 1)}
	term.stdin, err = sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := sess.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	sess.Stderr = &term.stderr
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	go term.read(stdout)
	return term
}

// read collects output and answers the background and DA1 queries.
func (term *terminal) read(r io.Reader) {
	buf := make([]byte, 4096)
	answered := false
	for {
		n, err := r.Read(buf)
		term.mu.Lock()
		term.out = append(term.out, buf[:n]...)
		ask := !answered && bytes.Contains(term.out, []byte(queryDA1))
		term.mu.Unlock()
		if ask {
			answered = true
			_, _ = io.WriteString(term.stdin, "\x1b]11;rgb:1c1c/1c1c/1c1c\x1b\\\x1b[?62;22c")
		}
		if err != nil {
			term.done <- term.sess.Wait()
			return
		}
	}
}

// raw returns everything the session drew so far.
func (term *terminal) raw() string {
	term.mu.Lock()
	defer term.mu.Unlock()
	return string(term.out)
}

// waitFor waits until the screen text (escape codes stripped) contains want.
func (term *terminal) waitFor(want string) {
	term.t.Helper()
	term.waitSince(0, want)
}

// mark returns how much the session has drawn so far, for waitSince.
func (term *terminal) mark() int { return len(term.raw()) }

// waitSince waits until what the session drew after mark contains want.
func (term *terminal) waitSince(mark int, want string) {
	term.t.Helper()
	term.waitSinceWithin(mark, want, waitLong)
}

// waitSinceWithin is waitSince with its own limit, for a step whose cost
// grows with the number of sessions (every one of them reloads).
func (term *terminal) waitSinceWithin(mark int, want string, limit time.Duration) {
	term.t.Helper()
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if strings.Contains(ansi.Strip(term.raw()[mark:]), want) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	term.t.Fatalf("screen never showed %q; it shows:\n%s\nstderr: %s", want, ansi.Strip(term.raw()[mark:]), term.stderr.String())
}

// press sends keys one at a time, so that each arrives as one key.
func (term *terminal) press(keys ...string) {
	term.t.Helper()
	for _, k := range keys {
		if _, err := io.WriteString(term.stdin, k); err != nil {
			term.t.Fatalf("sending %q: %v", k, err)
		}
		time.Sleep(40 * time.Millisecond)
	}
}

// wait waits for the session to end and returns its exit status.
func (term *terminal) wait() int {
	term.t.Helper()
	select {
	case err := <-term.done:
		var exit *gossh.ExitError
		switch {
		case err == nil:
			return 0
		case errors.As(err, &exit):
			return exit.ExitStatus()
		}
		return -1
	case <-time.After(waitLong):
		term.t.Fatalf("session did not end; stderr: %s; screen:\n%s", term.stderr.String(), ansi.Strip(term.raw()))
	}
	return -1
}

// waitLog waits until the server's log contains every one of want (a
// connection's line is written when the server has closed it, which may be
// just after the client saw the end) and returns the log.
func (ts *testServer) waitLog(t *testing.T, want ...string) string {
	t.Helper()
	deadline := time.Now().Add(waitLong)
	for {
		log := ts.log.String()
		missing := ""
		for _, w := range want {
			if !strings.Contains(log, w) {
				missing = w
				break
			}
		}
		if missing == "" {
			return log
		}
		if time.Now().After(deadline) {
			t.Fatalf("the log never showed %q:\n%s", missing, log)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
