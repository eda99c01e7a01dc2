package views

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/demo"
	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	"github.com/align-team/align/views/uitest"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// testNow is the fixed clock of every views test.
var testNow = time.Date(2025, 3, 12, 10, 0, 0, 0, time.UTC)

func testClock() time.Time { return testNow }

// newTestStore opens a temporary store holding the demo workspace.
func newTestStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "align.db"), store.Options{Now: testClock})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { _ = st.Close() })
	if err := st.Apply(demo.Sample(testNow)); err != nil {
		t.Fatalf("apply demo: %v", err)
	}
	if err := st.SetTeam(demo.Team); err != nil {
		t.Fatalf("set team: %v", err)
	}
	return st
}

// testRenderer renders without colour, as snapshots want.
func testRenderer() *lipgloss.Renderer { return uitest.Renderer() }

// newTestApp returns an app on the demo workspace at w×h, loaded.
func newTestApp(t *testing.T, w, h int) (App, *store.Store) {
	t.Helper()
	st := newTestStore(t)
	a := New(Options{Store: st, Now: testClock, Renderer: testRenderer(), Width: w, Height: h, Facilitator: true})
	t.Cleanup(func() { a.Close(5 * time.Second) })
	a = drive(t, a, a.Init())
	return a, st
}

// drive runs cmd and every command it leads to, feeding each message to the
// app, until none is left (quit messages are dropped). It is a synchronous
// stand-in for the Bubble Tea event loop.
func drive(t testing.TB, a App, cmd tea.Cmd) App {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 500 {
			t.Fatal("drive: too many commands (a loop?)")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil, tea.QuitMsg:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			m, next := a.Update(msg)
			a = m.(App)
			queue = append(queue, next)
		}
	}
	return a
}

// press sends keys (as typed: "3", "enter", "ctrl+c", " ") and drives.
func press(t *testing.T, a App, keys ...string) App {
	t.Helper()
	for _, k := range keys {
		m, cmd := a.Update(keyMsg(k))
		a = drive(t, m.(App), cmd)
	}
	return a
}

// keyMsg builds the tea.KeyMsg for a key name or a typed rune.
func keyMsg(k string) tea.KeyMsg { return uitest.KeyMsg(k) }

// plain is the ANSI-stripped view.
func plain(a App) string { return ansi.Strip(a.View()) }

// sprintData loads the current sprint's data straight from the store.
func sprintData(t *testing.T, st *store.Store) model.SprintData {
	t.Helper()
	sprints, err := st.Sprints()
	if err != nil {
		t.Fatal(err)
	}
	cur, ok := model.CurrentSprint(sprints, testNow)
	if !ok {
		t.Fatal("no current sprint")
	}
	d, err := st.SprintData(cur.ID)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// memberID returns the ID of the member with handle h.
func memberID(t *testing.T, st *store.Store, h string) model.Member {
	t.Helper()
	ms, err := st.Members()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Handle == h {
			return m
		}
	}
	t.Fatalf("no member %q", h)
	return model.Member{}
}

// contains fails unless view has every want.
func contains(t *testing.T, view string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(view, w) {
			t.Errorf("view lacks %q:\n%s", w, view)
		}
	}
}

// splitLines splits an ANSI-stripped view into lines.
func splitLines(s string) []string { return strings.Split(ansi.Strip(s), "\n") }
