package views

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/model"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// checkFits fails when view has more than h lines or a line wider than w.
func checkFits(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) > h {
		t.Errorf("%d lines, want at most %d", len(lines), h)
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Errorf("line %d is %d wide, want at most %d: %q", i, lw, w, ansi.Strip(l))
		}
	}
}

// agendaAt moves the Review agenda's cursor to the objective titled title.
func agendaAt(t *testing.T, a App, title string) App {
	t.Helper()
	for i, st := range a.reviewScreen.Agenda() {
		if st.Objective.Title == title {
			for range i - a.reviewScreen.Cursor() {
				a = press(t, a, "down")
			}
			return a
		}
	}
	t.Fatalf("no objective %q on the agenda", title)
	return a
}

// wheel turns the mouse wheel at column x, row y of the terminal.
func wheel(t *testing.T, a App, x, y int, down bool) App {
	t.Helper()
	b := tea.MouseButtonWheelUp
	if down {
		b = tea.MouseButtonWheelDown
	}
	m, cmd := a.Update(tea.MouseMsg{X: x, Y: y, Button: b, Action: tea.MouseActionPress})
	return drive(t, m.(App), cmd)
}

func TestReview_View_DetailScrolls(t *testing.T) {
	a, _ := reviewRevealed(t, 80, 24)
	jonasNote := "Basket and queue"
	view := plain(a)
	contains(t, view, "mateo       30%", "more lines (pgdn)")
	if strings.Contains(view, jonasNote) {
		t.Fatalf("at 80x24 every note fits; the test needs a cut list:\n%s", view)
	}
	a = press(t, a, "pgdown")
	view = plain(a)
	contains(t, view, jonasNote, "(pgup)", "1/6  Checkout works offline")
	if strings.Contains(view, "(pgdn)") {
		t.Errorf("scrolled to the end, the pane still offers pgdn:\n%s", view)
	}
	a = press(t, a, "pgup")
	contains(t, plain(a), "more lines (pgdn)")
	if strings.Contains(plain(a), jonasNote) {
		t.Errorf("pgup did not scroll back:\n%s", plain(a))
	}

	// The wheel over the pane scrolls it; over the agenda it moves the cursor.
	a = wheel(t, a, 40, 12, true)
	contains(t, plain(a), "(pgup)")
	if a.reviewScreen.Cursor() != 0 {
		t.Errorf("the wheel over the detail moved the cursor to %d", a.reviewScreen.Cursor())
	}
	a = wheel(t, a, 40, 12, false)
	if a.reviewScreen.Scroll() != 0 {
		t.Errorf("scroll %d after the wheel back up, want 0", a.reviewScreen.Scroll())
	}

	// Another objective starts at the top.
	a = press(t, a, "pgdown", "down")
	if a.reviewScreen.Scroll() != 0 || strings.Contains(plain(a), "(pgup)") {
		t.Errorf("the scroll survived a change of objective (scroll %d):\n%s", a.reviewScreen.Scroll(), plain(a))
	}
}

func TestReview_View_InputAlwaysVisible(t *testing.T) {
	inputs := []struct {
		key, want string
	}{
		{"v", "Agreed % (0–100"},
		{"n", "Discussion notes"},
		{"a", "Action:"},
	}
	for _, size := range [][2]int{{60, 16}, {80, 24}, {120, 40}} {
		for _, in := range inputs {
			t.Run(fmt.Sprintf("%s_%dx%d", in.key, size[0], size[1]), func(t *testing.T) {
				a, _ := reviewRevealed(t, size[0], size[1])
				a = press(t, a, in.key)
				view := plain(a)
				contains(t, view, in.want, "esc", "1/6  Checkout")
				checkFits(t, a.View(), size[0], size[1])
				if !strings.Contains(view, "% c") && !strings.Contains(view, "more lines (pgdn)") {
					t.Errorf("neither a note nor a hint that more follows:\n%s", view)
				}
				// Scrolling while typing keeps the input in view.
				a = press(t, a, "pgdown", "pgdown", "pgup")
				contains(t, plain(a), in.want)
			})
		}
	}
}

func TestReview_View_EveryHandleOnThePlot(t *testing.T) {
	for _, size := range [][2]int{{60, 16}, {80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			a, _ := newTestApp(t, size[0], size[1])
			a = reviewAgenda(t, a)
			a = agendaAt(t, a, "Loyalty points at checkout")
			a = press(t, a, " ")
			r := a.reviewScreen
			st, _ := r.Current()
			plot := ansi.Strip(strings.Join(r.Plot(), "\n"))
			for _, e := range st.Estimates {
				if !strings.Contains(plot, e.Handle) {
					t.Errorf("the plot lacks %s (%d):\n%s", e.Handle, e.Progress, plot)
				}
			}
			if !strings.ContainsAny(plot, "23456789") {
				t.Errorf("coinciding estimates show no count:\n%s", plot)
			}
		})
	}
}

func TestReview_Update_EnterOnHiddenAsksToReveal(t *testing.T) {
	a, st := newTestApp(t, 80, 24)
	a = reviewAgenda(t, a)
	first := a.reviewScreen.Agenda()[0].Objective.ID
	a = press(t, a, "enter")
	contains(t, plain(a), "reveal it first (space)")
	if a.reviewScreen.Cursor() != 0 || a.reviewScreen.Outcome(first).Discussed {
		t.Fatalf("enter on a hidden objective marked it discussed or moved on (cursor %d)", a.reviewScreen.Cursor())
	}
	a = press(t, a, " ", "enter")
	if a.reviewScreen.Cursor() != 1 {
		t.Errorf("cursor %d after enter on a revealed objective, want 1", a.reviewScreen.Cursor())
	}
	a.Close(5 * time.Second)
	for _, o := range sprintData(t, st).Outcomes {
		if o.ObjectiveID == first && (!o.Discussed || !o.Revealed) {
			t.Errorf("stored outcome revealed %v, discussed %v; want both", o.Revealed, o.Discussed)
		}
	}
}

func TestReview_ShortHelp_RevealThenHideAgain(t *testing.T) {
	a, _ := newTestApp(t, 120, 40)
	a = reviewAgenda(t, a)
	help := func(a App) string { l := splitLines(a.View()); return l[len(l)-1] }
	if h := help(a); !strings.Contains(h, "space reveal") || strings.Contains(h, "enter done") {
		t.Errorf("hidden objective's help: %q, want space reveal and no enter", h)
	}
	a = press(t, a, " ")
	if h := help(a); strings.Contains(h, "space reveal") || !strings.Contains(h, "enter done") {
		t.Errorf("revealed objective's help: %q, want enter and no space reveal", h)
	}
	a = press(t, a, "?")
	if v := plain(a); strings.Contains(v, "space reveal") || !strings.Contains(v, "space hide again") {
		t.Errorf("full help for a revealed objective should offer hiding, not revealing:\n%s", v)
	}
	contains(t, plain(a), "pgdn")
	a = press(t, a, "?", " ")
	if id := a.reviewScreen.Agenda()[0].Objective.ID; a.reviewScreen.Revealed(id) {
		t.Error("space on a revealed objective did not hide it again")
	}
	if v := plain(a); strings.Contains(v, "median") || !strings.Contains(v, "space reveal") {
		t.Errorf("hidden again, the screen still shows figures or lacks space reveal:\n%s", v)
	}
}

func TestReview_View_MembersSeeNoFacilitatorHints(t *testing.T) {
	tests := []struct {
		name        string
		facilitator bool
		state       model.SprintState
		want, not   []string
	}{
		{name: "facilitator in review", facilitator: true, state: model.StateReview,
			want: []string{"Tick off what is done (space)", "Agreed: not yet (v)"}},
		{name: "member in review", state: model.StateReview,
			want: []string{"The facilitator ticks off", "Agreed: not yet"}, not: []string{"(space)", "(v)"}},
		{name: "facilitator assessing", facilitator: true, state: model.StateAssessing, want: []string{"Press R"}},
		{name: "member assessing", state: model.StateAssessing, want: []string{"revealed in review"}, not: []string{"Press R", "(v)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := newTestStore(t)
			sp := sprintData(t, st).Sprint
			sp.State = tt.state
			if _, err := st.SaveSprint(sp); err != nil {
				t.Fatal(err)
			}
			a := New(Options{Store: st, Now: testClock, Renderer: testRenderer(), Width: 120, Height: 40, Facilitator: tt.facilitator})
			t.Cleanup(func() { a.Close(5 * time.Second) })
			a = drive(t, a, a.Init())
			a = press(t, a, "3")
			view := plain(a)
			if a.reviewScreen.InActions() {
				a = press(t, a, "enter")
				view += plain(a)
			}
			contains(t, view, tt.want...)
			for _, n := range tt.not {
				if strings.Contains(view, n) {
					t.Errorf("view shows %q:\n%s", n, view)
				}
			}
		})
	}
}

func TestReview_View_OneResponse(t *testing.T) {
	a, _ := reviewRevealed(t, 120, 40)
	r := a.reviewScreen
	st, _ := r.Current()
	st.Estimates = st.Estimates[:1]
	e := st.Estimates[0]
	st.Responses, st.Abstained, st.Level = 1, 0, model.LevelNone
	st.Median, st.Min, st.Max, st.Spread, st.StdDev, st.Outliers = float64(e.Progress), e.Progress, e.Progress, 0, 0, nil
	r = r.WithCurrentStats(st)
	view := ansi.Strip(r.View())
	contains(t, view, "1 response ", "one response, nothing to compare")
	for _, bad := range []string{"1 responses", "· ·", "n/a"} {
		if strings.Contains(view, bad) {
			t.Errorf("view shows %q:\n%s", bad, view)
		}
	}
}

// TestReview_View_NotesWrap: a note longer than the pane wraps under its
// author instead of being cut, so it can be read out whole.
func TestReview_View_NotesWrap(t *testing.T) {
	a, _ := reviewRevealed(t, 80, 24)
	view := plain(a)
	contains(t, view, "Nothing is done until a queued order", "survives a real train ride.")
	for _, l := range splitLines(view) {
		if strings.Contains(l, "Nothing is done") && strings.HasSuffix(strings.TrimRight(l, " "), "…") {
			t.Errorf("the note is cut: %q", l)
		}
	}
}
