package views

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/store"
	"github.com/align-team/align/views/dashboard"
	"github.com/align-team/align/views/ui"
	tea "github.com/charmbracelet/bubbletea"
)

func TestApp_Update_TooSmallIgnoresKeys(t *testing.T) {
	a, st := newTestApp(t, 20, 5)
	goals, _ := st.Goals()
	a = press(t, a, "4", "]", "G", "d", "y", "n", "y")
	if a.screen != ui.ScreenDashboard {
		t.Errorf("a key switched to %s while the terminal was too small", a.screen)
	}
	if now, _ := st.Goals(); len(now) != len(goals) {
		t.Fatalf("%d goals deleted while the terminal was too small", len(goals)-len(now))
	}
	if a.confirm != nil {
		t.Error("a confirmation was asked while the terminal was too small")
	}
	for _, k := range []string{"q", "ctrl+c"} {
		if _, cmd := a.Update(keyMsg(k)); cmd == nil {
			t.Errorf("%s did not quit", k)
		} else if _, ok := cmd().(tea.QuitMsg); !ok {
			t.Errorf("%s did not quit", k)
		}
	}
}

func TestApp_View_TooSmallMessageWhole(t *testing.T) {
	for _, w := range []int{20, 30, 59} {
		a, _ := newTestApp(t, w, 5)
		got := strings.Join(strings.Fields(plain(a)), " ")
		if !strings.Contains(got, "terminal too small (need 60×16)") {
			t.Errorf("at %dx5 the message is cut: %q", w, plain(a))
		}
	}
}

// reviewRevealed opens the review's agenda on the most disputed objective
// (Checkout works offline, median 52.5) and reveals it.
func reviewRevealed(t *testing.T, w, h int) (App, *store.Store) {
	t.Helper()
	a, st := newTestApp(t, w, h)
	return press(t, a, "3", "enter", " "), st
}

func TestApp_View_CursorWithoutColour(t *testing.T) {
	tests := []struct {
		name string
		keys []string
	}{
		{"review agenda", []string{"3", "enter"}},
		{"assess list", []string{"2", "enter"}},
		{"history list", []string{"5"}},
		{"dashboard", []string{"1"}},
		{"plan", []string{"4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, _ := newTestApp(t, 80, 24)
			a = press(t, a, tt.keys...)
			body := strings.Join(splitLines(a.View())[1:], "\n")
			if !strings.Contains(body, "▸ ") {
				t.Errorf("no ▸ marks the selected row (testRenderer has no colour):\n%s", body)
			}
		})
	}
	a, _ := newTestApp(t, 80, 24)
	if !strings.Contains(plain(a), "[1 Dashboard]") {
		t.Errorf("the active tab is not marked without colour:\n%s", plain(a))
	}
}

func TestReview_Update_AgreeTypingReplacesMedian(t *testing.T) {
	a, st := reviewRevealed(t, 80, 24)
	a = press(t, a, "v")
	contains(t, plain(a), "median 52.5", "53")
	a = press(t, a, "4", "5", "enter")
	d := sprintData(t, st)
	for _, o := range d.Outcomes {
		if o.Agreed != nil && *o.Agreed != 45 {
			t.Fatalf("agreed %d, want 45", *o.Agreed)
		}
		if o.Agreed != nil {
			return
		}
	}
	t.Fatal("no agreed value saved")
}

func TestPlan_Update_NewSprintNameReplaced(t *testing.T) {
	a, st := openPlan(t)
	a = planPress(t, a, "n")
	contains(t, plain(a), "Sprint 26")
	a = planPress(t, a, "H", "a", "l", "f", "enter")
	if _, ok := findSprint(t, st, "Half"); !ok {
		t.Fatalf("no sprint \"Half\": typing did not replace the suggested name\n%s", plain(a))
	}
}

func TestApp_View_MedianOneFormat(t *testing.T) {
	a, _ := reviewRevealed(t, 120, 40)
	contains(t, plain(a), "median 52.5 ·", "▲ median 52.5")
	a = press(t, a, "1")
	contains(t, plain(a), "52.5%")
	a = press(t, a, "2", "enter")
	contains(t, plain(a), "median 52.5%")
}

// figure's cases are export.Figure's now (export/format_test.go).
func TestFigure_Format(t *testing.T) {
	if ui.RoundHalfUp(52.5) != 53 || ui.RoundHalfUp(52.4) != 52 {
		t.Error("roundHalfUp does not round halves up")
	}
}

func TestPlan_Update_CursorDoesNotSwitchSprint(t *testing.T) {
	a, _ := openPlan(t)
	a = planPress(t, a, "j")
	if got := a.data.Sprint.Sprint.Name; got != "Sprint 25" {
		t.Fatalf("moving over the sprints showed %q everywhere", got)
	}
	contains(t, plain(a), "enter shows Sprint 24")
	a = planPress(t, a, "enter")
	if got := a.data.Sprint.Sprint.Name; got != "Sprint 24" {
		t.Fatalf("enter showed %q, want Sprint 24", got)
	}
	header := splitLines(a.View())[0]
	if !strings.Contains(header, "Sprint 24 (not current)") {
		t.Errorf("header does not mark the sprint as not current: %q", header)
	}
	a = planPress(t, a, "1")
	contains(t, plain(a), "Sprint 24 (not current)")
}

func TestApp_View_HeaderSprintFirst(t *testing.T) {
	a, _ := newTestApp(t, 80, 24)
	header := splitLines(a.View())[0]
	if !strings.Contains(header, "Sprint 25 · review") || strings.Contains(header, "…") {
		t.Errorf("header %q: want the sprint whole, team dropped first", header)
	}
	a, _ = newTestApp(t, 120, 24)
	if header := splitLines(a.View())[0]; !strings.Contains(header, "Sprint 25 · review · Checkout Crew") {
		t.Errorf("header %q lacks the team at 120 columns", header)
	}
}

// helpStates are keys leading to each screen state whose help must fit.
var helpStates = [][]string{
	{"1"}, {"2"}, {"2", "enter"}, {"2", "enter", "n"}, {"2", "enter", "p"},
	{"3"}, {"3", "enter"}, {"3", "enter", " ", "v"}, {"3", "enter", " ", "a"},
	{"4"}, {"4", "l"}, {"4", "l", "l"}, {"4", "]"}, {"4", "]", "]"}, {"4", "n"},
	{"5"},
}

func TestApp_View_ShortHelpFits(t *testing.T) {
	for _, keys := range helpStates {
		a, _ := newTestApp(t, 80, 24)
		a = press(t, a, keys...)
		lines := splitLines(a.View())
		last := lines[len(lines)-1]
		if strings.Contains(last, "…") {
			t.Errorf("%v: short help cut: %q", keys, last)
		}
		if !strings.Contains(last, "? more keys") && !strings.Contains(last, "ctrl+c quit now") {
			t.Errorf("%v: short help lacks \"? more keys\": %q", keys, last)
		}
	}
}

func TestApp_View_FullHelpShowsEveryBinding(t *testing.T) {
	for _, keys := range [][]string{{"1"}, {"2", "enter"}, {"3", "enter"}, {"4"}, {"4", "l", "l"}, {"4", "]"}, {"5"}} {
		a, _ := newTestApp(t, 80, 24)
		a = press(t, a, keys...)
		a = press(t, a, "?")
		view := plain(a)
		for _, g := range a.helpKeys().full {
			for _, b := range g {
				if b.Enabled() && !strings.Contains(view, b.Help().Desc) {
					t.Errorf("%v: full help at 80x24 lacks %q:\n%s", keys, b.Help().Key+" "+b.Help().Desc, view)
				}
			}
		}
	}
}

func TestDashboard_View_Columns(t *testing.T) {
	a, _ := newTestApp(t, 200, 50)
	var head string
	for _, l := range splitLines(a.View()) {
		if strings.Contains(l, "Objective") && strings.Contains(l, "Median") {
			head = l
		}
	}
	if i := strings.Index(head, "Median"); i < 0 || i > 2+dashboard.MaxTitle+1 {
		t.Errorf("at 200 columns the figures start at %d: %q", i, head)
	}
	a, _ = newTestApp(t, 60, 24)
	view := plain(a)
	contains(t, view, "Checkout works offline", "Loyalty points at checkout")
	if strings.Contains(view, "Range") {
		t.Error("at 60 columns the range column should give way to the titles")
	}
}

func TestReview_View_AnonymousHidesNames(t *testing.T) {
	a, st := reviewRevealed(t, 120, 40)
	a = press(t, a, "a", "D", "o", "c", "s", "tab", "enter") // an action item owned by the first member
	a = press(t, a, "x")
	ms, _ := st.Members()
	owner := ms[0].Handle
	for _, l := range splitLines(a.View()) {
		if strings.Contains(l, "☐") {
			if !strings.Contains(l, owner) {
				t.Errorf("action item owner hidden in anonymous mode: %q", l)
			}
			continue
		}
		for _, m := range ms {
			if regexp.MustCompile(`\b`+m.Handle+`\b`).MatchString(l) && !strings.Contains(l, "action item added") {
				t.Errorf("anonymous mode shows %q: %q", m.Handle, l)
			}
		}
	}
	st0 := a.reviewScreen.Agenda()[a.reviewScreen.Cursor()]
	list := a.reviewScreen.Unnamed(st0.Objective.ID)
	for i := 1; i < len(list); i++ {
		if list[i].Progress < list[i-1].Progress {
			t.Fatalf("anonymous notes not in estimate order: %v", list)
		}
	}
}

func TestPlan_View_LabelledColumns(t *testing.T) {
	a, _ := openPlan(t)
	a = planPress(t, a, "l")
	contains(t, plain(a), "stories", "agreed", "2 of 5 stories done, 8 of 26 points (31%)")
}

func TestPlan_View_CarryListAligned(t *testing.T) {
	a, _ := openPlan(t)
	a = planPress(t, a, "c")
	col := -1
	for _, l := range splitLines(a.View()) {
		if !strings.Contains(l, "│   [x] ") && !strings.Contains(l, "│   [ ] ") {
			continue
		}
		i := strings.Index(l, "from ")
		if i < 0 {
			i = strings.Index(l, "no agreed value")
		}
		i = len([]rune(l[:i]))
		if col >= 0 && i != col {
			t.Errorf("carry list not aligned: column %d, want %d: %q", i, col, l)
		}
		col = i
	}
	if col < 0 {
		t.Fatalf("no carry list:\n%s", plain(a))
	}
}

// TestAssess_View_LongDescriptionSaysMore: the objective's description gets
// two lines on Assess; a longer one ends in "…" instead of stopping mid-word.
func TestAssess_View_LongDescriptionSaysMore(t *testing.T) {
	a, _ := newTestApp(t, 80, 24)
	a = press(t, a, "2", "enter") // pick the first member
	view := plain(a)
	// The demo's first objective has a three-line description at 80x24.
	if !strings.Contains(view, "Shoppers can build a basket") {
		t.Fatalf("assess screen does not show the description:\n%s", view)
	}
	var last string
	for _, l := range splitLines(view) {
		if strings.Contains(l, "no connection") {
			last = strings.TrimRight(l, " ")
		}
	}
	if !strings.HasSuffix(last, "…") {
		t.Errorf("the cut description line %q does not end in …\n%s", last, view)
	}
}

// TestHistory_View_MembersSeeNoOpenSprintScore: a member's History shows no
// score for the sprint in review, which is made of unrevealed estimates; the
// facilitator's does.
func TestHistory_View_MembersSeeNoOpenSprintScore(t *testing.T) {
	st := newTestStore(t)
	for _, fac := range []bool{true, false} {
		a := New(Options{Store: st, Now: testClock, Renderer: testRenderer(), Width: 120, Height: 40, As: memberID(t, st, "jonas").ID, Facilitator: fac})
		t.Cleanup(func() { a.Close(5 * time.Second) })
		a = drive(t, a, a.Init())
		a = press(t, a, "shift+tab", "5") // via Dashboard: digits type on Assess
		var row string
		for _, l := range splitLines(a.View()) {
			if strings.Contains(l, "Sprint 25") && strings.Contains(l, "review") {
				row = l
			}
		}
		hasScore := strings.Contains(row, "█") || strings.Contains(row, "░")
		if hasScore != fac {
			t.Errorf("facilitator %v: Sprint 25 row %q shows a score: %v", fac, row, hasScore)
		}
	}
}
