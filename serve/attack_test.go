package serve

import (
	"bytes"
	"fmt"
	"net"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/views/ui"
	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"
)

// heapBound is how much the server's heap may grow for one attacking
// session: the few MiB a session's screen and buffers take, not what the
// client asked for.
const heapBound = 16 << 20

// heapInUse is the process's live heap after a collection.
func heapInUse() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// cursorMoves are the escape sequences that move the cursor or erase:
// text on either side of one is not on the same line.
var cursorMoves = regexp.MustCompile(`\x1b\[[0-9;?]*[A-HJKSTfhlnsu]`)

// widestLine is the widest run of text the session drew on one line, in
// cells.
func widestLine(raw string) int {
	widest := 0
	for _, line := range strings.Split(ansi.Strip(cursorMoves.ReplaceAllString(raw, "\n")), "\n") {
		widest = max(widest, ansi.StringWidth(strings.TrimRight(line, "\r")))
	}
	return widest
}

// jonasServer starts a server with cfg on a new store in which jonas is
// a member with the test key 1, and returns it with that key.
func jonasServer(t *testing.T, cfg Config) (*testServer, gossh.Signer) {
	t.Helper()
	st := newTestStore(t)
	key := testKey(t, 1)
	register(t, st, "jonas", key.PublicKey())
	return startServer(t, st, cfg), key
}

func TestServer_Attack_HugeWindowIsClamped(t *testing.T) {
	ts, key := jonasServer(t, Config{})
	before := heapInUse()

	// 4294967295×4294967295 once ended the whole server out of memory.
	term := openTerminalSize(t, ts.login(t, key), nil, 1<<32-1, 1<<32-1)
	term.waitFor("Assessing as Jonas Weber (jonas)")
	if w := widestLine(term.raw()); w > MaxWidth {
		t.Errorf("a line %d cells wide was drawn; the size should be clamped to %d", w, MaxWidth)
	}
	for i := range 300 { // a flood of window changes, huge and empty
		size := []int{1<<32 - 1, 0, 1000000}[i%3]
		if err := term.sess.WindowChange(size, size); err != nil {
			t.Fatalf("window change %d: %v", i, err)
		}
	}
	if err := term.sess.WindowChange(40, 120); err != nil {
		t.Fatal(err)
	}
	mark := term.mark()
	term.press("\x1b[Z") // shift+tab: digits type the progress on Assess
	term.waitSince(mark, "Submissions:")
	if grew := int64(heapInUse()) - int64(before); grew > heapBound {
		t.Errorf("the heap grew by %d MiB for one session", grew>>20)
	}
	quitAll(t, term)
}

func TestServer_Attack_ClampedScreenDraws(t *testing.T) {
	ts, key := jonasServer(t, Config{})
	term := openTerminalSize(t, ts.login(t, key), nil, 5000, 3000)
	term.waitFor("Assessing as Jonas Weber (jonas)")
	term.waitFor("Checkout works offline")
	// The header spans the whole (clamped) width: drawn at 1000, no wider.
	if w := widestLine(term.raw()); w != MaxWidth {
		t.Errorf("widest line %d cells, want the clamped width %d", w, MaxWidth)
	}
	quitAll(t, term)
}

func TestServer_Attack_EnvFloodIsRefused(t *testing.T) {
	ts, key := jonasServer(t, Config{})
	c := ts.login(t, key)
	before := heapInUse()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat("x", 32<<10)
	for i := range 2000 { // 64 MiB of environment, once all kept
		payload := gossh.Marshal(struct{ Key, Value string }{fmt.Sprintf("V%d", i), big})
		if _, err := sess.SendRequest("env", false, payload); err != nil {
			t.Fatal(err)
		}
	}
	refusedBig, _ := sess.SendRequest("env", true, gossh.Marshal(struct{ Key, Value string }{"BIG", big}))
	for i := range maxEnvVars {
		if err := sess.Setenv(fmt.Sprintf("S%d", i), "1"); err != nil {
			t.Fatalf("small variable %d refused: %v", i, err)
		}
	}
	if sess.Setenv("ONE_TOO_MANY", "1") == nil {
		t.Errorf("variable %d was accepted; the cap is %d", maxEnvVars+1, maxEnvVars)
	}
	if refusedBig {
		t.Errorf("a 32 KiB variable was accepted")
	}
	_ = sess.Close()
	term := openTerminal(t, c, nil) // the connection still serves
	term.waitFor("(jonas)")
	if grew := int64(heapInUse()) - int64(before); grew > heapBound {
		t.Errorf("the heap grew by %d MiB after the flood", grew>>20)
	}
	quitAll(t, term)
}

func TestServer_Attack_UnusedRequestsRefused(t *testing.T) {
	ts, key := jonasServer(t, Config{})
	c := ts.login(t, key)
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	for _, req := range []string{"auth-agent-req@openssh.com", "x11-req", "subsystem", "signal", "break", "xon-xoff"} {
		if ok, err := sess.SendRequest(req, true, nil); ok || err != nil {
			t.Errorf("%s: accepted %v, err %v; want a refusal", req, ok, err)
		}
	}
	_ = sess.Close()
	if ok, _, err := c.SendRequest("tcpip-forward", true, gossh.Marshal(struct {
		Addr string
		Port uint32
	}{"127.0.0.1", 0})); ok || err != nil {
		t.Errorf("remote port forwarding: accepted %v, err %v", ok, err)
	}
	if _, err := c.Dial("tcp", ts.addr); err == nil {
		t.Errorf("local port forwarding was accepted")
	}
	term := openTerminal(t, c, nil)
	term.waitFor("(jonas)")
	quitAll(t, term)
}

// dialFrom opens a TCP connection to addr from the loopback address from.
func dialFrom(t *testing.T, from, addr string) net.Conn {
	t.Helper()
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}, Timeout: waitLong}
	c, err := d.Dial("tcp", addr)
	if err != nil {
		t.Fatalf("dial from %s: %v", from, err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// closedWithin reports whether the server closed c within d.
func closedWithin(c net.Conn, d time.Duration) bool {
	_ = c.SetReadDeadline(time.Now().Add(d))
	buf := make([]byte, 256)
	for {
		if _, err := c.Read(buf); err != nil {
			var ne net.Error
			return !(bytesTimeout(err, &ne))
		}
	}
}

// bytesTimeout reports whether err is a read deadline passing.
func bytesTimeout(err error, ne *net.Error) bool {
	if e, ok := err.(net.Error); ok {
		*ne = e
		return e.Timeout()
	}
	return false
}

func TestServer_Attack_LoginFloodCannotKeepMembersOut(t *testing.T) {
	grace := 2 * time.Second
	ts, key := jonasServer(t, Config{LoginGrace: grace})
	flood := make([]net.Conn, 200)
	for i := range flood { // 200 connections that never speak
		flood[i] = dialFrom(t, "127.0.0.2", ts.addr)
	}
	start := time.Now()
	term := openTerminal(t, ts.login(t, key), nil)
	term.waitFor("(jonas)")
	t.Logf("jonas logged in and saw his screen %s after 200 idle connections from 127.0.0.2", time.Since(start).Round(time.Millisecond))
	held := 0
	for _, c := range flood {
		if !closedWithin(c, 50*time.Millisecond) {
			held++
		}
	}
	// As many as may log in at once from one address, and as many again
	// waiting for a place; the rest are closed at once.
	if held > 2*DefaultMaxUnauthPerAddr {
		t.Errorf("%d idle connections from one address are held open; the cap is %d logging in and %d waiting", held, DefaultMaxUnauthPerAddr, DefaultMaxUnauthPerAddr)
	}
	for i, c := range flood {
		if !closedWithin(c, grace+waitLong) {
			t.Fatalf("idle connection %d is still open after the login grace", i)
		}
	}
	ts.waitLog(t, "refused: did not log in within the login grace (2s)", "already logging in")
	quitAll(t, term)
}

func TestServer_Attack_OneMemberCannotTakeEverySlot(t *testing.T) {
	st := newTestStore(t)
	key, other := testKey(t, 1), testKey(t, 2)
	register(t, st, "jonas", key.PublicKey())
	register(t, st, "amara", other.PublicKey())
	ts := startServer(t, st, Config{})

	first := ts.login(t, key)
	var mine []*terminal
	for range DefaultMaxPerMember {
		term := openTerminal(t, first, nil)
		term.waitFor("(jonas)")
		mine = append(mine, term)
	}
	if _, err := first.NewSession(); err == nil || !strings.Contains(err.Error(), "sessions per connection") {
		t.Errorf("a 4th session on one connection: %v", err)
	}
	// Across connections too: the next connection is told why.
	extra := openTerminal(t, ts.login(t, key), nil)
	if code := extra.wait(); code != 1 || !strings.Contains(extra.stderr.String(), "already has 3 sessions") {
		t.Errorf("a 4th session for jonas: exit %d, told %q", code, extra.stderr.String())
	}
	// Connections are capped at twice the sessions.
	for range 2*DefaultMaxPerMember - 2 {
		ts.login(t, key)
	}
	if c, err := ts.dial("x", gossh.PublicKeys(key)); err == nil {
		_ = c.Close()
		t.Errorf("jonas opened more than %d connections", 2*DefaultMaxPerMember)
	}
	// Everyone else still gets in.
	amara := openTerminal(t, ts.login(t, other), nil)
	amara.waitFor("(amara)")
	quitAll(t, append(mine, amara)...)
}

func TestServer_Attack_LogNamesVerifiedMemberWithoutPty(t *testing.T) {
	ts, key := jonasServer(t, Config{})
	c := ts.login(t, key)
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	sess.Stderr = &stderr
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	_ = sess.Wait()
	_ = c.Close()
	ts.waitLog(t, "member=jonas", `end="refused: no terminal"`)
}

// publishSave does what a save on the Plan screen does: the hub tells the
// sessions something changed.
func (ts *testServer) publishSave() { ts.hub.Publish(ui.Event{Kind: ui.EventChanged}) }
