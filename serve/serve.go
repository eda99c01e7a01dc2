// Package serve runs align's terminal UI for several members at once over
// SSH (`align serve`), on one workspace that this process alone holds open.
//
// Members log in with a public key they registered (`align member key
// add`); the key that actually authenticated decides who they are, for the
// whole session. Password and keyboard-interactive logins never succeed:
// keyboard-interactive only carries the one-line refusal that tells a
// client with no registered key what to do. Each session gets its own
// renderer from the client's terminal, its own views.App, and its own
// write queue, drained when the session ends.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"sync"
	"time"

	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	"github.com/align-team/align/views"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	"github.com/google/uuid"
	gossh "golang.org/x/crypto/ssh"
)

// Defaults of Config.
const (
	// DefaultListen is loopback only: reaching the server from other
	// machines is an explicit --listen choice.
	DefaultListen = "127.0.0.1:2222"
	// DefaultIdleTimeout closes a session after this long without input.
	DefaultIdleTimeout = 30 * time.Minute
	// DefaultMaxSessions caps concurrent terminal sessions.
	DefaultMaxSessions = 32
	// DefaultDrainTimeout bounds the wait for a session's queued saves.
	DefaultDrainTimeout = 5 * time.Second
	// DefaultMaxPerMember caps one member's concurrent sessions, across
	// all their connections.
	DefaultMaxPerMember = 3
	// DefaultLoginGrace bounds how long a connection may take to log in.
	DefaultLoginGrace = 10 * time.Second
	// DefaultMaxUnauthPerAddr caps the connections from one address that
	// are logging in at once; as many again wait for a place, the rest
	// are closed at once.
	DefaultMaxUnauthPerAddr = 10
)

// refusalMessage is the one line a client without a registered key sees.
const refusalMessage = "align: your SSH key is not registered for an active member here; ask the facilitator to register it: align member key add YOUR_HANDLE --file ~/.ssh/id_ed25519.pub"

// Config is how one server runs.
type Config struct {
	// Store is the workspace, opened writable and shared by every session.
	// The caller closes it after Serve returns.
	Store *store.Store
	// Listen is the TCP address; empty means DefaultListen.
	Listen string
	// HostKeyPath is the host key file, created on first use.
	HostKeyPath string
	// IdleTimeout closes a session that sent no input for this long;
	// zero means DefaultIdleTimeout.
	IdleTimeout time.Duration
	// MaxSessions caps concurrent terminal sessions; zero means
	// DefaultMaxSessions.
	MaxSessions int
	// MaxPerMember caps one member's concurrent sessions, and (at twice
	// that) their logged-in connections; zero means DefaultMaxPerMember.
	MaxPerMember int
	// LoginGrace bounds how long a connection may take to log in; zero
	// means DefaultLoginGrace.
	LoginGrace time.Duration
	// MaxUnauthPerAddr caps one source address's connections that are
	// logging in at once (as many again wait); zero means
	// DefaultMaxUnauthPerAddr.
	MaxUnauthPerAddr int
	// DrainTimeout bounds the wait for a closing session's queued saves;
	// zero means DefaultDrainTimeout.
	DrainTimeout time.Duration
	// Log receives one line per connection and the server's notices;
	// nil means standard error.
	Log io.Writer
	// Advice, when set, words what a member can do about an error their
	// screen shows (views.Options.Advice); nil adds none.
	Advice func(error) string
	// Now is the clock of the terminal UIs; nil means time.Now.
	Now func() time.Time

	newModel     func(views.Options) sessionModel // tests swap in a wrapper
	queryTimeout time.Duration                    // the background query's wait
}

// Server is a configured SSH server for the terminal UI.
type Server struct {
	cfg     Config
	ssh     *ssh.Server
	hostKey gossh.Signer
	log     *logWriter
	hub     *views.Hub // every session's live updates

	mu        sync.Mutex
	sessions  map[*session]bool
	active    int               // sessions holding a slot
	perMember map[uuid.UUID]int // sessions per member
	adm       admission         // connections, by state
	closing   bool
	handlers  sync.WaitGroup

	membersChanged chan struct{}  // one slot: check the sessions' members
	loggedIn       sync.WaitGroup // logged-in connections not yet logged

}

// New checks cfg, loads (or creates) the host key and builds the server. It
// does not listen yet.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("serve: no workspace given")
	}
	if cfg.Store.ReadOnly() {
		return nil, errors.New("serve: the workspace must be opened for writing")
	}
	if cfg.HostKeyPath == "" {
		cfg.HostKeyPath = DefaultHostKeyPath(cfg.Store.Path())
	}
	if cfg.Listen == "" {
		cfg.Listen = DefaultListen
	}
	switch {
	case cfg.IdleTimeout == 0:
		cfg.IdleTimeout = DefaultIdleTimeout
	case cfg.IdleTimeout < 0:
		return nil, fmt.Errorf("--idle-timeout %s is negative; give a duration such as 30m", cfg.IdleTimeout)
	}
	switch {
	case cfg.MaxSessions == 0:
		cfg.MaxSessions = DefaultMaxSessions
	case cfg.MaxSessions < 0:
		return nil, fmt.Errorf("--max-sessions %d is negative; give at least 1", cfg.MaxSessions)
	}
	if err := cfg.admissionDefaults(); err != nil {
		return nil, err
	}
	if cfg.DrainTimeout <= 0 {
		cfg.DrainTimeout = DefaultDrainTimeout
	}
	if cfg.Log == nil {
		cfg.Log = os.Stderr
	}
	if cfg.newModel == nil {
		cfg.newModel = func(o views.Options) sessionModel { return views.New(o) }
	}
	if cfg.queryTimeout <= 0 {
		cfg.queryTimeout = queryTimeout
	}
	signer, err := LoadOrCreateHostKey(cfg.HostKeyPath)
	if err != nil {
		return nil, err
	}
	srv := &Server{cfg: cfg, hostKey: signer, log: &logWriter{w: cfg.Log}, hub: views.NewHub(),
		sessions: map[*session]bool{}, perMember: map[uuid.UUID]int{}, adm: newAdmission(),
		membersChanged: make(chan struct{}, 1)}
	srv.ssh, err = wish.NewServer(
		ssh.PublicKeyAuth(srv.authorize),
		ssh.KeyboardInteractiveAuth(srv.explainRefusal),
		// The connection's own timeout only backs up the sessions' (which
		// counts keystrokes, not traffic) for connections without one.
		wish.WithIdleTimeout(cfg.IdleTimeout+cfg.LoginGrace),
		func(s *ssh.Server) error { s.AddHostKey(signer); return nil },
	)
	if err != nil {
		return nil, err
	}
	srv.ssh.Version = "align"
	srv.ssh.ConnCallback = srv.accept
	srv.ssh.ServerConfigCallback = func(ctx ssh.Context) *gossh.ServerConfig {
		return &gossh.ServerConfig{MaxAuthTries: 6, VerifiedPublicKeyCallback: srv.verified(ctx)}
	}
	// Sessions are align's own (channel.go); no other channel type, and no
	// global request (port forwarding), is accepted.
	srv.ssh.ChannelHandlers = map[string]ssh.ChannelHandler{"session": srv.sessionChannel}
	srv.ssh.RequestHandlers = map[string]ssh.RequestHandler{}
	return srv, nil
}

// HostKeyFingerprint is the host key's SHA256 fingerprint, which members
// compare with what ssh shows on their first connection.
func (srv *Server) HostKeyFingerprint() string {
	return gossh.FingerprintSHA256(srv.hostKey.PublicKey())
}

// Run listens on cfg.Listen and serves until ctx is done.
func Run(ctx context.Context, cfg Config) error {
	srv, err := New(cfg)
	if err != nil {
		return err
	}
	return srv.ListenAndServe(ctx)
}

// ListenAndServe listens on the configured address and serves until ctx is
// done.
func (srv *Server) ListenAndServe(ctx context.Context) error {
	ln, err := net.Listen("tcp", srv.cfg.Listen)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %v; pick another with --listen HOST:PORT", srv.cfg.Listen, err)
	}
	return srv.Serve(ctx, ln)
}

// Serve accepts connections on ln until ctx is done, then stops accepting,
// ends every session (each drains its saves) and returns. The store stays
// open: the caller closes it.
func (srv *Server) Serve(ctx context.Context, ln net.Listener) error {
	addr := ln.Addr().String()
	srv.log.printf("%s align serve listening on %s (host key %s, idle timeout %s, at most %d sessions)\n",
		srv.now().UTC().Format(time.RFC3339), addr, srv.HostKeyFingerprint(), srv.cfg.IdleTimeout, srv.cfg.MaxSessions)
	if !isLoopback(addr) {
		srv.log.printf("%s warning: %s is reachable from other machines; anyone who can reach it may try to log in (only registered keys get in)\n",
			srv.now().UTC().Format(time.RFC3339), addr)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.ssh.Serve(ln) }()
	watching := make(chan struct{})
	defer close(watching)
	go srv.watchMembers(watching)
	select {
	case err := <-errc:
		srv.shutdown(ln)
		return fmt.Errorf("the server stopped: %w", err)
	case <-ctx.Done():
	}
	srv.shutdown(ln)
	<-errc // the closed listener's error
	return nil
}

// shutdown stops new sessions, asks every running one to quit, closes the
// listener, waits (up to the drain timeout and a margin) for the sessions'
// saves, then closes every connection.
func (srv *Server) shutdown(ln net.Listener) {
	srv.mu.Lock()
	srv.closing = true
	close(srv.adm.freed) // connections waiting to log in give up
	srv.adm.freed = make(chan struct{})
	running := make([]*session, 0, len(srv.sessions))
	for s := range srv.sessions {
		running = append(running, s)
	}
	srv.mu.Unlock()
	for _, s := range running {
		s.stop("the server is shutting down")
	}
	// Closing the listener ourselves, not with ssh.Server.Shutdown, whose
	// wait races with a Serve that has just started.
	_ = ln.Close()
	done := make(chan struct{})
	go func() { srv.handlers.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(srv.cfg.DrainTimeout + 2*time.Second):
		srv.mu.Lock()
		n := len(srv.sessions)
		srv.mu.Unlock()
		srv.log.printf("%s %d sessions did not finish in time\n", srv.now().UTC().Format(time.RFC3339), n)
	}
	_ = srv.ssh.Close()
	srv.waitLoggedIn(time.Second) // their log lines say why they ended
}

// authorize is the public key callback. x/crypto calls it for every key a
// client offers, including keys it merely asks about without proving that
// it holds them (the query step), so it must not decide who the client is:
// it only answers whether some active member registered the key. Identity is
// taken later from the key that signed (Session.PublicKey).
func (srv *Server) authorize(ctx ssh.Context, key ssh.PublicKey) bool {
	_, err := srv.memberOf(key)
	if errors.Is(err, ErrUnknownKey) {
		connInfoOf(ctx).refused(gossh.FingerprintSHA256(key))
	} else if err != nil {
		srv.log.printf("%s remote=%s key=%s refused: %v\n", srv.now().UTC().Format(time.RFC3339), ctx.RemoteAddr(), gossh.FingerprintSHA256(key), err)
	}
	return err == nil
}

// explainRefusal is the keyboard-interactive callback. OpenSSH tries it only
// after every key it has was refused, so it is where a client without a
// registered key learns what to do: one line, no questions, and always a
// failed login. OpenSSH retries keyboard-interactive (three times by
// default); the line is shown on the first try only.
func (srv *Server) explainRefusal(ctx ssh.Context, challenge gossh.KeyboardInteractiveChallenge) bool {
	if connInfoOf(ctx).tellOnce() {
		_, _ = challenge("", refusalMessage, nil, nil)
	}
	return false
}

// memberOf looks key up among the workspace's members as they are now, so
// that a member removed while the server runs cannot log in again.
func (srv *Server) memberOf(key ssh.PublicKey) (model.Member, error) {
	members, err := srv.cfg.Store.Members()
	if err != nil {
		return model.Member{}, fmt.Errorf("reading the members: %w", err)
	}
	return MemberForKey(members, key)
}

// track adds (or removes) a running session; adding fails once the server
// is shutting down. Shutdown waits for every tracked session.
func (srv *Server) track(s *session, add bool) bool {
	srv.mu.Lock()
	defer srv.mu.Unlock()
	if !add {
		delete(srv.sessions, s)
		srv.handlers.Done()
		return true
	}
	if srv.closing {
		return false
	}
	srv.sessions[s] = true
	srv.handlers.Add(1)
	return true
}

// now is the log's clock.
func (srv *Server) now() time.Time { return time.Now() }

// isLoopback reports whether addr (host:port) listens on loopback only.
func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
