package serve

import (
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"sync"
	"time"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/align-team/align/views"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// restoreTerminal puts a client's terminal back after a crash: leave the
// alternate screen, show the cursor, stop mouse and paste reporting, reset
// colours.
const restoreTerminal = "\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?2004l\x1b[0m\x1b[?25h\x1b[?1049l\r\n"

// sessionModel is what a session runs: views.App, or a test's wrapper.
type sessionModel interface {
	tea.Model
	// Close drains the model's queued writes, up to timeout.
	Close(timeout time.Duration) bool
	// Err is the error that ended the model, if any.
	Err() error
}

// session is one running terminal UI, with who runs it as the server
// last checked (see Server.recheckMembers).
type session struct {
	program *tea.Program
	member  model.Member
	key     ssh.PublicKey

	mu          sync.Mutex
	why         string // why the server ended it, if it did
	facilitator bool   // the role the program runs with
	revoked     bool   // the member lost access: close the connection too
}

// stop ends the session's program, recording why; the first reason wins.
func (s *session) stop(why string) {
	s.mu.Lock()
	if s.why == "" {
		s.why = why
	}
	s.mu.Unlock()
	s.program.Quit()
}

// reason returns why the server ended the session, or "".
func (s *session) reason() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.why
}

// handle serves one SSH session: check the terminal and the member, take a
// slot, run the terminal UI, drain its writes. It never panics: a crash
// ends this session only, with the client's terminal restored.
func (srv *Server) handle(sess *channelSession) {
	info := connInfoOf(sess.Context())
	info.begin()
	defer info.finish()
	defer func() {
		if r := recover(); r != nil {
			srv.log.printf("%s panic in the session of %s: %v\n%s", srv.now().UTC().Format(time.RFC3339), info.remote, r, debug.Stack())
			info.setEnd("crashed: internal error (terminal restored)")
			_, _ = io.WriteString(sess, restoreTerminal)
			fmt.Fprintln(sess.Stderr(), "align: the session stopped on an internal error; your terminal was restored and nothing saved was lost. Please reconnect.")
			_ = sess.Exit(1)
		}
	}()
	pty, winCh, ok := sess.Pty()
	if !ok {
		srv.refuse(sess, info, "refused: no terminal", "align needs a terminal: connect with `ssh -t` and no command")
		return
	}
	if sess.command != "" {
		srv.refuse(sess, info, "refused: a command was given", "align serve runs the review screen only: connect without a command")
		return
	}
	key := info.verifiedKey() // the key the client proved it holds
	member, err := srv.memberOf(key)
	if err != nil {
		srv.refuse(sess, info, "refused: "+err.Error(), refusalMessage)
		return
	}
	info.setMember(member.Handle, gossh.FingerprintSHA256(key))
	switch srv.acquire(member) {
	case slotServerFull:
		srv.refuse(sess, info, "refused: server full",
			fmt.Sprintf("align: this server already has %d sessions (its --max-sessions); try again later", srv.cfg.MaxSessions))
		return
	case slotMemberFull:
		srv.refuse(sess, info, "refused: member has too many sessions",
			fmt.Sprintf("align: @%s already has %s open here (the server's --max-per-member); close one and try again", member.Handle, export.Plural(srv.cfg.MaxPerMember, "session", "sessions")))
		return
	}
	defer srv.release(member)
	srv.run(sess, info, pty, winCh, member, key)
}

// refuse tells the client why in one line on stderr and ends the session.
func (srv *Server) refuse(sess *channelSession, info *connInfo, logged, told string) {
	info.setEnd(logged)
	fmt.Fprintln(sess.Stderr(), told)
	_ = sess.Exit(1)
}

// run runs the terminal UI for the member in sess until they quit, the
// connection drops, the session idles out or the server shuts down.
func (srv *Server) run(sess *channelSession, info *connInfo, pty ssh.Pty, winCh <-chan ssh.Window, member model.Member, key ssh.PublicKey) {
	in := newSessionInput(sess, time.Now())
	defer in.Close()
	dark, _ := in.queryBackground(sess, srv.cfg.queryTimeout)
	model := srv.cfg.newModel(views.Options{
		// Every save is checked, in its transaction, against the member as
		// stored then: a session removed or demoted a moment ago writes nothing.
		// The key's member goes down by id: nothing looks the handle up again.
		Store: srv.cfg.Store.As(member.ID), Now: srv.cfg.Now, As: member.ID,
		Renderer: newRenderer(sess, pty, dark),
		Width:    pty.Window.Width, Height: pty.Window.Height, Facilitator: member.Facilitator,
		Hub: srv.hub, Tick: time.Second, // the Review timer redraws every second
		Advice: srv.cfg.Advice,
	})
	p := tea.NewProgram(model,
		tea.WithInput(in), tea.WithOutput(sess),
		tea.WithAltScreen(), tea.WithMouseCellMotion(), tea.WithoutSignalHandler())
	// Others' saves and the facilitator's focus arrive as messages. They
	// redraw the screen but are not input: the idle timeout counts only
	// the member's own keys (sessionInput).
	unsubscribe := srv.hub.Subscribe(p.Send)
	defer unsubscribe()
	s := &session{program: p, member: member, key: key, facilitator: member.Facilitator}
	if !srv.track(s, true) {
		info.setEnd("refused: server shutting down")
		fmt.Fprintln(sess.Stderr(), "align: the server is shutting down; try again in a moment")
		_ = sess.Exit(1)
		return
	}
	defer srv.track(s, false)
	srv.pokeMembers() // a change saved since the login ends this session too

	done := make(chan struct{})
	defer close(done)
	go srv.watch(s, sess, in, winCh, done)

	final, runErr := p.Run()
	if f, ok := final.(sessionModel); ok {
		model = f // its Close records the Review timer's running minutes
	}
	drained := model.Close(srv.cfg.DrainTimeout)
	end, code, told := "quit", 0, ""
	switch {
	case errors.Is(runErr, tea.ErrProgramPanic):
		end, code = "crashed: panic in the terminal UI (terminal restored)", 1
		told = "align: the screen stopped on an internal error; your terminal was restored. Please reconnect."
	case model.Err() != nil:
		end, code = "crashed: "+model.Err().Error(), 1
		told = "align: the screen stopped on an internal error: " + model.Err().Error()
	case s.reason() != "":
		end = s.reason()
		told = "align: " + end
	case runErr != nil && !errors.Is(runErr, tea.ErrInterrupted):
		end, code = "ended: "+runErr.Error(), 1
	}
	if !drained {
		end += "; some saves did not finish in time"
		srv.log.printf("%s member=%s: saves still queued after %s\n", srv.now().UTC().Format(time.RFC3339), member.Handle, srv.cfg.DrainTimeout)
	}
	info.setEnd(end)
	if told != "" {
		fmt.Fprintln(sess.Stderr(), told)
	}
	_ = sess.Exit(code)
	if s.wasRevoked() {
		if conn, ok := sess.ctx.Value(ssh.ContextKeyConn).(gossh.Conn); ok {
			_ = conn.Close()
		}
	}
}

// watch forwards window changes to the program and stops it when the
// client goes away, when it has sent nothing for the idle timeout, or when
// its input ends.
func (srv *Server) watch(s *session, sess *channelSession, in *sessionInput, winCh <-chan ssh.Window, done <-chan struct{}) {
	tick := time.NewTicker(srv.idleCheck())
	defer tick.Stop()
	// At most windowChangesPerSecond sizes reach the program: after one,
	// the channel rests; the latest size waits in its one slot.
	rest := time.NewTimer(0)
	defer rest.Stop()
	sizes := winCh
	for {
		select {
		case <-rest.C:
			sizes = winCh
		case <-done:
			return
		case <-sess.Context().Done():
			s.stop("disconnected")
			return
		case <-in.ended:
			s.stop("disconnected")
			return
		case w, ok := <-sizes:
			if !ok {
				sizes, winCh = nil, nil
				continue
			}
			s.program.Send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height})
			sizes = nil
			rest.Reset(time.Second / windowChangesPerSecond)
		case <-tick.C:
			if idle := time.Since(in.idleSince()); idle >= srv.cfg.IdleTimeout {
				s.stop(fmt.Sprintf("closed after %s without input (--idle-timeout)", srv.cfg.IdleTimeout))
				return
			}
		}
	}
}

// windowChangesPerSecond bounds the redraws a client's window changes
// cause; a faster stream is coalesced to its latest size.
const windowChangesPerSecond = 10

// idleCheck is how often a session's idle time is checked: often enough
// that a session closes within a few percent of the timeout.
func (srv *Server) idleCheck() time.Duration {
	return min(max(srv.cfg.IdleTimeout/20, 10*time.Millisecond), 30*time.Second)
}
