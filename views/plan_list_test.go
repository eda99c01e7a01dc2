package views

import (
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/demo"
	"github.com/align-team/align/store"
	"github.com/align-team/align/views/plan"
	"github.com/align-team/align/views/ui"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

func TestPlan_Update_Filter(t *testing.T) {
	a, _ := openPlan(t)
	a = planPress(t, a, "/", "24")
	if !a.planScreen.Capturing() {
		t.Fatal("the filter does not capture keys")
	}
	a = planPress(t, a, "enter")
	view := plain(a)
	contains(t, view, "Sprint 24", "/24 (1)")
	if strings.Contains(view, "Sprint 23") {
		t.Errorf("filter kept Sprint 23:\n%s", view)
	}
	a = planPress(t, a, "esc")
	contains(t, plain(a), "Sprint 23")
}

func TestPlan_Update_MouseSelectsRow(t *testing.T) {
	a, _ := openPlan(t)
	// Content row 3 is the second sprint (tabs, list header, first sprint);
	// the header above the content is one line.
	m, cmd := a.Update(tea.MouseMsg{X: 2, Y: 1 + 3, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	a = drive(t, m.(App), cmd)
	if sp, _ := a.planScreen.SelectedSprint(); sp.Name != "Sprint 24" {
		t.Errorf("click selected %q, want Sprint 24", sp.Name)
	}
	if got := a.data.Sprint.Sprint.Name; got != "Sprint 25" {
		t.Errorf("a click changed the sprint on show to %q", got)
	}
	a = planPress(t, a, "enter")
	if got := a.data.Sprint.Sprint.Name; got != "Sprint 24" {
		t.Errorf("enter showed %q, want Sprint 24", got)
	}
}

func TestPlan_View_FitsEverySize(t *testing.T) {
	a, _ := openPlan(t)
	for _, keys := range [][]string{nil, {"n"}, {"j", "c"}, {"]"}, {"]", "]", "n"}, {"l", "l"}} {
		b := planPress(t, a, keys...)
		for _, sz := range [][2]int{{60, 16}, {80, 24}, {200, 50}} {
			p := b.planScreen.SetSize(sz[0], sz[1]-3)
			lines := strings.Split(p.View(), "\n")
			if len(lines) > sz[1]-3 {
				t.Errorf("%v at %v: %d lines", keys, sz, len(lines))
			}
			for _, l := range lines {
				if w := len([]rune(ansi.Strip(l))); w > sz[0] {
					t.Errorf("%v at %v: line %d wide", keys, sz, w)
				}
			}
		}
	}
}

func TestPlan_Update_LongListsScroll(t *testing.T) {
	st, err := store.Open(t.TempDir()+"/align.db", store.Options{Now: testClock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	if err := st.Apply(demo.Generate(testNow, demo.Size{Sprints: 60, Members: 40, Objectives: 3, Stories: 4, Seed: 7})); err != nil {
		t.Fatal(err)
	}
	a := New(Options{Store: st, Now: testClock, Renderer: testRenderer(), Width: 80, Height: 24, Facilitator: true})
	t.Cleanup(func() { a.Close(5 * time.Second) })
	a = drive(t, a, a.Init())
	a = planPress(t, a, "4", "]", "]")
	for range 30 {
		a = planPress(t, a, "j")
	}
	m, _ := a.planScreen.SelectedMember()
	view := plain(a)
	contains(t, view, m.Handle)
	if rows := strings.Count(view, "\n"); rows > 24 {
		t.Errorf("%d lines", rows)
	}
	a = planPress(t, a, "/", m.Handle, "enter")
	contains(t, plain(a), "/"+m.Handle+" (1)")
	// The sprint list keeps the shown sprint in view, far down the list.
	a = planPress(t, a, "[", "[")
	for range 40 {
		a = planPress(t, a, "j")
	}
	contains(t, plain(a), a.data.Sprint.Sprint.Name+" ")
}

func TestPlan_SuggestSprint_FollowsTheLatest(t *testing.T) {
	a, _ := openPlan(t)
	sp := a.planScreen.SuggestSprint(testNow)
	if sp.Name != "Sprint 26" || ui.DateText(sp.Start) != "2025-03-14" || ui.DateText(sp.End) != "2025-03-27" {
		t.Errorf("suggested %s %s → %s", sp.Name, ui.DateText(sp.Start), ui.DateText(sp.End))
	}
	empty := plan.New(ui.Deps{Now: testClock})
	sp = empty.SuggestSprint(testNow.Add(3 * time.Hour))
	if sp.Name != "" || ui.DateText(sp.Start) != "2025-03-12" || ui.DateText(sp.End) != "2025-03-25" {
		t.Errorf("first sprint suggested as %+v", sp)
	}
}

func TestPlan_Update_EmptyWorkspaceFirstSprint(t *testing.T) {
	st, err := store.Open(t.TempDir()+"/align.db", store.Options{Now: testClock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	a := New(Options{Store: st, Now: testClock, Renderer: testRenderer(), Width: 80, Height: 24, Facilitator: true})
	t.Cleanup(func() { a.Close(5 * time.Second) })
	a = drive(t, a, a.Init())
	a = planPress(t, a, "4")
	contains(t, plain(a), "No sprint yet", "none yet: n adds one")
	a = planPress(t, a, "l", "n")
	contains(t, plain(a), "no sprint yet")
	a = planPress(t, a, "h", "n", "enter")
	contains(t, plain(a), "sprint name: must not be empty")
	a = planPress(t, a, "Sprint 1", "enter")
	d := mustSprint(t, st, "Sprint 1")
	if ui.DateText(d.Sprint.Start) != "2025-03-12" || ui.DateText(d.Sprint.End) != "2025-03-25" {
		t.Errorf("first sprint dates %s → %s", ui.DateText(d.Sprint.Start), ui.DateText(d.Sprint.End))
	}
	a = planPress(t, a, "l", "n", "First objective", "enter")
	if got := len(mustSprint(t, st, "Sprint 1").Objectives); got != 1 {
		t.Errorf("objectives = %d", got)
	}
	contains(t, plain(a), "First objective", "Planning: the plan is editable")
}

func TestPlan_Update_NotFacilitatorCannotEdit(t *testing.T) {
	st := newTestStore(t)
	a := New(Options{Store: st, Now: testClock, Renderer: testRenderer(), Width: 80, Height: 24})
	t.Cleanup(func() { a.Close(5 * time.Second) })
	a = drive(t, a, a.Init())
	a = planPress(t, a, "4", "n")
	contains(t, plain(a), "only the facilitator edits the plan")
	if a.planScreen.FormOpen() {
		t.Error("a form opened for a non-facilitator")
	}
}
