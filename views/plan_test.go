package views

import (
	"slices"
	"strings"
	"testing"

	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/google/uuid"
)

// planKeyMsg extends keyMsg with the control keys Plan forms use; text of
// more than one rune arrives as one message, like a paste.
func planKeyMsg(k string) tea.KeyMsg {
	switch k {
	case "ctrl+s":
		return tea.KeyMsg{Type: tea.KeyCtrlS}
	case "ctrl+u":
		return tea.KeyMsg{Type: tea.KeyCtrlU}
	}
	return keyMsg(k)
}

// planPress sends keys (see planKeyMsg) and drives the app.
func planPress(t *testing.T, a App, keys ...string) App {
	t.Helper()
	for _, k := range keys {
		m, cmd := a.Update(planKeyMsg(k))
		a = drive(t, m.(App), cmd)
	}
	return a
}

// openPlan returns the demo app on the Plan screen at 80×24.
func openPlan(t *testing.T) (App, *store.Store) {
	t.Helper()
	a, st := newTestApp(t, 80, 24)
	return planPress(t, a, "4"), st
}

func findSprint(t *testing.T, st *store.Store, name string) (model.Sprint, bool) {
	t.Helper()
	ss, err := st.Sprints()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range ss {
		if s.Name == name {
			return s, true
		}
	}
	return model.Sprint{}, false
}

func mustSprint(t *testing.T, st *store.Store, name string) model.SprintData {
	t.Helper()
	sp, ok := findSprint(t, st, name)
	if !ok {
		t.Fatalf("no sprint %q in the store", name)
	}
	d, err := st.SprintData(sp.ID)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestPlan_Update_CreateSprintObjectiveStory(t *testing.T) {
	a, st := openPlan(t)
	a = planPress(t, a, "n", "ctrl+u", "Sprint 30", "tab", "ctrl+u", "2025-03-17", "tab", "ctrl+u", "2025-03-28",
		"tab", "Offline first", "ctrl+s")
	if a.planScreen.FormOpen() {
		t.Fatalf("form still open:\n%s", plain(a))
	}
	d := mustSprint(t, st, "Sprint 30")
	sp := d.Sprint
	if sp.State != model.StatePlanning || sp.Goal != "Offline first" ||
		sp.Start.Format(model.DateLayout) != "2025-03-17" || sp.End.Format(model.DateLayout) != "2025-03-28" {
		t.Errorf("sprint saved as %+v", sp)
	}
	if a.data.Sprint.Sprint.ID != sp.ID {
		t.Errorf("the new sprint is not shown: %q", a.data.Sprint.Sprint.Name)
	}

	a = planPress(t, a, "l", "n", "Basket survives offline", "tab", "Keep it local", "tab", "never", "enter")
	d = mustSprint(t, st, "Sprint 30")
	if len(d.Objectives) != 1 {
		t.Fatalf("objectives = %+v", d.Objectives)
	}
	o := d.Objectives[0]
	if o.Title != "Basket survives offline" || o.Description != "Keep it local" || a.data.GoalTitle(o.GoalID) != "Checkout never loses an order" {
		t.Errorf("objective saved as %+v (goal %q)", o, a.data.GoalTitle(o.GoalID))
	}

	a = planPress(t, a, "l", "n", "As a shopper I keep my basket", "tab", "5x", "tab", "right", "tab", "SHOP-1", "enter")
	d = mustSprint(t, st, "Sprint 30")
	if len(d.Stories) != 1 {
		t.Fatalf("stories = %+v", d.Stories)
	}
	s := d.Stories[0]
	if s.Title != "As a shopper I keep my basket" || s.Points != 5 || s.Status != model.StoryDoing || s.Key != "SHOP-1" || s.ObjectiveID != o.ID {
		t.Errorf("story saved as %+v", s)
	}
	contains(t, plain(a), "As a shopper I keep my basket", "SHOP-1", "◐ doing")

	// space moves the story on; K/J reorder once there are two.
	a = planPress(t, a, " ")
	if d = mustSprint(t, st, "Sprint 30"); d.Stories[0].Status != model.StoryDone {
		t.Errorf("space left the story %s", d.Stories[0].Status)
	}
}

func TestPlan_Update_CreateGoalAndMember(t *testing.T) {
	a, st := openPlan(t)
	a = planPress(t, a, "]", "n", "Fewer support calls", "tab", "Line one", "ctrl+j", "Line two", "enter")
	gs, _ := st.Goals()
	var g model.Goal
	for _, x := range gs {
		if x.Title == "Fewer support calls" {
			g = x
		}
	}
	if g.ID == uuid.Nil || g.Description != "Line one\nLine two" || g.Archived {
		t.Fatalf("goal saved as %+v", g)
	}
	a = planPress(t, a, "a")
	gs, _ = st.Goals()
	for _, x := range gs {
		if x.ID == g.ID && !x.Archived {
			t.Error("a did not archive the goal")
		}
	}

	a = planPress(t, a, "]", "n", "Noor Haddad", "tab", "noor", "tab", "tab", " ", "enter")
	m := memberID(t, st, "noor")
	if m.Name != "Noor Haddad" || !m.Active || !m.Facilitator {
		t.Errorf("member saved as %+v", m)
	}
	a = planPress(t, a, "a")
	if m = memberID(t, st, "noor"); m.Active {
		t.Error("a did not make the member inactive")
	}
	contains(t, plain(a), "noor", "inactive")
}

func TestPlan_Update_InvalidDateKeepsInput(t *testing.T) {
	a, st := openPlan(t)
	before, _ := st.Sprints()
	a = planPress(t, a, "n", "tab", "ctrl+u", "2025-13-40", "enter")
	view := plain(a)
	contains(t, view, `"2025-13-40" is not a date; use YYYY-MM-DD`, "2025-13-40", "New sprint")
	if !a.planScreen.FormOpen() || !a.planScreen.Capturing() || !a.planScreen.Unsaved() {
		t.Error("the form closed on a bad date")
	}
	if got := a.planScreen.FormFocus(); got != "start" {
		t.Errorf("focus on %q, want start", got)
	}
	after, _ := st.Sprints()
	if len(after) != len(before) {
		t.Errorf("a sprint was saved: %d → %d", len(before), len(after))
	}
	// The end before the start is the store's rule, reported the same way.
	a = planPress(t, a, "ctrl+u", "2025-04-01", "tab", "ctrl+u", "2025-03-20", "enter")
	contains(t, plain(a), "is before the start date")
	if got := a.planScreen.FormFocus(); got != "end" {
		t.Errorf("focus on %q, want end", got)
	}
	a = planPress(t, a, "esc")
	if a.planScreen.FormOpen() {
		t.Error("esc did not close the form")
	}
}

func TestPlan_Update_DuplicateHandleKeepsForm(t *testing.T) {
	a, st := openPlan(t)
	a = planPress(t, a, "]", "]", "n", "Another Lin", "tab", "lin", "enter")
	contains(t, plain(a), `"lin" is already taken`)
	if !a.planScreen.FormOpen() || a.planScreen.FormText("name") != "Another Lin" {
		t.Error("the form lost its input")
	}
	ms, _ := st.Members()
	if len(ms) != 6 {
		t.Errorf("members = %d, want 6", len(ms))
	}
}

func TestPlan_Update_DeleteAsksFirst(t *testing.T) {
	a, st := openPlan(t)
	unused, err := st.SaveGoal(model.Goal{Title: "Nobody links this goal"})
	if err != nil {
		t.Fatal(err)
	}
	a = planPress(t, a, "1", "4", "]") // reload with the new goal
	gs, _ := st.Goals()
	for _, g := range a.planScreen.Goals() {
		if g.ID == unused.ID {
			break
		}
		a = planPress(t, a, "j")
	}
	a = planPress(t, a, "d")
	contains(t, plain(a), "Delete goal", "(y/n)")
	a = planPress(t, a, "n")
	if now, _ := st.Goals(); len(now) != len(gs) {
		t.Fatal("a cancelled delete deleted")
	}
	a = planPress(t, a, "d", "y")
	now, _ := st.Goals()
	if len(now) != len(gs)-1 || slices.ContainsFunc(now, func(g model.Goal) bool { return g.ID == unused.ID }) {
		t.Errorf("goal %q not deleted", unused.Title)
	}
	contains(t, plain(a), "deleted goal")
}

func TestPlan_Update_StateChanges(t *testing.T) {
	a, st := openPlan(t)
	state := func() model.SprintState { return mustSprint(t, st, "Sprint 25").Sprint.State }
	a = planPress(t, a, "<")
	contains(t, plain(a), "Move Sprint 25 back to assessing?")
	if got := state(); got != model.StateReview {
		t.Fatalf("< changed the state to %s before the confirmation", got)
	}
	a = planPress(t, a, "y")
	if got := state(); got != model.StateAssessing {
		t.Fatalf("< y gave %s, want assessing", got)
	}
	a = planPress(t, a, ">")
	contains(t, plain(a), "Move Sprint 25 to review?")
	a = planPress(t, a, "y")
	if got := state(); got != model.StateReview {
		t.Fatalf("> y gave %s, want review", got)
	}
	a = planPress(t, a, ">", "y")
	if got := state(); got != model.StateClosed {
		t.Fatalf("closing gave %s", got)
	}
	a = planPress(t, a, "<")
	contains(t, plain(a), "Sprint 25 is closed and stays read-only")
	for _, b := range a.planScreen.ShortHelp() {
		if b.Enabled() && (b.Help().Key == ">" || b.Help().Key == "e") {
			t.Errorf("help offers %q on a closed sprint", b.Help().Key)
		}
	}
}

func TestPlan_Update_ReadOnlyExplains(t *testing.T) {
	a, st := openPlan(t)
	before := len(mustSprint(t, st, "Sprint 25").Objectives)
	a = planPress(t, a, "l", "n")
	contains(t, plain(a), "editable only while planning or assessing")
	if a.planScreen.FormOpen() || len(mustSprint(t, st, "Sprint 25").Objectives) != before {
		t.Error("n opened a form on a sprint in review")
	}
	for _, b := range a.planScreen.ShortHelp() {
		if b.Enabled() && b.Help().Key == "n" {
			t.Error("help offers n on a sprint in review")
		}
	}
}

func TestPlan_Update_CarryOver(t *testing.T) {
	a, st := openPlan(t)
	src := mustSprint(t, st, "Sprint 24")
	agreed := map[uuid.UUID]int{}
	for _, o := range src.Outcomes {
		if o.Agreed != nil {
			agreed[o.ObjectiveID] = *o.Agreed
		}
	}
	a = planPress(t, a, "j")
	if a.data.Sprint.Sprint.ID == src.Sprint.ID {
		t.Fatal("moving the cursor changed the sprint on show")
	}
	a = planPress(t, a, "enter")
	if a.data.Sprint.Sprint.ID != src.Sprint.ID {
		t.Fatalf("j enter showed %q, want Sprint 24", a.data.Sprint.Sprint.Name)
	}
	a = planPress(t, a, "c")
	contains(t, plain(a), "Carry on from Sprint 24", `new sprint "Sprint 26"`)
	a = planPress(t, a, "enter")
	dst := mustSprint(t, st, "Sprint 26")
	if dst.Sprint.State != model.StatePlanning || a.data.Sprint.Sprint.ID != dst.Sprint.ID {
		t.Errorf("target %+v not planning or not shown", dst.Sprint)
	}
	want := 0
	for _, o := range src.Objectives {
		if v, ok := agreed[o.ID]; !ok || v < 100 {
			want++
		}
	}
	if len(dst.Objectives) != want || want == 0 {
		t.Fatalf("carried %d objectives, want %d", len(dst.Objectives), want)
	}
	for _, o := range dst.Objectives {
		v, ok := agreed[o.CarriedFrom]
		if o.CarriedFrom == uuid.Nil || (ok && (o.Baseline == nil || *o.Baseline != v)) || (!ok && o.Baseline != nil) {
			t.Errorf("objective %q: carried from %s, baseline %v, want %d", o.Title, o.CarriedFrom, o.Baseline, v)
		}
		for _, s := range dst.Stories {
			if s.ObjectiveID == o.ID && s.Status == model.StoryDone {
				t.Errorf("done story %q was copied", s.Title)
			}
		}
	}
	var notDone int
	carried := map[uuid.UUID]bool{}
	for _, o := range dst.Objectives {
		carried[o.CarriedFrom] = true
	}
	for _, s := range src.Stories {
		if carried[s.ObjectiveID] && s.Status != model.StoryDone {
			notDone++
		}
	}
	if len(dst.Stories) != notDone {
		t.Errorf("copied %d stories, want %d", len(dst.Stories), notDone)
	}

	// Carrying again into the same sprint adds nothing.
	a = planPress(t, a, "h", "j", "j", "enter", "c")
	contains(t, plain(a), "Sprint 26 · planning")
	a = planPress(t, a, "enter")
	contains(t, plain(a), "already in Sprint 26")
	if got := len(mustSprint(t, st, "Sprint 26").Objectives); got != want {
		t.Errorf("second carry left %d objectives, want %d", got, want)
	}
}

func TestPlan_Update_Reorder(t *testing.T) {
	a, st := openPlan(t)
	a = planPress(t, a, "n", "enter", "l", "n", "First", "enter", "n", "Second", "enter")
	titles := func() string {
		var out []string
		for _, o := range model.LiveObjectives(mustSprint(t, st, "Sprint 26")) {
			out = append(out, o.Title)
		}
		return strings.Join(out, ",")
	}
	if got := titles(); got != "First,Second" {
		t.Fatalf("objectives %s", got)
	}
	a = planPress(t, a, "K")
	if got := titles(); got != "Second,First" {
		t.Errorf("K gave %s", got)
	}
	a = planPress(t, a, "K")
	contains(t, plain(a), "already at the top")
	a = planPress(t, a, "J")
	if got := titles(); got != "First,Second" {
		t.Errorf("J gave %s", got)
	}
	a = planPress(t, a, "d", "y")
	if got := titles(); got != "First" {
		t.Errorf("after delete: %s", got)
	}
	a = planPress(t, a, "h", "d")
	contains(t, plain(a), `Delete sprint "Sprint 26" and all in it? (y/n)`)
	a = planPress(t, a, "y")
	if _, ok := findSprint(t, st, "Sprint 26"); ok {
		t.Error("Sprint 26 not deleted")
	}
	if got := a.data.Sprint.Sprint.Name; got != "Sprint 25" {
		t.Errorf("after deleting the shown sprint %q is shown, want Sprint 25", got)
	}
}
