package model

import (
	"testing"

	"github.com/google/uuid"
)

func TestRank_FollowsSetting(t *testing.T) {
	// Hand-computed: x has a 40, b 50, c 90 (raw spread 50); b's usual
	// offset −10, c's +30, so net of habit 40, 60, 60: spread 20. y has two
	// estimates 10 and 40 by members with no known offset: raw 30, and
	// ranked on its raw 30. Raw ranking keeps Analyze's order x (50), y
	// (30); adjusted ranks y (30) before x (20).
	a, b, c := fxID(1), fxID(2), fxID(3)
	off := map[uuid.UUID]float64{b: -10, c: 30}
	x := ObjectiveStats{Objective: Objective{Title: "x"}, Spread: 50, Estimates: []Estimate{
		{MemberID: a, Progress: 40}, {MemberID: b, Progress: 50}, {MemberID: c, Progress: 90}}}
	y := ObjectiveStats{Objective: Objective{Title: "y"}, Spread: 30, Estimates: []Estimate{{Progress: 10}, {Progress: 40}}}
	tests := []struct {
		name     string
		adjusted bool
		want     []string
		order    string
	}{
		{"raw", false, []string{"x", "y"}, "most disputed first"},
		{"adjusted", true, []string{"y", "x"}, "most disputed net of habit first"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := SprintReport{Agenda: []ObjectiveStats{x, y}}
			r := Rank(in, Settings{RankByAdjusted: tt.adjusted}, off)
			if len(r.Agenda) != 2 || r.Agenda[0].Objective.Title != tt.want[0] || r.Agenda[1].Objective.Title != tt.want[1] {
				t.Errorf("agenda %v, want %v", titles(r.Agenda), tt.want)
			}
			if in.Agenda[0].Objective.Title != "x" {
				t.Error("Rank modified its input's agenda")
			}
			if len(r.Offsets) != 2 || r.Offsets[c] != 30 {
				t.Errorf("offsets %v", r.Offsets)
			}
			if got := AgendaOrder(r); got != tt.order {
				t.Errorf("order %q, want %q", got, tt.order)
			}
		})
	}
}

func titles(sts []ObjectiveStats) []string {
	var out []string
	for _, s := range sts {
		out = append(out, s.Objective.Title)
	}
	return out
}
