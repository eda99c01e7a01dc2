package views

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	"github.com/align-team/align/views/ui"
	tea "github.com/charmbracelet/bubbletea"
)

func TestApp_Update_ScreenKeys(t *testing.T) {
	a, _ := newTestApp(t, 80, 24)
	tests := []struct {
		key  string
		want ui.Screen
	}{
		{"2", ui.ScreenAssess}, {"tab", ui.ScreenReview}, {"4", ui.ScreenPlan}, {"5", ui.ScreenHistory}, {"1", ui.ScreenDashboard},
		{"tab", ui.ScreenAssess}, {"shift+tab", ui.ScreenDashboard}, {"shift+tab", ui.ScreenHistory},
	}
	for _, tt := range tests {
		a = press(t, a, tt.key)
		if a.screen != tt.want {
			t.Fatalf("after %q: screen %v, want %v", tt.key, a.screen, tt.want)
		}
	}
}

func TestApp_Update_CtrlCQuits(t *testing.T) {
	a, _ := newTestApp(t, 80, 24)
	_, cmd := a.Update(keyMsg("ctrl+c"))
	if cmd == nil {
		t.Fatal("ctrl+c returned no command")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("ctrl+c did not quit")
	}
}

func TestApp_Update_FocusedInputTakesGlobalKeys(t *testing.T) {
	a, st := newTestApp(t, 80, 24)
	a = press(t, a, "2", "enter", "n") // amara, first objective, note
	if !a.capturing() {
		t.Fatal("note editor not focused")
	}
	a = press(t, a, "3", "q", "?")
	if a.screen != ui.ScreenAssess || a.fullHelp {
		t.Fatalf("global keys acted while typing: screen %v, full help %v", a.screen, a.fullHelp)
	}
	a = press(t, a, "esc")
	if a.capturing() {
		t.Fatal("esc did not leave the note")
	}
	a.Close(5 * time.Second)
	amara := memberID(t, st, "amara")
	for _, as := range sprintData(t, st).Assessments {
		if as.MemberID == amara.ID && strings.HasSuffix(as.Note, "3q?") {
			return
		}
	}
	t.Error("the typed note was not saved")
}

func TestApp_Update_FooterErrorClearedOnNextKey(t *testing.T) {
	a, _ := newTestApp(t, 80, 24)
	m, _ := a.Update(ui.ErrMsg{Err: errors.New("boom")})
	a = m.(App)
	if !strings.Contains(plain(a), "boom") {
		t.Fatal("error not in the footer")
	}
	a = press(t, a, "j")
	if strings.Contains(plain(a), "boom") {
		t.Fatal("error still shown after a key")
	}
}

func TestApp_Update_FatalErrorQuits(t *testing.T) {
	a, _ := newTestApp(t, 80, 24)
	m, cmd := a.Update(ui.ErrMsg{Err: panicError{value: "bad"}, Fatal: true})
	if _, ok := cmd().(tea.QuitMsg); !ok || m.(App).Err() == nil {
		t.Fatal("a fatal error did not quit with the error")
	}
}

func TestApp_View_TooSmall(t *testing.T) {
	a, _ := newTestApp(t, 40, 10)
	if got := plain(a); !strings.Contains(got, "terminal too small (need 60×16)") {
		t.Fatalf("got %q", got)
	}
}

func TestAssess_Update_ProgressKeys(t *testing.T) {
	a, st := newTestApp(t, 80, 24)
	a = press(t, a, "2", "/", "l", "i", "n", "enter") // lin has not submitted everything
	if a.assessScreen.Member().Handle != "lin" {
		t.Fatalf("acting as %q, want lin", a.assessScreen.Member().Handle)
	}
	o := a.assessScreen.Objectives()[0]
	start := a.assessScreen.Mine(o.ID).Progress
	tests := []struct {
		keys []string
		want int
	}{
		{[]string{"right"}, start + 5},
		{[]string{"]"}, start + 6},
		{[]string{"["}, start + 5},
		{[]string{"left", "left"}, start - 5},
		{[]string{"p", "4", "2", "enter"}, 42},
		{[]string{"p", "x", "9", "9", "enter"}, 99}, // letters are ignored
	}
	for _, tt := range tests {
		a = press(t, a, tt.keys...)
		if got := a.assessScreen.Mine(o.ID).Progress; got != ui.Clamp(tt.want, 0, 100) {
			t.Fatalf("after %v: progress %d, want %d", tt.keys, got, tt.want)
		}
	}
	a.Close(5 * time.Second)
	lin := memberID(t, st, "lin")
	for _, as := range sprintData(t, st).Assessments {
		if as.MemberID == lin.ID && as.ObjectiveID == o.ID && as.Progress != 99 {
			t.Fatalf("stored progress %d, want 99", as.Progress)
		}
	}
}

func TestAssess_Update_BadNumberIsAnError(t *testing.T) {
	a, _ := newTestApp(t, 80, 24)
	a = press(t, a, "2", "enter", "p", "enter")
	contains(t, plain(a), "progress must be a whole number from 0 to 100")
}

func TestReview_Update_RevealNeedsReviewState(t *testing.T) {
	a, st := newTestApp(t, 80, 24)
	sp := sprintData(t, st).Sprint
	sp.State = model.StateAssessing
	if _, err := st.SaveSprint(sp); err != nil {
		t.Fatal(err)
	}
	a = press(t, a, "3", "enter", " ")
	contains(t, plain(a), "press R to move it to review")
	a = press(t, a, "R")
	contains(t, plain(a), "to review?")
	a = press(t, a, "y")
	a.Close(5 * time.Second)
	if got := sprintData(t, st).Sprint.State; got != model.StateReview {
		t.Fatalf("state %s, want review", got)
	}
	a = press(t, a, " ")
	contains(t, plain(a), "responses", "median")
}

func TestReview_Update_AnonymousHidesNames(t *testing.T) {
	a, _ := newTestApp(t, 120, 40)
	a = press(t, a, "3", "enter", " ")
	contains(t, plain(a), "jonas")
	a = press(t, a, "x")
	if strings.Contains(plain(a), "jonas") {
		t.Fatalf("anonymous view names jonas:\n%s", plain(a))
	}
}

func TestReview_Update_RevealPersists(t *testing.T) {
	a, st := newTestApp(t, 80, 24)
	a = press(t, a, "3", "enter", " ")
	a.Close(5 * time.Second)
	first := a.reviewScreen.Agenda()[0].Objective.ID
	b := New(Options{Store: st, Now: testClock, Renderer: testRenderer(), Width: 80, Height: 24, Facilitator: true})
	b = drive(t, b, b.Init())
	b = press(t, b, "3", "enter")
	if !b.reviewScreen.Revealed(first) {
		t.Fatal("a reopened review lost the reveal")
	}
}

func TestIOQueue_Submit_RunsInOrderAndCatchesPanics(t *testing.T) {
	q := newIOQueue()
	var got []int
	var cmds []tea.Cmd
	for i := range 20 {
		cmds = append(cmds, q.Submit(func() tea.Msg { got = append(got, i); return nil }))
	}
	boom := q.Submit(func() tea.Msg { panic("boom") })
	if !q.wait(5 * time.Second) {
		t.Fatal("queue did not drain")
	}
	for i := range got {
		if got[i] != i {
			t.Fatalf("jobs ran out of order: %v", got)
		}
	}
	if msg, ok := boom().(ui.ErrMsg); !ok || !msg.Fatal {
		t.Fatalf("panic became %#v, want a fatal errMsg", msg)
	}
	_ = cmds
}

// TestApp_Update_FooterErrorAdvice: the footer words an error with the
// advice of the front end that started the app (cli: "run `align check`"
// for a damaged record), and with none when it gave no Advice.
func TestApp_Update_FooterErrorAdvice(t *testing.T) {
	damaged := &store.RecordError{Where: "objective 1", Err: errors.New("bad json")}
	advice := func(err error) string {
		if errors.Is(err, store.ErrDamaged) {
			return "run `align check`"
		}
		return ""
	}
	for _, tt := range []struct {
		name   string
		advice func(error) string
		err    error
		want   string
	}{
		{"damaged, advised", advice, damaged, "is damaged (bad json); run `align check`"},
		{"damaged, no advice", nil, damaged, "is damaged (bad json)"},
		{"other error", advice, errors.New("boom"), "boom"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a, _ := newTestApp(t, 200, 24)
			a.advice = tt.advice
			m, _ := a.Update(ui.ErrMsg{Err: tt.err})
			got := plain(m.(App))
			if !strings.Contains(got, tt.want) {
				t.Fatalf("footer lacks %q:\n%s", tt.want, got)
			}
			if tt.advice == nil && strings.Contains(got, "align check") {
				t.Fatal("advice shown with no Advice")
			}
		})
	}
}
