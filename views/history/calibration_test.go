package history

import (
	"strings"
	"testing"

	"github.com/align-team/align/model"
	"github.com/align-team/align/views/ui"
	"github.com/align-team/align/views/uitest"
)

func TestHistory_View_CalibrationNeedsFiveOutcomes(t *testing.T) {
	m := New(ui.Deps{Styles: ui.NewStyles(uitest.Renderer())})
	m.width, m.height, m.loaded = 120, 40, true
	m.history.Trend = []model.ScorePoint{{Sprint: model.Sprint{Name: "Sprint 1"}, HasScore: true, Score: 70}}
	m.history.Calibration = []model.Calibration{
		{Handle: "ana", Count: 1, MeanGap: 30, MeanAbsGap: 30},
		{Handle: "bo", Count: 5, MeanGap: 12, MeanAbsGap: 12},
	}
	v := m.calibrationView()
	for _, l := range uitest.Lines(v) {
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
	m := New(ui.Deps{Styles: ui.NewStyles(uitest.Renderer())})
	for _, sc := range []float64{67, 78} {
		m.history.Trend = append(m.history.Trend, model.ScorePoint{HasScore: true, Score: sc})
	}
	spark, _ := m.sparkline(80)
	if strings.Contains(spark, "▁") || strings.Contains(spark, "█") {
		t.Errorf("scores 67 and 78 drawn as %q: the full height for an 11-point change", spark)
	}
}
