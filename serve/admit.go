package serve

import (
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/charmbracelet/ssh"
	"github.com/google/uuid"
	gossh "golang.org/x/crypto/ssh"
)

// maxUnauthTotal caps the connections, from all addresses together, that
// are still logging in: a bound on memory whatever the number of sources.
const maxUnauthTotal = 256

// admission counts open connections by state. A connection that has not
// logged in counts against its source address (so that a flood from one
// address never takes the places of others) and lasts at most the login
// grace; once its key is verified it counts against its member instead.
// Sessions have their own caps (Server.acquire). Guarded by Server.mu.
type admission struct {
	unauth      map[string]int    // not logged in yet, by source address
	unauthTotal int               // not logged in yet, in all
	waiting     map[string]int    // waiting to start logging in, by address
	freed       chan struct{}     // closed (and replaced) when a login ends
	members     map[uuid.UUID]int // logged in, by member

	lastRefusal time.Time // when a refusal was last logged
	quiet       int       // refusals not logged since
}

func newAdmission() admission {
	return admission{unauth: map[string]int{}, waiting: map[string]int{}, members: map[uuid.UUID]int{}, freed: make(chan struct{})}
}

// admissionDefaults fills in and checks the caps of Config.
func (cfg *Config) admissionDefaults() error {
	switch {
	case cfg.MaxPerMember == 0:
		cfg.MaxPerMember = DefaultMaxPerMember
	case cfg.MaxPerMember < 0:
		return fmt.Errorf("--max-per-member %d is negative; give at least 1", cfg.MaxPerMember)
	}
	switch {
	case cfg.LoginGrace == 0:
		cfg.LoginGrace = DefaultLoginGrace
	case cfg.LoginGrace < 0:
		return fmt.Errorf("--login-grace %s is negative; give a duration such as 10s", cfg.LoginGrace)
	}
	switch {
	case cfg.MaxUnauthPerAddr == 0:
		cfg.MaxUnauthPerAddr = DefaultMaxUnauthPerAddr
	case cfg.MaxUnauthPerAddr < 0:
		return fmt.Errorf("the cap on connections logging in from one address (%d) is negative", cfg.MaxUnauthPerAddr)
	}
	return nil
}

// sourceAddr is the address a connection's caps count against: its IP.
func sourceAddr(a net.Addr) string {
	if tcp, ok := a.(*net.TCPAddr); ok {
		return tcp.IP.String()
	}
	host, _, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	return host
}

// accept admits a connection while its source address has fewer than
// MaxUnauthPerAddr connections still logging in (and the server fewer than
// maxUnauthTotal). Beyond that, as many again from one address wait, up
// to the login grace, for one of its logins to finish, so that a team
// behind one address joining at the same moment gets in; the rest are
// closed at once, before any SSH traffic. It starts the login grace and
// arranges the connection's log line.
func (srv *Server) accept(ctx ssh.Context, conn net.Conn) net.Conn {
	addr := sourceAddr(conn.RemoteAddr())
	start := time.Now()
	if why := srv.admit(addr, start.Add(srv.cfg.LoginGrace)); why != "" {
		srv.logRefusal(conn.RemoteAddr(), why)
		return nil
	}
	info := &connInfo{remote: conn.RemoteAddr().String(), addr: addr, start: start, done: srv.closed}
	ctx.SetValue(connInfoKey{}, info)
	return &trackedConn{Conn: conn, info: info, deadline: start.Add(srv.cfg.LoginGrace), grace: srv.cfg.LoginGrace}
}

// admit counts a connection from addr as logging in, waiting until
// deadline for a place if its address has none; it returns why not, or "".
func (srv *Server) admit(addr string, deadline time.Time) string {
	srv.mu.Lock()
	defer srv.mu.Unlock()
	waited := false
	defer func() {
		if waited {
			srv.adm.waiting[addr]--
			if srv.adm.waiting[addr] <= 0 {
				delete(srv.adm.waiting, addr)
			}
		}
	}()
	for {
		switch {
		case srv.closing:
			return "the server is shutting down"
		case srv.adm.unauthTotal >= maxUnauthTotal:
			return fmt.Sprintf("%d connections are already logging in", srv.adm.unauthTotal)
		case srv.adm.unauth[addr] < srv.cfg.MaxUnauthPerAddr:
			srv.adm.unauth[addr]++
			srv.adm.unauthTotal++
			return ""
		case !waited && srv.adm.waiting[addr] >= srv.cfg.MaxUnauthPerAddr:
			return fmt.Sprintf("%d connections from %s are already logging in and %d waiting", srv.adm.unauth[addr], addr, srv.adm.waiting[addr])
		}
		if !waited {
			waited = true
			srv.adm.waiting[addr]++
		}
		freed := srv.adm.freed
		srv.mu.Unlock()
		timer := time.NewTimer(time.Until(deadline))
		select {
		case <-freed:
		case <-timer.C:
		}
		timer.Stop()
		srv.mu.Lock()
		if !time.Now().Before(deadline) {
			return fmt.Sprintf("%d connections from %s are already logging in", srv.adm.unauth[addr], addr)
		}
	}
}

// logRefusal logs a refused connection; during a flood, at most one line a
// second, which counts the refusals it did not log.
func (srv *Server) logRefusal(remote net.Addr, why string) {
	now := time.Now()
	srv.mu.Lock()
	if now.Sub(srv.adm.lastRefusal) < time.Second {
		srv.adm.quiet++
		srv.mu.Unlock()
		return
	}
	quiet := srv.adm.quiet
	srv.adm.lastRefusal, srv.adm.quiet = now, 0
	srv.mu.Unlock()
	more := ""
	if quiet > 0 {
		more = fmt.Sprintf(" (and %d more refused in the last second)", quiet)
	}
	srv.log.printf("%s remote=%s refused: %s%s\n", now.UTC().Format(time.RFC3339), remote, why, more)
}

// errTooManyConnections is a member's login refused for their open
// connections.
var errTooManyConnections = errors.New("the member has too many connections open")

// verified returns the connection's VerifiedPublicKeyCallback: x/crypto
// calls it once the client has proved it holds the key (never for a mere
// query). That is when the connection is logged in: it names its member,
// leaves its address's count of connections logging in and its login
// grace, and counts against the member, who may hold at most twice
// MaxPerMember connections.
func (srv *Server) verified(ctx ssh.Context) func(gossh.ConnMetadata, gossh.PublicKey, *gossh.Permissions, string) (*gossh.Permissions, error) {
	return func(_ gossh.ConnMetadata, key gossh.PublicKey, perms *gossh.Permissions, _ string) (*gossh.Permissions, error) {
		info := connInfoOf(ctx)
		member, err := srv.memberOf(key)
		if err != nil {
			return nil, err
		}
		limit := 2 * srv.cfg.MaxPerMember
		srv.mu.Lock()
		if srv.closing {
			srv.mu.Unlock()
			return nil, errors.New("the server is shutting down")
		}
		if srv.adm.members[member.ID] >= limit {
			srv.mu.Unlock()
			info.setEnd(fmt.Sprintf("refused: @%s already has %s open", member.Handle, export.Plural(limit, "connection", "connections")))
			return nil, &gossh.BannerError{Err: errTooManyConnections,
				Message: fmt.Sprintf("align: @%s already has %s open here; close one and try again\n", member.Handle, export.Plural(limit, "connection", "connections"))}
		}
		srv.adm.members[member.ID]++
		srv.loggedIn.Add(1) // never once closing: shutdown waits on it
		srv.leaveUnauthLocked(info.addr)
		info.login(member, key)
		srv.mu.Unlock()
		return perms, nil
	}
}

// leaveUnauthLocked takes a connection off its address's count of
// connections logging in. srv.mu is held.
func (srv *Server) leaveUnauthLocked(addr string) {
	srv.adm.unauthTotal--
	if srv.adm.unauth[addr]--; srv.adm.unauth[addr] <= 0 {
		delete(srv.adm.unauth, addr)
	}
	close(srv.adm.freed) // wakes the connections waiting for a place
	srv.adm.freed = make(chan struct{})
}

// closed logs a connection's line and frees its place.
func (srv *Server) closed(c *connInfo) {
	srv.log.printf("%s", c.line(time.Now()))
	srv.mu.Lock()
	defer srv.mu.Unlock()
	id, in := c.loggedIn() // under srv.mu, as verified sets it
	if !in {
		srv.leaveUnauthLocked(c.addr)
		return
	}
	if srv.adm.members[id]--; srv.adm.members[id] <= 0 {
		delete(srv.adm.members, id)
	}
	srv.loggedIn.Done()
}

// waitLoggedIn waits, up to timeout, until every logged-in connection has
// closed and logged its line.
func (srv *Server) waitLoggedIn(timeout time.Duration) {
	done := make(chan struct{})
	go func() { srv.loggedIn.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(timeout):
	}
}

// slot is what Server.acquire found.
type slot int

const (
	slotTaken      slot = iota // the session holds a slot
	slotServerFull             // MaxSessions are running
	slotMemberFull             // the member runs MaxPerMember already
)

// acquire takes a session slot for m, if the server and m have one free.
func (srv *Server) acquire(m model.Member) slot {
	srv.mu.Lock()
	defer srv.mu.Unlock()
	switch {
	case srv.perMember[m.ID] >= srv.cfg.MaxPerMember:
		return slotMemberFull
	case srv.active >= srv.cfg.MaxSessions:
		return slotServerFull
	}
	srv.active++
	srv.perMember[m.ID]++
	return slotTaken
}

// release frees m's session slot.
func (srv *Server) release(m model.Member) {
	srv.mu.Lock()
	defer srv.mu.Unlock()
	srv.active--
	if srv.perMember[m.ID]--; srv.perMember[m.ID] <= 0 {
		delete(srv.perMember, m.ID)
	}
}
