package export

import (
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/model"
)

func TestDaysText_Dates(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(model.DateLayout, s); return d }
	sp := model.Sprint{Start: day("2025-03-03"), End: day("2025-03-14")}
	tests := []struct{ today, want string }{
		{"2025-02-28", "starts in 3 days"},
		{"2025-03-02", "starts tomorrow"},
		{"2025-03-03", "ends in 11 days"},
		{"2025-03-13", "ends tomorrow"},
		{"2025-03-14", "ends today"},
		{"2025-03-15", "ended yesterday"},
		{"2025-03-20", "ended 6 days ago"},
	}
	for _, tt := range tests {
		if got := daysText(sp, day(tt.today)); got != tt.want {
			t.Errorf("daysText on %s = %q, want %q", tt.today, got, tt.want)
		}
	}
}

func TestWriteStatus_Edges(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(model.DateLayout, s); return d }
	sp := model.Sprint{Name: "Sprint 1", Start: day("2025-03-03"), End: day("2025-03-14"), State: model.StatePlanning}
	one := 40
	tests := []struct {
		name string
		r    model.SprintReport
		want []string
		not  []string
	}{
		{"no objectives", model.SprintReport{Sprint: sp}, []string{"Sprint 1 (planning)", "Submitted: 0 of 0 members", "No objectives yet"}, []string{"Agenda", "Alignment score"}},
		{"one response and an agreed value", model.SprintReport{Sprint: sp, Expected: 3, Agenda: []model.ObjectiveStats{{
			Objective: model.Objective{Title: "Search"}, Responses: 1, Abstained: 2, Median: 40, Min: 40, Max: 40, Level: model.LevelNone,
			Estimates: []model.Estimate{{Handle: "ana", Progress: 40, Confidence: 3}},
			Outcome:   &model.Outcome{Agreed: &one, Notes: "agreed\nafter a talk", Discussed: true},
		}}}, []string{"1. Search [not enough responses to compare]", "responses: 1 of 3 (2 abstained)", "estimates: ana 40", "stories: none", "agreed: 40 (discussed)", "notes: agreed after a talk"}, []string{"outliers", "FLAG"}},
		{"nobody answered", model.SprintReport{Sprint: sp, Expected: 2, Agenda: []model.ObjectiveStats{{
			Objective: model.Objective{Title: "Docs"}, Level: model.LevelNone,
		}}}, []string{"responses: 0 of 2"}, []string{"median", "estimates"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			if err := WriteStatus(&b, "", tt.r, nil, nil, day("2025-03-05")); err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("status lacks %q:\n%s", w, b.String())
				}
			}
			for _, w := range tt.not {
				if strings.Contains(b.String(), w) {
					t.Errorf("status has %q:\n%s", w, b.String())
				}
			}
		})
	}
}

// The share of stories done stands beside what it counts: the points when
// every story has some, else the stories (the points then follow).
func TestWriteStatus_StoriesShareSaysItsBasis(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(model.DateLayout, s); return d }
	sp := model.Sprint{Name: "Sprint 1", Start: day("2025-03-03"), End: day("2025-03-14"), State: model.StateReview}
	for _, tt := range []struct {
		ev   model.Evidence
		want string
	}{
		{model.Evidence{HasEvidence: true, Stories: 2, StoriesDone: 1, Points: 13, PointsDone: 5, DonePercent: 38, ByPoints: true}, "stories: 1 of 2 done, 5 of 13 points (38%)\n"},
		{model.Evidence{HasEvidence: true, Stories: 3, StoriesDone: 1, Points: 5, DonePercent: 33}, "stories: 1 of 3 done (33%), 0 of 5 points\n"},
		{model.Evidence{HasEvidence: true, Stories: 4, StoriesDone: 1, DonePercent: 25}, "stories: 1 of 4 done (25%)\n"},
	} {
		r := model.SprintReport{Sprint: sp, Expected: 1, Agenda: []model.ObjectiveStats{{Objective: model.Objective{Title: "Docs"}, Level: model.LevelNone, Evidence: tt.ev}}}
		var b strings.Builder
		if err := WriteStatus(&b, "", r, nil, nil, day("2025-03-05")); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), "   "+tt.want) {
			t.Errorf("status lacks %q:\n%s", tt.want, b.String())
		}
	}
}
