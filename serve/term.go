package serve

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/muesli/termenv"
)

// queryTimeout bounds the wait for the client terminal's answer to the
// background colour query; a terminal that does not answer draws as dark.
const queryTimeout = time.Second

// Terminal queries: the background colour (OSC 11), then the primary device
// attributes (DA1), which every terminal answers, so its reply marks the end.
const (
	queryBackground = "\x1b]11;?\x07"
	queryDA1        = "\x1b[c"
)

// sessionInput carries a session's keystrokes to its program. One goroutine
// reads the session; the reader side can be closed to end the program's
// input loop, and it remembers when the client last sent anything, for the
// idle timeout. Bytes read during the background query that are not part
// of the terminal's answer are kept for the program: no keystroke is lost.
type sessionInput struct {
	chunks chan []byte
	done   chan struct{}
	ended  chan struct{} // closed when the session's input ends
	once   sync.Once
	last   atomic.Int64 // unix nanoseconds of the last input
	buf    []byte       // read but not yet returned; only the reading goroutine touches it
}

// newSessionInput starts reading r.
func newSessionInput(r io.Reader, now time.Time) *sessionInput {
	in := &sessionInput{chunks: make(chan []byte, 16), done: make(chan struct{}), ended: make(chan struct{})}
	in.last.Store(now.UnixNano())
	go in.pump(r)
	return in
}

// pump reads r until it fails or the input is closed.
func (in *sessionInput) pump(r io.Reader) {
	defer close(in.ended)
	defer close(in.chunks)
	for {
		b := make([]byte, 1024)
		n, err := r.Read(b)
		if n > 0 {
			in.last.Store(time.Now().UnixNano())
			select {
			case in.chunks <- b[:n]:
			case <-in.done:
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// Read implements io.Reader for the program.
func (in *sessionInput) Read(p []byte) (int, error) {
	if len(in.buf) == 0 {
		select {
		case b, ok := <-in.chunks:
			if !ok {
				return 0, io.EOF
			}
			in.buf = b
		case <-in.done:
			return 0, io.EOF
		}
	}
	n := copy(p, in.buf)
	in.buf = in.buf[n:]
	return n, nil
}

// Close ends the program's input; later reads return io.EOF.
func (in *sessionInput) Close() error {
	in.once.Do(func() { close(in.done) })
	return nil
}

// idleSince returns when the client last sent input.
func (in *sessionInput) idleSince() time.Time { return time.Unix(0, in.last.Load()) }

// queryBackground asks the terminal for its background colour and reports
// whether it is dark. It reads until the terminal's DA1 reply or the
// timeout, strips the replies, and keeps everything else for the program.
// ok is false when the terminal did not say.
func (in *sessionInput) queryBackground(w io.Writer, timeout time.Duration) (dark, ok bool) {
	if _, err := io.WriteString(w, queryBackground+queryDA1); err != nil {
		return true, false
	}
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	var got []byte
	for !hasDA1(got) {
		select {
		case b, open := <-in.chunks:
			if !open {
				in.buf = got
				return true, false
			}
			got = append(got, b...)
			continue
		case <-timer.C:
		case <-in.done:
		}
		break
	}
	dark, ok, rest := parseReplies(got)
	in.buf = rest
	return dark, ok
}

// hasDA1 reports whether b holds a DA1 reply, ESC [ ? … c.
func hasDA1(b []byte) bool {
	i := bytes.Index(b, []byte("\x1b[?"))
	return i >= 0 && bytes.IndexByte(b[i:], 'c') > 0
}

// parseReplies takes the OSC 11 and DA1 replies out of b and reads the
// background colour from the first.
func parseReplies(b []byte) (dark, ok bool, rest []byte) {
	dark = true
	if i := bytes.Index(b, []byte("\x1b]11;")); i >= 0 {
		body := b[i+5:]
		end, width := bytes.IndexByte(body, '\x07'), 1
		if st := bytes.Index(body, []byte("\x1b\\")); st >= 0 && (end < 0 || st < end) {
			end, width = st, 2
		}
		if end >= 0 {
			dark, ok = darkColour(string(body[:end]))
			b = append(b[:i:i], body[end+width:]...)
		}
	}
	if i := bytes.Index(b, []byte("\x1b[?")); i >= 0 {
		if j := bytes.IndexByte(b[i:], 'c'); j > 0 {
			b = append(b[:i:i], b[i+j+1:]...)
		}
	}
	return dark, ok, b
}

// darkColour reads "rgb:RRRR/GGGG/BBBB" (1–4 hex digits per channel) and
// reports whether its lightness is below one half.
func darkColour(spec string) (dark, ok bool) {
	parts := strings.Split(strings.TrimPrefix(spec, "rgb:"), "/")
	if len(parts) != 3 || !strings.HasPrefix(spec, "rgb:") {
		return true, false
	}
	var ch [3]float64
	for i, p := range parts {
		if len(p) == 0 || len(p) > 4 {
			return true, false
		}
		v, err := strconv.ParseUint(p, 16, 16)
		if err != nil {
			return true, false
		}
		ch[i] = float64(v) / float64(uint64(1)<<(4*len(p))-1)
	}
	lightness := (max(ch[0], ch[1], ch[2]) + min(ch[0], ch[1], ch[2])) / 2
	return lightness < 0.5, true
}

// sshEnviron is a session's environment for termenv.
type sshEnviron []string

// Environ implements termenv.Environ.
func (e sshEnviron) Environ() []string { return e }

// Getenv implements termenv.Environ: the last assignment of k wins.
func (e sshEnviron) Getenv(k string) string {
	for i := len(e) - 1; i >= 0; i-- {
		if v, ok := strings.CutPrefix(e[i], k+"="); ok {
			return v
		}
	}
	return ""
}

// newRenderer returns a lipgloss renderer for one session: the colour
// profile comes from the client's TERM, COLORTERM, NO_COLOR and
// CLICOLOR_FORCE (as the client sent them), never from the server's own
// environment; a dumb or missing TERM draws without colour.
func newRenderer(sess *channelSession, pty ssh.Pty, dark bool) *lipgloss.Renderer {
	var r *lipgloss.Renderer
	if pty.Term == "" || pty.Term == "dumb" {
		r = lipgloss.NewRenderer(sess, termenv.WithProfile(termenv.Ascii))
	} else {
		env := sshEnviron(append(sess.Environ(), "TERM="+pty.Term))
		r = lipgloss.NewRenderer(sess, termenv.WithEnvironment(env), termenv.WithUnsafe(), termenv.WithColorCache(true))
	}
	r.SetHasDarkBackground(dark)
	return r
}
