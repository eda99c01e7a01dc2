package views

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/export"
	"github.com/charmbracelet/x/exp/teatest"
)

// startFlow runs the app in a teatest program at 80×24 on the demo store.
func startFlow(t *testing.T) (*teatest.TestModel, *App) {
	t.Helper()
	st := newTestStore(t)
	a := New(Options{Store: st, Now: testClock, Renderer: testRenderer(), Width: 80, Height: 24, Facilitator: true})
	tm := teatest.NewTestModel(t, a, teatest.WithInitialTermSize(80, 24))
	return tm, &a
}

// waitFor waits until the program's output contains s.
func waitFor(t *testing.T, tm *teatest.TestModel, s string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(s)) },
		teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

// send types keys one by one, as a person would.
func send(tm *teatest.TestModel, keys ...string) {
	for _, k := range keys {
		tm.Send(keyMsg(k))
	}
}

// finish quits and returns the final app with its writes drained.
func finish(t *testing.T, tm *teatest.TestModel) App {
	t.Helper()
	send(tm, "q")
	a, ok := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(App)
	if !ok {
		t.Fatal("final model is not an App")
	}
	if !a.Close(5 * time.Second) {
		t.Fatal("writes did not drain")
	}
	if err := a.Err(); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestFlow_Assess_TwoObjectivesPersist(t *testing.T) {
	tm, _ := startFlow(t)
	waitFor(t, tm, "Dashboard")
	send(tm, "2")
	waitFor(t, tm, "Who are you?")
	send(tm, "/", "l", "i", "n", "enter")
	waitFor(t, tm, "Assessing as")
	send(tm, "p", "7", "3", "enter", "down", "p", "2", "1", "enter", "+")
	waitFor(t, tm, " 21%")
	a := finish(t, tm)

	d := sprintData(t, a.deps.Store)
	lin := memberID(t, a.deps.Store, "lin")
	objs := a.assessScreen.Objectives()
	want := map[string]int{objs[0].Title: 73, objs[1].Title: 21}
	for _, as := range d.Assessments {
		for _, o := range objs[:2] {
			if as.MemberID == lin.ID && as.ObjectiveID == o.ID {
				if as.Progress != want[o.Title] {
					t.Errorf("%s: stored %d, want %d", o.Title, as.Progress, want[o.Title])
				}
				delete(want, o.Title)
			}
		}
	}
	if len(want) > 0 {
		t.Errorf("not stored: %v", want)
	}
}

func TestFlow_Review_RevealAgreeActionInExport(t *testing.T) {
	tm, _ := startFlow(t)
	waitFor(t, tm, "Dashboard")
	send(tm, "3")
	waitFor(t, tm, "Before the agenda")
	send(tm, "enter", " ")
	waitFor(t, tm, "median")
	send(tm, "v", "backspace", "backspace", "5", "5", "enter")
	waitFor(t, tm, "55%")
	send(tm, "a")
	for _, r := range "Define offline done" {
		tm.Type(string(r))
	}
	send(tm, "tab", "enter")
	waitFor(t, tm, "action item added")
	a := finish(t, tm)

	st := a.deps.Store
	d := sprintData(t, st)
	first := a.reviewScreen.Agenda()[0].Objective.ID
	revealed := false
	for _, o := range d.Outcomes {
		if o.ObjectiveID == first && o.Revealed {
			revealed = true
		}
	}
	if !revealed {
		t.Error("the reveal was not stored")
	}
	ws, _ := st.Workspace()
	members, _ := st.Members()
	goals, _ := st.Goals()
	var md bytes.Buffer
	if err := export.Markdown(&md, export.Summary{Team: ws.Team, Sprint: d, Members: members, Goals: goals, Settings: ws.Settings}); err != nil {
		t.Fatal(err)
	}
	out := md.String()
	for _, want := range []string{"Define offline done (owner: amara", "**Agreed progress:** 55"} {
		if !strings.Contains(out, want) {
			t.Errorf("export lacks %q:\n%s", want, out)
		}
	}
}
