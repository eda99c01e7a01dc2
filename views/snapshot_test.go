package views

import (
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	"github.com/align-team/align/views/ui"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/google/uuid"
)

// liveApps returns n member apps (the first a facilitator) of one server:
// one store, one hub, each loaded.
func liveApps(t *testing.T, n int) ([]App, *Hub, *store.Store) {
	t.Helper()
	st := newTestStore(t)
	hub := NewHub()
	ms, err := st.Members()
	if err != nil {
		t.Fatal(err)
	}
	apps := make([]App, n)
	for i := range apps {
		m := ms[i%len(ms)]
		a := New(Options{Store: st.As(m.ID), Now: testClock, Renderer: testRenderer(), Width: 120, Height: 40,
			As: m.ID, Facilitator: i == 0, Hub: hub})
		t.Cleanup(func() { a.Close(5 * time.Second) })
		apps[i] = drive(t, a, a.Init())
	}
	return apps, hub, st
}

func TestHub_OneSaveWithTwentySessions_DecodesOnce(t *testing.T) {
	apps, hub, st := liveApps(t, 20)
	if n := hub.shared.decodes.Load(); n != 1 {
		t.Fatalf("20 sessions opening on one commit decoded the workspace %d times, want 1", n)
	}
	if err := st.SetTeam("Renamed Team"); err != nil {
		t.Fatal(err)
	}
	// Every session reloads at once, as after the hub's remoteChangedMsg.
	msgs := make([]tea.Msg, len(apps))
	var wg sync.WaitGroup
	for i, a := range apps {
		cmd := loadCmd(a.deps, a.sprintID)
		wg.Add(1)
		go func() { defer wg.Done(); msgs[i] = cmd() }()
	}
	wg.Wait()
	if n := hub.shared.decodes.Load(); n != 2 {
		t.Fatalf("one save with 20 sessions decoded the workspace %d times, want once more (2 in all)", n)
	}
	for i, m := range msgs {
		loaded, ok := m.(ui.WorkspaceLoadedMsg)
		if !ok {
			t.Fatalf("session %d: %T (%v), want a loaded workspace", i, m, m)
		}
		if got := loaded.Data.Workspace.Team; got != "Renamed Team" {
			t.Fatalf("session %d shows team %q after the save, want the saved name", i, got)
		}
	}
	// Through the app's own path, too: the remote change reloads from the
	// shared snapshot, with nothing decoded again.
	for i := range apps {
		m, cmd := apps[i].Update(remoteChangedMsg{})
		apps[i] = drive(t, m.(App), cmd)
	}
	if n := hub.shared.decodes.Load(); n != 2 {
		t.Fatalf("20 remote-change reloads without a commit decoded %d times in all, want 2", n)
	}
	if !strings.Contains(plain(apps[19]), "Renamed Team") {
		t.Errorf("session 20 does not show the renamed team:\n%s", plain(apps[19]))
	}
}

func TestHub_OtherSprint_GetsItsOwnSnapshot(t *testing.T) {
	apps, hub, _ := liveApps(t, 2)
	sprints := apps[1].data.Sprints
	if len(sprints) < 2 {
		t.Fatalf("the demo has %d sprints, want at least 2", len(sprints))
	}
	other := sprints[0].ID
	if other == apps[1].data.Sprint.Sprint.ID {
		other = sprints[1].ID
	}
	m, cmd := apps[1].Update(ui.SelectSprintMsg{ID: other})
	apps[1] = drive(t, m.(App), cmd)
	if got := apps[1].data.Sprint.Sprint.ID; got != other {
		t.Fatalf("session 2 shows sprint %v, want the one it chose (%v)", got, other)
	}
	if got := apps[0].data.Sprint.Sprint.ID; got == other {
		t.Fatalf("session 1 moved to session 2's sprint")
	}
	if n := hub.shared.decodes.Load(); n != 2 {
		t.Fatalf("%d decodes, want 2 (the current sprint, then the other)", n)
	}
}

// TestHub_SharedSnapshot_MemberNeverSeesOthersSealedEstimate: the shared
// snapshot is the same for every viewer (it holds every estimate, as each
// session's own load did), and the screens seal it per viewer: a member's
// session shows nothing of another member's estimate before the reveal.
func TestHub_SharedSnapshot_MemberNeverSeesOthersSealedEstimate(t *testing.T) {
	apps, hub, st := liveApps(t, 1)
	jonas := memberID(t, st, "jonas")
	sd := sprintData(t, st)
	if sd.Sprint.State == model.StateClosed {
		t.Fatal("the demo's current sprint is closed; this test needs sealed estimates")
	}
	revealed := map[uuid.UUID]bool{}
	for _, o := range sd.Outcomes {
		revealed[o.ObjectiveID] = o.Revealed && !o.Deleted
	}
	const secret = "zq-sealed-note-7731"
	var sealed model.Assessment
	for _, a := range sd.Assessments {
		if !a.Deleted && a.MemberID != jonas.ID && !revealed[a.ObjectiveID] {
			sealed = a
			break
		}
	}
	if sealed.ID == uuid.Nil {
		t.Fatal("no unrevealed estimate of another member in the demo")
	}
	sealed.Note, sealed.Progress = secret, 87
	if _, err := st.SaveAssessment(sealed); err != nil {
		t.Fatal(err)
	}
	// The member's session loads through the shared snapshot, which does
	// hold the estimate: the sealing below is the screens', per viewer.
	member := New(Options{Store: st.As(jonas.ID), Now: testClock, Renderer: testRenderer(), Width: 160, Height: 60, As: jonas.ID, Hub: hub})
	t.Cleanup(func() { member.Close(5 * time.Second) })
	member = drive(t, member, member.Init())
	before := hub.shared.decodes.Load()
	m, cmd := apps[0].Update(remoteChangedMsg{})
	apps[0] = drive(t, m.(App), cmd)
	if n := hub.shared.decodes.Load(); n != before {
		t.Fatalf("the facilitator's reload decoded again (%d → %d): the sessions do not share the snapshot", before, n)
	}
	found := false
	for _, a := range member.data.Sprint.Assessments {
		found = found || a.Note == secret
	}
	if !found {
		t.Fatal("the shared snapshot lacks the saved estimate: the test would prove nothing")
	}
	for _, to := range []ui.Screen{ui.ScreenAssess, ui.ScreenDashboard, ui.ScreenReview, ui.ScreenPlan, ui.ScreenHistory} {
		m, cmd := member.Update(ui.NavigateMsg{To: to})
		member = drive(t, m.(App), cmd)
		if v := plain(member); strings.Contains(v, secret) {
			t.Errorf("screen %v of a member's session shows another member's unrevealed note:\n%s", to, v)
		}
	}
}

// TestSnapshots_PanickedLoad_ReleasesWaiters: when the session doing a
// shared load panics (its own I/O queue reports that), the sessions waiting
// on it get an error instead of hanging, and nothing stays cached, so the
// next load reads again.
func TestSnapshots_PanickedLoad_ReleasesWaiters(t *testing.T) {
	st := newTestStore(t)
	c := newSnapshots()
	started, release := make(chan struct{}), make(chan struct{})
	var reads atomic.Int32
	c.read = func(*store.Store, uuid.UUID, time.Time) (ui.WorkspaceData, error) {
		if reads.Add(1) > 1 { // a waiter that came too late reads for itself
			return ui.WorkspaceData{}, errors.New("read again")
		}
		close(started)
		<-release
		panic("bad record")
	}
	go func() {
		defer func() { _ = recover() }()
		_, _ = c.load(st, uuid.Nil, testClock())
	}()
	<-started
	waited := make(chan error, 1)
	go func() { _, err := c.load(st, uuid.Nil, testClock()); waited <- err }()
	time.Sleep(20 * time.Millisecond) // let the waiter find the in-flight load
	close(release)
	select {
	case err := <-waited:
		if err == nil {
			t.Fatal("a session waiting on a panicked load got no error")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a session waiting on a panicked load hangs")
	}
	c.read = loadWorkspace
	if _, err := c.load(st, uuid.Nil, testClock()); err != nil {
		t.Fatalf("the load after a panicked one: %v", err)
	}
}
