package views

import (
	"fmt"
	"testing"

	"github.com/align-team/align/model"
	"github.com/align-team/align/views/ui"
)

func TestHistory_Update_EnterOpensThatSprintsReview(t *testing.T) {
	a, _ := newTestApp(t, 120, 40)
	a = press(t, a, "5", "j", "enter") // Sprint 24, closed
	if a.screen != ui.ScreenReview {
		t.Fatalf("enter on History goes to %v, want Review", a.screen)
	}
	if got := a.data.Sprint.Sprint.Name; got != "Sprint 24" {
		t.Fatalf("Review shows %q, want Sprint 24", got)
	}
	contains(t, plain(a), "Sprint 24", "closed")
}

func TestRecentSprints_LatestByStart(t *testing.T) {
	var ds []model.SprintData
	for _, d := range []int{5, 1, 3, 2, 4} {
		ds = append(ds, model.SprintData{Sprint: model.Sprint{Name: fmt.Sprint(d), Start: testNow.AddDate(0, 0, d)}})
	}
	got := recentSprints(ds, 3)
	if len(got) != 3 || got[0].Sprint.Name != "3" || got[2].Sprint.Name != "5" {
		t.Fatalf("recentSprints = %v", got)
	}
	if len(recentSprints(ds[:2], 6)) != 2 {
		t.Fatal("fewer sprints than the window are all kept")
	}
}
