package history

import (
	"fmt"
	"strings"
	"testing"

	"github.com/align-team/align/model"
	"github.com/align-team/align/views/ui"
	"github.com/align-team/align/views/uitest"
)

func TestHistory_View_CaptionSaysWhatShows(t *testing.T) {
	m := New(ui.Deps{Styles: ui.NewStyles(uitest.Renderer())})
	for i := range 130 {
		m.history.Trend = append(m.history.Trend, model.ScorePoint{Sprint: model.Sprint{Name: fmt.Sprintf("Sprint %d", i+1)}, HasScore: true, Score: float64(i % 100)})
	}
	_, caption := m.sparkline(120)
	if !strings.HasPrefix(caption, "last 120 of 130 sprints (Sprint 11 → Sprint 130)") {
		t.Errorf("caption %q", caption)
	}
	m.history.Trend = m.history.Trend[:10]
	if _, caption = m.sparkline(120); !strings.HasPrefix(caption, "Sprint 1 → Sprint 10 (10)") {
		t.Errorf("caption %q", caption)
	}
}
