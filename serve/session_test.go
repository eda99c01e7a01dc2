package serve

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/views"
	tea "github.com/charmbracelet/bubbletea"
	gossh "golang.org/x/crypto/ssh"
)

func TestServer_HostKey_SameFingerprintAcrossRestarts(t *testing.T) {
	st := newTestStore(t)
	key := testKey(t, 1)
	register(t, st, "jonas", key.PublicKey())
	path := filepath.Join(t.TempDir(), "data", HostKeyName)

	var seen []string
	for range 2 {
		ts := startServer(t, st, Config{HostKeyPath: path})
		c, err := gossh.Dial("tcp", ts.addr, &gossh.ClientConfig{
			User: "jonas", Auth: []gossh.AuthMethod{gossh.PublicKeys(key)}, Timeout: waitLong,
			HostKeyCallback: func(_ string, _ net.Addr, k gossh.PublicKey) error {
				seen = append(seen, gossh.FingerprintSHA256(k))
				return nil
			},
		})
		if err != nil {
			t.Fatal(err)
		}
		c.Close()
		if err := ts.stop(); err != nil {
			t.Fatal(err)
		}
	}
	if len(seen) != 2 || seen[0] != seen[1] {
		t.Fatalf("host key fingerprints across restarts: %v, want the same twice", seen)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("host key mode %#o, want 0600", info.Mode().Perm())
	}
}

func TestLoadOrCreateHostKey_Refusals(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good")
	if _, err := LoadOrCreateHostKey(good); err != nil {
		t.Fatal(err)
	}
	loose := filepath.Join(dir, "loose")
	data, _ := os.ReadFile(good)
	if err := os.WriteFile(loose, data, 0o644); err != nil {
		t.Fatal(err)
	}
	junk := filepath.Join(dir, "junk")
	if err := os.WriteFile(junk, []byte("not a key"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ path, want string }{
		{loose, "readable by others (mode 0644): run `chmod 600"},
		{junk, "is not an SSH private key"},
		{dir, "cannot read the host key"},
	}
	for _, tt := range tests {
		_, err := LoadOrCreateHostKey(tt.path)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("LoadOrCreateHostKey(%s) = %v, want an error containing %q", filepath.Base(tt.path), err, tt.want)
		}
	}
}

func TestServer_Session_IdleTimeoutCloses(t *testing.T) {
	st := newTestStore(t)
	key := testKey(t, 1)
	register(t, st, "jonas", key.PublicKey())
	ts := startServer(t, st, Config{IdleTimeout: 400 * time.Millisecond})

	c := ts.login(t, key)
	term := openTerminal(t, c, nil)
	term.waitFor("(jonas)")
	start := time.Now()
	if code := term.wait(); code != 0 {
		t.Fatalf("exit status %d after the idle timeout; stderr %s", code, term.stderr.String())
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("the idle session closed after %s", took)
	}
	if !strings.Contains(term.stderr.String(), "without input") {
		t.Errorf("the client was not told why: %q", term.stderr.String())
	}
	c.Close()
	ts.waitLog(t, "member=jonas", "without input (--idle-timeout)")
}

func TestServer_Session_WithoutTerminalRefused(t *testing.T) {
	st := newTestStore(t)
	key := testKey(t, 1)
	register(t, st, "jonas", key.PublicKey())
	ts := startServer(t, st, Config{})
	c := ts.login(t, key)
	defer c.Close()

	t.Run("shell without pty", func(t *testing.T) {
		sess, err := c.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		defer sess.Close()
		out, err := sess.CombinedOutput("")
		if exit, ok := err.(*gossh.ExitError); !ok || exit.ExitStatus() != 1 {
			t.Fatalf("err = %v, want exit status 1", err)
		}
		if !strings.Contains(string(out), "align needs a terminal") {
			t.Errorf("client was told %q", out)
		}
	})
	t.Run("command with pty", func(t *testing.T) {
		sess, err := c.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		defer sess.Close()
		if err := sess.RequestPty("xterm", 24, 80, nil); err != nil {
			t.Fatal(err)
		}
		out, err := sess.CombinedOutput("cat /etc/passwd")
		if exit, ok := err.(*gossh.ExitError); !ok || exit.ExitStatus() != 1 {
			t.Fatalf("err = %v, want exit status 1", err)
		}
		if !strings.Contains(string(out), "connect without a command") {
			t.Errorf("client was told %q", out)
		}
	})
	c.Close()
	ts.waitLog(t, "refused: no terminal")
}

func TestServer_Session_MaxSessionsEnforced(t *testing.T) {
	st := newTestStore(t)
	keys := []gossh.Signer{testKey(t, 1), testKey(t, 2), testKey(t, 3)}
	for i, h := range []string{"jonas", "amara", "mateo"} {
		register(t, st, h, keys[i].PublicKey())
	}
	ts := startServer(t, st, Config{MaxSessions: 2})

	a := openTerminal(t, ts.login(t, keys[0]), nil)
	a.waitFor("(jonas)")
	b := openTerminal(t, ts.login(t, keys[1]), nil)
	b.waitFor("(amara)")
	c := openTerminal(t, ts.login(t, keys[2]), nil)
	if code := c.wait(); code != 1 {
		t.Fatalf("third session exit status %d, want 1", code)
	}
	if !strings.Contains(c.stderr.String(), "already has 2 sessions") {
		t.Errorf("third client was told %q", c.stderr.String())
	}
	a.press("q")
	a.wait()
	d := openTerminal(t, ts.login(t, keys[2]), nil)
	d.waitFor("(mateo)") // a freed slot is taken again
	d.press("q")
	b.press("q")
	d.wait()
	b.wait()
}

// panicky wraps the app and panics on "!", as a bug in a screen would.
type panicky struct{ views.App }

func (p panicky) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok && k.String() == "!" {
		panic("a bug in a screen")
	}
	m, cmd := p.App.Update(msg)
	return panicky{m.(views.App)}, cmd
}

func TestServer_Session_PanicEndsOnlyThatSession(t *testing.T) {
	st := newTestStore(t)
	keys := []gossh.Signer{testKey(t, 1), testKey(t, 2)}
	register(t, st, "jonas", keys[0].PublicKey())
	register(t, st, "amara", keys[1].PublicKey())
	ts := startServer(t, st, Config{newModel: func(o views.Options) sessionModel { return panicky{views.New(o)} }})

	ca := ts.login(t, keys[0])
	a := openTerminal(t, ca, nil)
	b := openTerminal(t, ts.login(t, keys[1]), nil)
	a.waitFor("(jonas)")
	b.waitFor("(amara)")
	before := len(a.raw())
	a.press("!")
	if code := a.wait(); code != 1 {
		t.Fatalf("crashed session exit status %d, want 1", code)
	}
	after := a.raw()[before:]
	for _, seq := range []string{"\x1b[?1049l", "\x1b[?25h", "\x1b[?1002l"} {
		if !strings.Contains(after, seq) {
			t.Errorf("after the panic the terminal was not restored: %q missing from %q", seq, after)
		}
	}
	if !strings.Contains(a.stderr.String(), "internal error") {
		t.Errorf("the crashed client was told %q", a.stderr.String())
	}
	// The other session goes on, and new ones start.
	b.press("\t") // from Assess, where digits type the progress
	b.waitFor("Before the agenda")
	c := openTerminal(t, ts.login(t, keys[0]), nil)
	c.waitFor("(jonas)")
	b.press("q")
	c.press("q")
	if b.wait() != 0 || c.wait() != 0 {
		t.Fatal("the other sessions did not end cleanly")
	}
	ca.Close()
	ts.waitLog(t, "member=jonas", "crashed: panic in the terminal UI")
}

func TestServer_Serve_ShutdownEndsSessions(t *testing.T) {
	st := newTestStore(t)
	key := testKey(t, 1)
	register(t, st, "jonas", key.PublicKey())
	ts := startServer(t, st, Config{})
	term := openTerminal(t, ts.login(t, key), nil)
	term.waitFor("(jonas)")
	if err := ts.stop(); err != nil {
		t.Fatal(err)
	}
	term.wait()
	if !strings.Contains(term.stderr.String(), "shutting down") {
		t.Errorf("the client was told %q", term.stderr.String())
	}
}

func TestServer_Session_HangUpLogsDisconnected(t *testing.T) {
	st := newTestStore(t)
	key := testKey(t, 1)
	register(t, st, "jonas", key.PublicKey())
	ts := startServer(t, st, Config{})
	c := ts.login(t, key)
	term := openTerminal(t, c, nil)
	term.waitFor("(jonas)")
	c.Close() // the client vanishes without quitting
	ts.waitLog(t, "member=jonas", `end="disconnected"`)
}

func TestServer_Session_RendererFollowsClient(t *testing.T) {
	st := newTestStore(t)
	key := testKey(t, 1)
	register(t, st, "jonas", key.PublicKey())
	ts := startServer(t, st, Config{})
	tests := []struct {
		name   string
		env    map[string]string
		colour bool
	}{
		{"256 colours", nil, true},
		{"NO_COLOR", map[string]string{"NO_COLOR": "1"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			term := openTerminal(t, ts.login(t, key), tt.env)
			term.waitFor("(jonas)")
			if got := strings.Contains(term.raw(), "\x1b[38;5;"); got != tt.colour {
				t.Errorf("colour drawn = %v, want %v", got, tt.colour)
			}
			// A resize redraws at the new width: the header's right end moves.
			mark := term.mark()
			if err := term.sess.WindowChange(30, 70); err != nil {
				t.Fatal(err)
			}
			term.waitSince(mark, "Sprint 25 · revi…")
			term.press("q")
			term.wait()
		})
	}
}
