package serve

import (
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// Bounds on what one session may ask of the server. A client chooses every
// number in its requests; these keep what the server allocates for one
// session to a few MiB whatever it sends.
const (
	// MaxWidth and MaxHeight clamp a terminal's size in cells: no screen
	// shows more, and every frame the server draws is at most this big.
	MaxWidth, MaxHeight = 1000, 500
	// maxEnvVars is how many environment variables a session keeps; later
	// ones are refused.
	maxEnvVars = 32
	// maxEnvBytes bounds one variable's name and value together.
	maxEnvBytes = 1024
	// maxTermName bounds the TERM a pty request names.
	maxTermName = 64
)

// channelSession is one SSH "session" channel. align handles the channel's
// requests itself rather than with the ssh package's default handler,
// which keeps every environment variable, passes any window size through
// and accepts agent forwarding: here a session gets one pty, a bounded
// environment, sizes clamped to MaxWidth×MaxHeight, window changes
// coalesced to the latest, and a refusal for every request align does not
// use (agent and X11 forwarding, subsystems, signals, breaks).
type channelSession struct {
	gossh.Channel
	ctx ssh.Context

	// Set while requests arrive, before the handler starts; read by the
	// handler only after (the shell request starts it).
	pty     ssh.Pty
	hasPty  bool
	env     []string
	command string

	win  chan ssh.Window // one slot: the latest size, replaced, never queued
	once sync.Once       // Exit
}

// errExited is Exit called a second time.
var errExited = errors.New("the session already exited")

// sessionChannel is the ssh server's handler for "session" channels. A
// connection may hold at most maxPerConn of them at once; the rest are
// rejected before anything is allocated.
func (srv *Server) sessionChannel(_ *ssh.Server, _ *gossh.ServerConn, nc gossh.NewChannel, ctx ssh.Context) {
	info := connInfoOf(ctx)
	if !info.openChannel(srv.cfg.MaxPerMember) {
		_ = nc.Reject(gossh.ResourceShortage, fmt.Sprintf("at most %d sessions per connection", srv.cfg.MaxPerMember))
		return
	}
	defer info.closeChannel()
	ch, reqs, err := nc.Accept()
	if err != nil {
		return
	}
	cs := &channelSession{Channel: ch, ctx: ctx, win: make(chan ssh.Window, 1)}
	started := make(chan struct{})
	running := false
	for req := range reqs {
		ok, start := false, false
		switch req.Type {
		case "pty-req":
			ok = !running && !cs.hasPty && cs.setPty(req.Payload)
		case "env":
			ok = !running && cs.addEnv(req.Payload)
		case "window-change":
			ok = cs.hasPty && cs.resize(req.Payload)
		case "shell", "exec":
			if running {
				break
			}
			if req.Type == "exec" {
				var cmd struct{ Command string }
				if gossh.Unmarshal(req.Payload, &cmd) != nil {
					break
				}
				cs.command = cmd.Command
			}
			ok, running, start = true, true, true
		}
		// Every other request (auth-agent-req@openssh.com, x11-req,
		// subsystem, signal, break, …) is refused: align uses none.
		if req.WantReply {
			_ = req.Reply(ok, nil)
		}
		if start { // after the reply: the handler may close the channel
			go func() {
				defer close(started)
				srv.handle(cs)
				_ = cs.Exit(0)
			}()
		}
	}
	close(cs.win) // the handler reads it with ok; only this loop sends
	if running {
		<-started
	}
	_ = ch.Close()
}

// setPty takes a pty-req's terminal and size, clamped.
func (cs *channelSession) setPty(payload []byte) bool {
	var p struct {
		Term                      string
		Columns, Rows, XPix, YPix uint32
		Modes                     string
	}
	if gossh.Unmarshal(payload, &p) != nil || len(p.Term) > maxTermName {
		return false
	}
	cs.pty = ssh.Pty{Term: p.Term, Window: clampWindow(p.Columns, p.Rows)}
	cs.hasPty = true
	cs.win <- cs.pty.Window
	return true
}

// addEnv keeps one environment variable, within maxEnvVars and maxEnvBytes.
func (cs *channelSession) addEnv(payload []byte) bool {
	var kv struct{ Key, Value string }
	if len(cs.env) >= maxEnvVars || len(payload) > maxEnvBytes+8 || gossh.Unmarshal(payload, &kv) != nil {
		return false
	}
	if len(kv.Key)+len(kv.Value) > maxEnvBytes || kv.Key == "" {
		return false
	}
	cs.env = append(cs.env, kv.Key+"="+kv.Value)
	return true
}

// resize replaces the pending window size with a window-change's, clamped:
// however many arrive, the handler sees only the latest.
func (cs *channelSession) resize(payload []byte) bool {
	var w struct{ Columns, Rows, XPix, YPix uint32 }
	if gossh.Unmarshal(payload, &w) != nil {
		return false
	}
	win := clampWindow(w.Columns, w.Rows)
	select {
	case <-cs.win: // drop the size not yet taken
	default:
	}
	cs.win <- win
	return true
}

// clampWindow turns a requested size into one the screen can draw.
func clampWindow(cols, rows uint32) ssh.Window {
	return ssh.Window{Width: int(min(cols, MaxWidth)), Height: int(min(rows, MaxHeight))}
}

// Context is the connection's context.
func (cs *channelSession) Context() ssh.Context { return cs.ctx }

// PublicKey is the key that authenticated the connection, or nil.
func (cs *channelSession) PublicKey() ssh.PublicKey {
	k, _ := cs.ctx.Value(ssh.ContextKeyPublicKey).(ssh.PublicKey)
	return k
}

// Pty returns the terminal, the channel of window sizes (the first is the
// pty request's) and whether a terminal was requested.
func (cs *channelSession) Pty() (ssh.Pty, <-chan ssh.Window, bool) {
	return cs.pty, cs.win, cs.hasPty
}

// Environ is the client's environment and its TERM.
func (cs *channelSession) Environ() []string {
	env := append([]string(nil), cs.env...)
	if cs.hasPty {
		env = append(env, "TERM="+cs.pty.Term)
	}
	return env
}

// Write writes to the client's terminal; as on a terminal, \n becomes \r\n.
func (cs *channelSession) Write(p []byte) (int, error) {
	if cs.hasPty {
		return ssh.NewPtyWriter(cs.Channel).Write(p)
	}
	return cs.Channel.Write(p)
}

// Stderr is the channel's error stream, with \n as \r\n on a terminal.
func (cs *channelSession) Stderr() io.ReadWriter {
	if cs.hasPty {
		return ssh.NewPtyReadWriter(cs.Channel.Stderr())
	}
	return cs.Channel.Stderr()
}

// Exit sends the exit status and closes the channel; only the first call
// does anything.
func (cs *channelSession) Exit(code int) error {
	err := errExited
	cs.once.Do(func() {
		status := struct{ Status uint32 }{uint32(code)}
		_, err = cs.SendRequest("exit-status", false, gossh.Marshal(&status))
		if cerr := cs.Channel.Close(); err == nil {
			err = cerr
		}
	})
	return err
}
