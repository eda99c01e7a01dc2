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

// liveApp is a session of one served review: the app on hub, with the
// hub's events recorded for the test to hand on (as serve's Program.Send
// would).
func liveApp(t *testing.T, st *store.Store, hub *Hub, clock *time.Time, facilitator bool, as string) (App, *recorder) {
	t.Helper()
	id := uuid.Nil
	if as != "" {
		id = memberID(t, st, as).ID
	}
	a := New(Options{Store: st, Now: func() time.Time { return *clock }, Renderer: testRenderer(), Width: 80, Height: 24, Facilitator: facilitator, As: id, Hub: hub})
	t.Cleanup(func() { a.Close(5 * time.Second) })
	r := &recorder{}
	t.Cleanup(hub.Subscribe(r.send))
	return drive(t, a, a.Init()), r
}

// followTo waits for the hub to tell r that the review is on objective
// want, and hands that to a.
func followTo(t *testing.T, a App, r *recorder, want uuid.UUID) App {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for time.Now().Before(deadline) {
		r.mu.Lock()
		var got *ui.FollowMsg
		for _, m := range r.msgs {
			if f, ok := m.(ui.FollowMsg); ok && f.Objective == want {
				got = &f
			}
		}
		r.mu.Unlock()
		if got != nil {
			f := *got
			return drive(t, a, func() tea.Msg { return f })
		}
		time.Sleep(time.Millisecond)
	}
	t.Fatalf("the hub never said the review is on %v", want)
	return a
}

// TestReview_LiveTimer_TwoFacilitatorsRecordOnce: two facilitators of one
// served review see one clock, and 70 s of discussion is recorded once as
// 1 minute, by the one who moves the review on, not 2.
func TestReview_LiveTimer_TwoFacilitatorsRecordOnce(t *testing.T) {
	st := newTestStore(t)
	hub := newHub(0)
	clock := testNow
	a, _ := liveApp(t, st, hub, &clock, true, "")
	b, rb := liveApp(t, st, hub, &clock, true, "")
	a = press(t, a, "3", "enter")
	first, _ := a.reviewScreen.Current()
	before := outcomeMinutes(t, st, first.Objective)
	b = followTo(t, b, rb, first.Objective.ID)
	b = press(t, b, "3", "enter")
	if cur, _ := b.reviewScreen.Current(); cur.Objective.ID != first.Objective.ID {
		t.Fatalf("the second facilitator opened on %q, want %q", cur.Objective.Title, first.Objective.Title)
	}
	clock = clock.Add(70 * time.Second)
	a, b = tick(t, a, &clock, 0), tick(t, b, &clock, 0)
	contains(t, plain(a), "timer 1:10")
	contains(t, plain(b), "timer 1:10")

	a = press(t, a, "down")
	next, _ := a.reviewScreen.Current()
	b = followTo(t, b, rb, next.Objective.ID)
	b = drive(t, b, func() tea.Msg { return remoteChangedMsg{} }) // A's save reaches B
	b = press(t, b, "down")
	if got := outcomeMinutes(t, st, first.Objective); got != before+1 {
		t.Errorf("70 s recorded as %d minutes, want 1", got-before)
	}
	clock = clock.Add(5 * time.Second)
	a, b = tick(t, a, &clock, 0), tick(t, b, &clock, 0)
	contains(t, plain(a), "timer 0:05")
	contains(t, plain(b), "timer 0:05")

	// Quitting: only the one steering records; once.
	clock = clock.Add(2 * time.Minute)
	b.Close(5 * time.Second)
	a.Close(5 * time.Second)
	if got := outcomeMinutes(t, st, next.Objective); got != 2 {
		t.Errorf("2:05 on the next objective recorded as %d minutes, want 2", got)
	}
}

// TestReview_LiveTimer_MemberSeesTheReviewClock: a member who opens Review
// 8 s after the facilitator shows the facilitator's time, not their own.
func TestReview_LiveTimer_MemberSeesTheReviewClock(t *testing.T) {
	st := newTestStore(t)
	hub := newHub(0)
	clock := testNow
	fac, _ := liveApp(t, st, hub, &clock, true, "")
	fac = press(t, fac, "3", "enter")
	first, _ := fac.reviewScreen.Current()
	clock = clock.Add(8 * time.Second)
	member, rm := liveApp(t, st, hub, &clock, false, "jonas")
	member = followTo(t, member, rm, first.Objective.ID)
	member = press(t, member, "tab")
	if member.reviewScreen.InActions() {
		member = press(t, member, "enter")
	}
	clock = clock.Add(3 * time.Second)
	fac, member = tick(t, fac, &clock, 0), tick(t, member, &clock, 0)
	contains(t, plain(fac), "timer 0:11")
	if v := plain(member); !strings.Contains(v, "timer 0:11") {
		t.Errorf("the member's screen does not show the review's 0:11:\n%s", v)
	}
	if got := outcomeMinutes(t, st, first.Objective); got != 0 {
		t.Errorf("minutes recorded before anyone moved on: %d", got)
	}
}

// TestReview_LiveTimer_StartsWhenTheSprintIsInReview: an objective made
// current while the sprint is still being assessed is timed from when the
// sprint moves to review, not from before.
func TestReview_LiveTimer_StartsWhenTheSprintIsInReview(t *testing.T) {
	st := newTestStore(t)
	sp := sprintData(t, st).Sprint
	sp.State = model.StateAssessing
	if _, err := st.SaveSprint(sp); err != nil {
		t.Fatal(err)
	}
	hub := newHub(0)
	clock := testNow
	fac, _ := liveApp(t, st, hub, &clock, true, "")
	fac = reviewAgenda(t, fac)
	clock = clock.Add(5 * time.Minute)
	sp.State = model.StateReview
	if _, err := st.SaveSprint(sp); err != nil {
		t.Fatal(err)
	}
	fac = drive(t, fac, func() tea.Msg { return remoteChangedMsg{} })
	fac = tick(t, fac, &clock, 30*time.Second)
	if v := plain(fac); !strings.Contains(v, "timer 0:30") {
		t.Errorf("the clock does not start with the review:\n%s", v)
	}
}
