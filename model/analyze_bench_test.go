package model_test

import (
	"testing"

	"github.com/align-team/align/bench"
	"github.com/align-team/align/model"
)

// BenchmarkAnalyze analyses the current sprint of each bench workspace. The
// sprint is the same size in both, so the ratio shows that the analysis does
// not depend on history. Trend and Calibrate, which do, are measured by the
// History screen's load (views BenchmarkLoadHistory).
func BenchmarkAnalyze(b *testing.B) {
	for _, w := range bench.Both {
		b.Run(w.Name, func(b *testing.B) {
			ds := w.Dataset()
			cur, ok := model.CurrentSprint(sprintHeaders(ds), bench.Now)
			if !ok {
				b.Fatal("no current sprint")
			}
			var sd model.SprintData
			for _, s := range ds.Sprints {
				if s.Sprint.ID == cur.ID {
					sd = s
				}
			}
			settings := model.DefaultSettings()
			b.ReportAllocs()
			for b.Loop() {
				if r := model.Analyze(sd, ds.Members, settings); len(r.Objectives) == 0 {
					b.Fatal("empty report")
				}
			}
		})
	}
}

func sprintHeaders(ds model.Dataset) []model.Sprint {
	out := make([]model.Sprint, len(ds.Sprints))
	for i, s := range ds.Sprints {
		out[i] = s.Sprint
	}
	return out
}
