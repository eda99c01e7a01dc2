package dashboard

import (
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/model"
	"github.com/align-team/align/views/ui"
	"github.com/align-team/align/views/uitest"
	"github.com/google/uuid"
)

// loaded is the screen at 80x24 after the root broadcast a snapshot with
// two objectives of a sprint in state st.
func loaded(t *testing.T, st model.SprintState) (Model, []model.Objective) {
	t.Helper()
	day := time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC)
	sp := model.Sprint{Name: "Sprint 9", State: st, Start: day.AddDate(0, 0, -7), End: day.AddDate(0, 0, 6)}
	objs := []model.Objective{{Title: "Checkout works offline"}, {Title: "Refunds without an engineer"}}
	var stats []model.ObjectiveStats
	for i := range objs {
		objs[i].ID = uuid.New()
		stats = append(stats, model.ObjectiveStats{Objective: objs[i], Responses: 3})
	}
	d := ui.WorkspaceData{HasSprint: true, Current: true, Today: day,
		Sprint: model.SprintData{Sprint: sp, Objectives: objs},
		Report: model.SprintReport{Sprint: sp, Objectives: stats, Submitted: 3, Expected: 4, NotSubmitted: []string{"lin"}}}
	m := New(ui.Deps{Styles: ui.NewStyles(uitest.Renderer())}).SetSize(80, 20)
	m, _ = m.Update(ui.WorkspaceLoadedMsg{Data: d})
	return m, objs
}

// The screen reads only what the root hands it, and asks the root (a
// ui.NavigateMsg, never a call into another screen) to open the review.
func TestDashboard_Update_EnterAsksTheRootForTheReview(t *testing.T) {
	m, objs := loaded(t, model.StateAssessing)
	if v := m.View(); !strings.Contains(v, "Submissions: 3 of 4 — waiting for lin") || !strings.Contains(v, "Figures stay hidden") {
		t.Fatalf("view:\n%s", v)
	}
	m, _ = m.Update(uitest.KeyMsg("j"))
	_, cmd := m.Update(uitest.KeyMsg("enter"))
	if cmd == nil {
		t.Fatal("enter on an objective asked for nothing")
	}
	msg, ok := cmd().(ui.NavigateMsg)
	if !ok || msg.To != ui.ScreenReview || msg.Objective != objs[1].ID {
		t.Fatalf("enter asked for %#v, want the review of %q", msg, objs[1].Title)
	}
}

func TestDashboard_View_BeforeTheFirstLoad(t *testing.T) {
	m := New(ui.Deps{Styles: ui.NewStyles(uitest.Renderer())}).SetSize(80, 20)
	if v := m.View(); !strings.Contains(v, "Loading the workspace") {
		t.Fatalf("view before any load: %q", v)
	}
}
