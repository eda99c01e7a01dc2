package views

import (
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/views/assess"
	"github.com/align-team/align/views/ui"
)

// onLin opens Assess acting as lin at 80×24.
func onLin(t *testing.T) App {
	t.Helper()
	a, _ := newTestApp(t, 80, 24)
	return press(t, a, "2", "/", "l", "i", "n", "enter")
}

func TestAssess_Update_DigitsTypeProgress(t *testing.T) {
	a := onLin(t)
	o := a.assessScreen.Objectives()[0]
	a = press(t, a, "4", "5")
	if a.screen != ui.ScreenAssess || !a.assessScreen.Typing() || a.assessScreen.Number() != "45" {
		t.Fatalf("after 4 5: screen %v, typing %v, value %q; want Assess typing 45",
			a.screen, a.assessScreen.Typing(), a.assessScreen.Number())
	}
	a = press(t, a, "enter")
	if got := a.assessScreen.Mine(o.ID).Progress; got != 45 {
		t.Fatalf("progress %d after 4 5 enter, want 45", got)
	}
	a = press(t, a, "tab")
	if a.screen != ui.ScreenReview {
		t.Fatalf("tab on Assess goes to %v, want Review", a.screen)
	}
}

func TestAssess_Update_FirstArrowStartsAtShownPoint(t *testing.T) {
	a := onLin(t)
	// Find an objective lin has not answered.
	idx := -1
	for i, o := range a.assessScreen.Objectives() {
		if ok := a.assessScreen.Answered(o.ID); !ok {
			idx = i
			break
		}
	}
	if idx < 0 {
		t.Fatal("lin answered everything in the demo")
	}
	for range idx {
		a = press(t, a, "j")
	}
	o := a.assessScreen.Objectives()[idx]
	want := assess.StartPoint(o)
	contains(t, plain(a), "not answered")
	a = press(t, a, "right")
	if got, ok := a.assessScreen.Mine(o.ID), a.assessScreen.Answered(o.ID); !ok || got.Progress != want {
		t.Fatalf("first → saved %v (answered %v), want the start point %d", got.Progress, ok, want)
	}
	a = press(t, a, "right")
	if got := a.assessScreen.Mine(o.ID).Progress; got != want+5 {
		t.Fatalf("second → gives %d, want %d", got, want+5)
	}
}

func TestAssess_Update_ConfidenceNeedsAnAnswer(t *testing.T) {
	a := onLin(t)
	for i, o := range a.assessScreen.Objectives() {
		if ok := a.assessScreen.Answered(o.ID); ok {
			continue
		}
		for range i {
			a = press(t, a, "j")
		}
		a = press(t, a, "+")
		if ok := a.assessScreen.Answered(o.ID); ok {
			t.Fatal("+ on an unanswered objective saved an answer")
		}
		contains(t, plain(a), "give a progress first")
		return
	}
	t.Fatal("lin answered everything in the demo")
}

func TestAssess_Update_WithdrawEstimate(t *testing.T) {
	a, st := newTestApp(t, 80, 24)
	a = press(t, a, "2", "/", "l", "i", "n", "enter")
	o := a.assessScreen.Objectives()[0]
	a = press(t, a, "6", "0", "enter")
	if ok := a.assessScreen.Answered(o.ID); !ok {
		t.Fatal("no estimate to withdraw")
	}
	a = press(t, a, "d")
	contains(t, plain(a), "Withdraw your estimate of")
	a = press(t, a, "y")
	if ok := a.assessScreen.Answered(o.ID); ok {
		t.Fatal("estimate still shown after withdrawing it")
	}
	contains(t, plain(a), "not answered")
	a.Close(5 * time.Second)
	lin := memberID(t, st, "lin")
	for _, as := range sprintData(t, st).Assessments {
		if as.MemberID == lin.ID && as.ObjectiveID == o.ID && !as.Deleted {
			t.Fatalf("store still holds lin's estimate %d%%", as.Progress)
		}
	}
	// And it reloads as withdrawn.
	a = press(t, a, "tab", "shift+tab")
	if ok := a.assessScreen.Answered(o.ID); ok {
		t.Fatal("withdrawn estimate is back after a reload")
	}
}

// The acting member arrives as an id (cli resolves --as @Lin, in
// capitals, at the edge: cli/acting_test.go); the screen acts as them.
func TestAssess_As_HandleInCapitals(t *testing.T) {
	st := newTestStore(t)
	a := New(Options{Store: st, Now: testClock, Renderer: testRenderer(), Width: 80, Height: 24, As: memberID(t, st, "lin").ID})
	t.Cleanup(func() { a.Close(5 * time.Second) })
	a = drive(t, a, a.Init())
	if a.assessScreen.Member().Handle != "lin" {
		t.Fatalf("--as @Lin acts as %q, want lin", a.assessScreen.Member().Handle)
	}
}

// A remembered member is named with the way to switch; --as fixes it.
func TestAssess_View_RememberedMemberSaysHowToSwitch(t *testing.T) {
	a := onLin(t)
	contains(t, plain(a), "Assessing as Lin Chen (lin)", "not you? m")
	st := newTestStore(t)
	b := New(Options{Store: st, Now: testClock, Renderer: testRenderer(), Width: 80, Height: 24, As: memberID(t, st, "lin").ID})
	t.Cleanup(func() { b.Close(5 * time.Second) })
	b = drive(t, b, b.Init())
	if strings.Contains(plain(b), "not you?") {
		t.Error("--as lin offers to switch member")
	}
}
