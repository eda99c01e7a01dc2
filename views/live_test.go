package views

import (
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	"github.com/align-team/align/views/ui"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/google/uuid"
)

// splitObjective saves estimates of 0 and 100 by turns from every active
// member on objective id, as other sessions would, so that it heads the
// agenda.
func splitObjective(t *testing.T, st *store.Store, id uuid.UUID) {
	t.Helper()
	ms, err := st.Members()
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range ms {
		if !m.Active || m.Deleted {
			continue
		}
		a := model.Assessment{ObjectiveID: id, MemberID: m.ID, Progress: 100 * (i % 2), Confidence: 5, Submitted: true}
		if _, err := st.SaveAssessment(a); err != nil {
			t.Fatal(err)
		}
	}
}

// reviewAgenda opens the Review screen's agenda.
func reviewAgenda(t *testing.T, a App) App {
	t.Helper()
	a = press(t, a, "3")
	if a.reviewScreen.InActions() {
		a = press(t, a, "enter")
	}
	return a
}

func TestReview_RemoteChange_KeepsObjectiveAndTypedInput(t *testing.T) {
	a, st := newTestApp(t, 120, 40)
	a = reviewAgenda(t, a)
	a = press(t, a, "down")
	agenda := a.reviewScreen.Agenda()
	on := agenda[1].Objective.ID
	a = press(t, a, "v", "7")
	// Another session makes the last objective the most disputed.
	splitObjective(t, st, agenda[len(agenda)-1].Objective.ID)
	a = drive(t, a, func() tea.Msg { return remoteChangedMsg{} })

	r := a.reviewScreen
	if r.Agenda()[0].Objective.ID != agenda[len(agenda)-1].Objective.ID {
		t.Fatalf("the agenda did not re-sort after the remote change")
	}
	if cur, _ := r.Current(); cur.Objective.ID != on {
		t.Errorf("the cursor moved to %q, want it kept on %q", cur.Objective.Title, agenda[1].Objective.Title)
	}
	if !r.Agreeing() || r.Agreed() != "7" || !r.AgreeFocused() {
		t.Errorf("typed input lost: mode %d, agreed field %q (focused %v)", r.Mode(), r.Agreed(), r.AgreeFocused())
	}
}

func TestAssess_RemoteChange_KeepsTypedNumber(t *testing.T) {
	a, st := newTestApp(t, 120, 40)
	a = press(t, a, "2")
	if a.assessScreen.Picking() {
		a = press(t, a, "enter")
	}
	a = press(t, a, "down", "p", "4")
	on, _ := a.assessScreen.Current()
	splitObjective(t, st, model.LiveObjectives(sprintData(t, st))[0].ID)
	a = drive(t, a, func() tea.Msg { return remoteChangedMsg{} })
	m := a.assessScreen
	if cur, _ := m.Current(); cur.ID != on.ID || !m.Typing() || m.Number() != "4" {
		t.Errorf("after a remote change: objective %q (want %q), typing %v, value %q (want 4)", cur.Title, on.Title, m.Typing(), m.Number())
	}
}

func TestReview_Follow_MemberFollowsFacilitator(t *testing.T) {
	st := newTestStore(t)
	hub := newHub(0)
	member := New(Options{Store: st, Now: testClock, Renderer: testRenderer(), Width: 120, Height: 40, As: memberID(t, st, "jonas").ID, Hub: hub})
	t.Cleanup(func() { member.Close(5 * time.Second) })
	member = drive(t, member, member.Init())
	member = press(t, member, "tab") // from Assess, where digits type
	agenda := member.reviewScreen.Agenda()
	target := agenda[3].Objective
	member = drive(t, member, func() tea.Msg { return ui.FollowMsg{Sprint: target.SprintID, Objective: target.ID} })

	if cur, _ := member.reviewScreen.Current(); cur.Objective.ID != target.ID {
		t.Fatalf("member is on %q, want the facilitator's %q", cur.Objective.Title, target.Title)
	}
	contains(t, plain(member), "Following the facilitator.", "4/")
	member = press(t, member, " ")
	contains(t, plain(member), "only the facilitator can reveal")
	contains(t, plain(member), "hidden until the facilitator reveals them")
	lines := splitLines(press(t, member, "?").View())
	help := strings.Join(lines[len(lines)-4:], "\n")
	for _, k := range []string{"reveal", "agreed value", "add action", "discussed", "move sprint", "anonymous"} {
		if strings.Contains(help, k) {
			t.Errorf("a member's help offers %q:\n%s", k, help)
		}
	}
}

func TestReview_Announce_FacilitatorPublishesFocus(t *testing.T) {
	st := newTestStore(t)
	hub := newHub(0)
	var r recorder
	defer hub.Subscribe(r.send)()
	fac := New(Options{Store: st, Now: testClock, Renderer: testRenderer(), Width: 120, Height: 40, Facilitator: true, Hub: hub})
	t.Cleanup(func() { fac.Close(5 * time.Second) })
	fac = drive(t, fac, fac.Init())
	fac = reviewAgenda(t, fac)
	fac = press(t, fac, "down")
	want := fac.reviewScreen.Agenda()[1].Objective.ID
	deadline := time.Now().Add(time.Second)
	for {
		r.mu.Lock()
		var got uuid.UUID
		for _, m := range r.msgs {
			if f, ok := m.(ui.FollowMsg); ok {
				got = f.Objective
			}
		}
		r.mu.Unlock()
		if got == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the hub's last focus is %v, want %v", got, want)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestDashboard_Member_FiguresHiddenUntilRevealed(t *testing.T) {
	st := newTestStore(t)
	member := New(Options{Store: st, Now: testClock, Renderer: testRenderer(), Width: 120, Height: 40, As: memberID(t, st, "jonas").ID})
	t.Cleanup(func() { member.Close(5 * time.Second) })
	member = drive(t, member, member.Init())
	member = press(t, member, "shift+tab") // from Assess, where digits type
	v := plain(member)
	contains(t, v, "Figures show as the facilitator reveals", "answered")
	for _, lvl := range []string{"aligned", "divergent", "split"} {
		if strings.Contains(v, lvl) {
			t.Errorf("a member's dashboard shows %q before any reveal:\n%s", lvl, v)
		}
	}
}

func TestReview_Load_OlderSnapshotKeepsSettledOutcome(t *testing.T) {
	a, _ := newTestApp(t, 120, 40)
	a = reviewAgenda(t, a)
	stale := a.data // read before the reveal below
	a = press(t, a, " ")
	st, _ := a.reviewScreen.Current()
	if !a.reviewScreen.Revealed(st.Objective.ID) {
		t.Fatal("space did not reveal")
	}
	// The older snapshot arrives late, as Bubble Tea may deliver it.
	m, _ := a.reviewScreen.Update(ui.WorkspaceLoadedMsg{Data: stale})
	if !m.Revealed(st.Objective.ID) {
		t.Error("a snapshot taken before the reveal hid it again")
	}
	app, _ := a.Update(ui.WorkspaceLoadedMsg{Data: stale})
	if app.(App).data.Seq != a.data.Seq {
		t.Error("the app took an older snapshot over a newer one")
	}
}
