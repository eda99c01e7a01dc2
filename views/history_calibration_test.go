package views

import (
	"fmt"
	"github.com/align-team/align/views/ui"
	"strings"
	"testing"

	"github.com/align-team/align/model"
)

func TestHistory_View_CalibrationNeedsFiveOutcomes(t *testing.T) {
	m := NewHistory(ui.Deps{Styles: ui.NewStyles(testRenderer())})
	m.width, m.height, m.loaded = 120, 40, true
	m.history.Trend = []model.ScorePoint{{Sprint: model.Sprint{Name: "Sprint 1"}, HasScore: true, Score: 70}}
	m.history.Calibration = []model.Calibration{
		{Handle: "ana", Count: 1, MeanGap: 30, MeanAbsGap: 30},
		{Handle: "bo", Count: 5, MeanGap: 12, MeanAbsGap: 12},
	}
	v := m.calibrationView()
	for _, l := range splitLines(v) {
		if strings.HasPrefix(l, "ana") && (strings.Contains(l, "optimist") || !strings.Contains(l, "too few outcomes (1 of 5)")) {
			t.Errorf("one outcome names a tendency: %q", l)
		}
		if strings.HasPrefix(l, "bo") && !strings.Contains(l, "optimist") {
			t.Errorf("five outcomes name no tendency: %q", l)
		}
	}
	m.anonymous = true
	if v := m.calibrationView(); strings.Contains(v, "ana") || strings.Contains(v, "bo ") || !strings.Contains(v, "Hidden while the review is anonymous") {
		t.Errorf("anonymous review shows calibration:\n%s", v)
	}
}

func TestHistory_Sparkline_AbsoluteScale(t *testing.T) {
	m := NewHistory(ui.Deps{Styles: ui.NewStyles(testRenderer())})
	for _, sc := range []float64{67, 78} {
		m.history.Trend = append(m.history.Trend, model.ScorePoint{HasScore: true, Score: sc})
	}
	spark, _ := m.sparkline(80)
	if strings.Contains(spark, "▁") || strings.Contains(spark, "█") {
		t.Errorf("scores 67 and 78 drawn as %q: the full height for an 11-point change", spark)
	}
}

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
