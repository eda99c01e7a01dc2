package export_test

import (
	"io"
	"testing"

	"github.com/align-team/align/bench"
	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
)

// BenchmarkMarkdown writes the review summary of the current sprint of each
// bench workspace, as `align export` does once the sprint is loaded.
func BenchmarkMarkdown(b *testing.B) {
	for _, w := range bench.Both {
		b.Run(w.Name, func(b *testing.B) {
			ds := w.Dataset()
			headers := make([]model.Sprint, len(ds.Sprints))
			for i, s := range ds.Sprints {
				headers[i] = s.Sprint
			}
			cur, ok := model.CurrentSprint(headers, bench.Now)
			if !ok {
				b.Fatal("no current sprint")
			}
			sum := export.Summary{Team: bench.Team, Members: ds.Members, Goals: ds.Goals, Settings: model.DefaultSettings()}
			for _, s := range ds.Sprints {
				if s.Sprint.ID == cur.ID {
					sum.Sprint = s
				}
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := export.Markdown(io.Discard, sum); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
