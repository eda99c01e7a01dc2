package model_test

import (
	"testing"

	"time"

	"github.com/align-team/align/demo"
	"github.com/align-team/align/model"
)

// benchNow and benchWorkspaces are bench's clock and its one-sprint and
// five-year workspaces, built by demo.Generate directly: model's tests must
// not pull in the store (bench does, for the benchmarks that need a file).
var (
	benchNow        = time.Date(2025, 3, 12, 10, 0, 0, 0, time.UTC)
	benchWorkspaces = []struct {
		Name string
		Size demo.Size
	}{
		{"one-sprint", demo.Size{Sprints: 1, Members: 15, Objectives: 10, Stories: 50, Seed: 1}},
		{"five-year", demo.Size{Sprints: 130, Members: 15, Objectives: 10, Stories: 50, Seed: 1}},
	}
)

// BenchmarkAnalyze analyses the current sprint of each bench workspace. The
// sprint is the same size in both, so the ratio shows that the analysis does
// not depend on history. Trend and Calibrate, which do, are measured by the
// History screen's load (views BenchmarkLoadHistory).
func BenchmarkAnalyze(b *testing.B) {
	for _, w := range benchWorkspaces {
		b.Run(w.Name, func(b *testing.B) {
			ds := demo.Generate(benchNow, w.Size)
			cur, ok := model.CurrentSprint(sprintHeaders(ds), benchNow)
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
