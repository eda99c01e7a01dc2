package serve

import (
	"sync"
	"testing"
	"time"

	"github.com/align-team/align/store"
)

// movingClock is a clock the test moves, safe for the session's goroutines.
type movingClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *movingClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *movingClock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func totalMinutes(t *testing.T, st *store.Store) int {
	t.Helper()
	ds, err := st.Dataset(store.DatasetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, sd := range ds.Sprints {
		for _, o := range sd.Outcomes {
			n += o.Minutes
		}
	}
	return n
}

// TestServer_ReviewTimer_TicksAndIsRecordedOnQuit checks that a
// facilitator's Review timer over align serve redraws by itself (the
// session's program ticks), and that quitting while an objective is under
// discussion records its minutes.
func TestServer_ReviewTimer_TicksAndIsRecordedOnQuit(t *testing.T) {
	st := newTestStore(t)
	key := testKey(t, 1)
	m := register(t, st, "jonas", key.PublicKey())
	m.Facilitator = true
	if _, err := st.SaveMember(m); err != nil {
		t.Fatal(err)
	}
	clock := &movingClock{t: testNow}
	ts := startServer(t, st, Config{Now: clock.now})
	before := totalMinutes(t, st)
	term := openTerminal(t, ts.login(t, key), nil)
	term.waitFor("(jonas)")
	term.press("\t")
	term.waitFor("Before the agenda")
	term.press("\r")
	term.waitFor("Agenda")
	mark := term.mark()
	clock.add(3*time.Minute + 5*time.Second)
	term.waitSince(mark, "timer 3:0") // no key pressed: the tick redraws
	term.press("q")
	if code := term.wait(); code != 0 {
		t.Fatalf("exit status %d", code)
	}
	if got := totalMinutes(t, st); got != before+3 {
		t.Errorf("minutes recorded: %d more, want 3", got-before)
	}
}
