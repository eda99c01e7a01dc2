package views

import (
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	"github.com/align-team/align/views/review"
)

// timerApp is the demo workspace on the Review agenda with a clock the
// test moves and, when box > 0, a time box per objective.
func timerApp(t *testing.T, box int, facilitator bool) (App, *store.Store, *time.Time) {
	t.Helper()
	st := newTestStore(t)
	if box > 0 {
		ws, err := st.Workspace()
		if err != nil {
			t.Fatal(err)
		}
		ws.Settings.TimeboxMinutes = box
		if err := st.SetSettings(ws.Settings); err != nil {
			t.Fatal(err)
		}
	}
	clock := testNow
	a := New(Options{Store: st, Now: func() time.Time { return clock }, Renderer: testRenderer(), Width: 80, Height: 24, Facilitator: facilitator})
	t.Cleanup(func() { a.Close(5 * time.Second) })
	a = drive(t, a, a.Init())
	a = press(t, a, "3", "enter") // past last sprint's action items, to the agenda
	return a, st, &clock
}

// tick moves the clock by d and delivers the timer's refresh.
func tick(t *testing.T, a App, clock *time.Time, d time.Duration) App {
	t.Helper()
	*clock = clock.Add(d)
	m, cmd := a.Update(review.TimerTickMsg{Gen: a.reviewScreen.TimerGen()})
	return drive(t, m.(App), cmd)
}

func outcomeMinutes(t *testing.T, st *store.Store, obj model.Objective) int {
	t.Helper()
	for _, o := range sprintData(t, st).Outcomes {
		if o.ObjectiveID == obj.ID && !o.Deleted {
			return o.Minutes
		}
	}
	return 0
}

func TestReview_Update_TimerWithTimebox(t *testing.T) {
	a, st, clock := timerApp(t, 8, true)
	first, ok := a.reviewScreen.Current()
	if !ok {
		t.Fatal("no objective under the cursor")
	}
	if strings.Contains(plain(a), "timer") {
		t.Errorf("the timer shows before a second has passed:\n%s", plain(a))
	}
	a = tick(t, a, clock, 3*time.Minute+12*time.Second)
	if !strings.Contains(plain(a), "timer 3:12 of 8:00 · Agenda") {
		t.Errorf("after 3:12 the head lacks the timer:\n%s", plain(a))
	}
	a = tick(t, a, clock, 6*time.Minute+3*time.Second)
	view := plain(a)
	if !strings.Contains(view, "OVER 9:15 of 8:00") || strings.Contains(view, "timer 9:15") {
		t.Errorf("past the time box the word does not change:\n%s", view)
	}
	golden(t, "review_timer_over_80x24", view)

	// Moving on records the whole minutes (9:15 → 9) on the objective left;
	// the next objective starts from nothing.
	a = press(t, a, "down")
	if got := outcomeMinutes(t, st, first.Objective); got != 9 {
		t.Errorf("minutes recorded for %q = %d, want 9", first.Objective.Title, got)
	}
	a = tick(t, a, clock, 40*time.Second)
	if !strings.Contains(plain(a), "timer 0:40 of 8:00") {
		t.Errorf("the next objective's timer:\n%s", plain(a))
	}
	// Coming back continues from 9 minutes and the 15 seconds carried.
	a = press(t, a, "up")
	a = tick(t, a, clock, 5*time.Second)
	if !strings.Contains(plain(a), "OVER 9:20 of 8:00") {
		t.Errorf("back on the first objective:\n%s", plain(a))
	}
	a = press(t, a, "down") // 20 s more: rounds to no whole minute
	if got := outcomeMinutes(t, st, first.Objective); got != 9 {
		t.Errorf("after 20 s more, minutes = %d, want still 9", got)
	}
}

func TestReview_Update_TimerWithoutBoxAndForMembers(t *testing.T) {
	a, st, clock := timerApp(t, 0, false)
	first, _ := a.reviewScreen.Current()
	a = tick(t, a, clock, 2*time.Minute+5*time.Second)
	if !strings.Contains(plain(a), "timer 2:05 · Agenda") {
		t.Errorf("without a time box:\n%s", plain(a))
	}
	a = press(t, a, "down")
	if got := outcomeMinutes(t, st, first.Objective); got != 0 {
		t.Errorf("a member's screen recorded %d minutes; only the facilitator records", got)
	}
	// A refresh of an older chain is dropped and changes nothing.
	before := plain(a)
	m, _ := a.Update(review.TimerTickMsg{Gen: a.reviewScreen.TimerGen() - 1})
	if plain(m.(App)) != before {
		t.Errorf("a stale refresh changed the screen")
	}
}

func TestReview_Timer_NotOutsideReview(t *testing.T) {
	a, _, clock := timerApp(t, 8, true)
	a = press(t, a, "esc") // back to last sprint's action items
	a = tick(t, a, clock, 5*time.Minute)
	if strings.Contains(plain(a), "timer") || strings.Contains(plain(a), "OVER") {
		t.Errorf("the timer runs on the action items:\n%s", plain(a))
	}
}

// TestReview_Close_RecordsRunningTimer checks that quitting with an
// objective still under discussion records its minutes, as moving on
// does, and only once however often Close is called.
func TestReview_Close_RecordsRunningTimer(t *testing.T) {
	a, st, clock := timerApp(t, 0, true)
	cur, ok := a.reviewScreen.Current()
	if !ok {
		t.Fatal("no objective under the cursor")
	}
	before := outcomeMinutes(t, st, cur.Objective)
	a = tick(t, a, clock, 4*time.Minute+20*time.Second)
	m, cmd := a.Update(keyMsg("q"))
	a = m.(App)
	if cmd == nil {
		t.Fatal("q does not quit")
	}
	if !a.Close(5 * time.Second) {
		t.Fatal("the queue did not drain")
	}
	if got := outcomeMinutes(t, st, cur.Objective); got != before+4 {
		t.Errorf("minutes after quitting = %d, want %d", got, before+4)
	}
	*clock = clock.Add(10 * time.Minute)
	a.Close(5 * time.Second)
	if got := outcomeMinutes(t, st, cur.Objective); got != before+4 {
		t.Errorf("a second Close recorded again: %d, want %d", got, before+4)
	}
}
