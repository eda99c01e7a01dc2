package model

import (
	"testing"

	"github.com/google/uuid"
)

func TestScores_Carried(t *testing.T) {
	// One member "a", six sprints, objective i in sprint i carried into
	// sprint i+1 with the baseline base[i] (nil: carried with no baseline,
	// or, del, its continuation deleted). Estimates 60 70 50 80 40 60.
	//   all five carried with 55 60 50 70 45: gaps 5 10 0 10 −5 → count 5,
	//   mean 20/5 = 4, mean |gap| 30/5 = 6, shown;
	//   the fifth carried with no baseline: gaps 5 10 0 10 → count 4,
	//   mean 25/4 = 6.25, mean |gap| 6.25, not shown;
	//   the second's continuation (objective 2) deleted: objective 1 is not
	//   carried and objective 2 not scored: gaps 5 · · 10 −5 → count 3,
	//   mean 10/3, mean |gap| 20/3.
	tests := []struct {
		name      string
		base      []*int
		del       int // index of the continuation deleted, −1 none
		count     int
		mean, abs float64
	}{
		{"five carried", []*int{fxInt(55), fxInt(60), fxInt(50), fxInt(70), fxInt(45)}, -1, 5, 4, 6},
		{"no baseline", []*int{fxInt(55), fxInt(60), fxInt(50), fxInt(70), nil}, -1, 4, 6.25, 6.25},
		{"continuation deleted", []*int{fxInt(55), fxInt(60), fxInt(50), fxInt(70), fxInt(45)}, 1, 3, 10.0 / 3, 20.0 / 3},
	}
	m := fxMember(1, "a", true)
	progress := []int{60, 70, 50, 80, 40, 60}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var sprints []SprintData
			prev := uuid.Nil
			for i, p := range progress {
				sp := Sprint{Meta: fxMeta(100 + i), State: StateClosed}
				o := fxObjective(200+i, 1)
				o.SprintID = sp.ID
				if i > 0 {
					o.CarriedFrom, o.Baseline, o.Deleted = prev, tt.base[i-1], tt.del == i-1
				}
				prev = o.ID
				a := fxEst(m, o, p, 3)
				a.ID = fxID(300 + i)
				sprints = append(sprints, SprintData{Sprint: sp, Objectives: []Objective{o}, Assessments: []Assessment{a}})
			}
			ms, _ := Scores(sprints, []Member{m})
			if len(ms) != 1 {
				t.Fatalf("scores %+v", ms)
			}
			c := ms[0].Carried
			if c.Count != tt.count || c.Shown() != (tt.count >= MinScored) {
				t.Fatalf("count %d (shown %v), want %d", c.Count, c.Shown(), tt.count)
			}
			fxApprox(t, "carried mean gap", c.MeanGap, tt.mean)
			fxApprox(t, "carried mean |gap|", c.MeanAbsGap, tt.abs)
		})
	}
}
