package serve

import (
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/align-team/align/model"
	"github.com/charmbracelet/ssh"
	"github.com/google/uuid"
	gossh "golang.org/x/crypto/ssh"
)

// maxOfferedLogged caps the unknown key fingerprints one refusal logs.
const maxOfferedLogged = 3

// connInfoKey finds a connection's *connInfo in its ssh.Context.
type connInfoKey struct{}

// connInfo is what the log line of one connection says. The session
// handler fills in the member from the key that actually authenticated;
// the auth callbacks only note refused keys, never an identity.
type connInfo struct {
	remote string
	addr   string // the source address its caps count against
	start  time.Time

	mu      sync.Mutex
	member  string
	key     string
	end     string
	offered []string
	told    bool // the refusal was shown

	memberID uuid.UUID     // set once the key is verified
	verified ssh.PublicKey // the key that logged in, nil before
	channels int           // session channels open

	handlers int               // session handlers still running
	closed   bool              // the connection is closed
	once     sync.Once         // logs the line once
	done     func(c *connInfo) // logs the line and frees the slot
}

// begin notes a session handler starting on the connection.
func (c *connInfo) begin() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.handlers++
}

// finish notes a session handler ending; the connection's line is logged
// once it is closed and its handlers are done, so that it says how the
// session ended even when the client hung up first.
func (c *connInfo) finish() {
	c.mu.Lock()
	c.handlers--
	last := c.closed && c.handlers == 0
	c.mu.Unlock()
	if last {
		c.once.Do(func() { c.done(c) })
	}
}

// close notes the connection closing.
func (c *connInfo) close() {
	c.mu.Lock()
	c.closed = true
	last := c.handlers == 0
	c.mu.Unlock()
	if last {
		c.once.Do(func() { c.done(c) })
	}
}

// tellOnce reports whether the refusal is still to be shown on this
// connection, and marks it shown.
func (c *connInfo) tellOnce() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	first := !c.told
	c.told = true
	return first
}

// login records the member whose key the client proved it holds.
func (c *connInfo) login(m model.Member, key ssh.PublicKey) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.memberID, c.verified = m.ID, key
	c.member, c.key = m.Handle, gossh.FingerprintSHA256(key)
}

// loggedIn returns the member of a logged-in connection.
func (c *connInfo) loggedIn() (uuid.UUID, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.memberID, c.verified != nil
}

// verifiedKey is the key that logged in, or nil.
func (c *connInfo) verifiedKey() ssh.PublicKey {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.verified
}

// openChannel counts a session channel opening, if fewer than max are.
func (c *connInfo) openChannel(max int) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.channels >= max {
		return false
	}
	c.channels++
	return true
}

// closeChannel counts a session channel closed.
func (c *connInfo) closeChannel() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.channels--
}

// setMember records who the connection is, from the verified key.
func (c *connInfo) setMember(handle, fingerprint string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.member, c.key = handle, fingerprint
}

// setEnd records why the connection ended; the first reason wins.
func (c *connInfo) setEnd(why string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.end == "" {
		c.end = why
	}
}

// refused notes an offered key that no active member registered.
func (c *connInfo) refused(fingerprint string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, f := range c.offered {
		if f == fingerprint {
			return
		}
	}
	if len(c.offered) < maxOfferedLogged {
		c.offered = append(c.offered, fingerprint)
	}
}

// line formats the connection's log line: time, member handle, key
// fingerprint, remote address, duration and how it ended. Key material
// never appears, only SHA256 fingerprints.
func (c *connInfo) line(now time.Time) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	member, key, end := c.member, c.key, c.end
	if member == "" {
		member = "-"
	}
	if key == "" {
		key = "-"
	}
	if end == "" {
		end = "disconnected before logging in"
		if c.member != "" || c.handlers > 0 {
			end = "disconnected"
		} else if len(c.offered) > 0 {
			end = "refused: key not registered (offered " + strings.Join(c.offered, ", ") + ")"
		}
	}
	return fmt.Sprintf("%s member=%s key=%s remote=%s duration=%s end=%q\n",
		now.UTC().Format(time.RFC3339), member, key, c.remote, now.Sub(c.start).Round(time.Millisecond), end)
}

// connInfoOf returns the connection's info (never nil).
func connInfoOf(ctx ssh.Context) *connInfo {
	if c, ok := ctx.Value(connInfoKey{}).(*connInfo); ok {
		return c
	}
	return &connInfo{done: func(*connInfo) {}}
}

// trackedConn is a client connection: closing it leads to its log line
// (see connInfo.close), and it holds the deadline to the login grace until
// the client has logged in.
type trackedConn struct {
	net.Conn
	info     *connInfo
	deadline time.Time     // the login grace's end
	grace    time.Duration // for the log
	once     sync.Once
}

// SetDeadline keeps a connection that has not logged in within the login
// grace.
func (c *trackedConn) SetDeadline(t time.Time) error {
	if _, in := c.info.loggedIn(); !in && (t.IsZero() || t.After(c.deadline)) {
		t = c.deadline
	}
	return c.Conn.SetDeadline(t)
}

// Read reads, noting a login that ran out of time.
func (c *trackedConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		if _, in := c.info.loggedIn(); !in {
			c.info.setEnd(fmt.Sprintf("refused: did not log in within the login grace (%s)", c.grace))
		}
	}
	return n, err
}

// Close closes the connection.
func (c *trackedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.info.close)
	return err
}

// logWriter serialises whole lines to one writer.
type logWriter struct {
	mu sync.Mutex
	w  io.Writer
}

// printf writes one formatted line.
func (l *logWriter) printf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(l.w, format, args...)
}
