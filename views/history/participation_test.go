package history

import (
	"testing"

	"github.com/align-team/align/model"
)

func TestParticipationLine(t *testing.T) {
	p := model.ScorePoint{Sprint: model.Sprint{Name: "Sprint 9"}, Participation: model.Participation{Answered: 4, Expected: 6, Late: []string{"bo", "cy"}}}
	if got, want := participationLine(p), "  Sprint 9: 4 of 6 answered every objective; late: bo, cy"; got != want {
		t.Errorf("participationLine = %q, want %q", got, want)
	}
	p.Participation.Late = nil
	if got, want := participationLine(p), "  Sprint 9: 4 of 6 answered every objective"; got != want {
		t.Errorf("participationLine = %q, want %q", got, want)
	}
}
