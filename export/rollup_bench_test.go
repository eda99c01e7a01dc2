package export

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/align-team/align/demo"
	"github.com/align-team/align/model"
)

// benchSummaries returns teams summaries of sprints sprints each (ten
// objectives a sprint, eight members), as the files align rollup reads,
// and the organisation whose goals their objectives link to.
func benchSummaries(b *testing.B, teams, sprints int) (model.Org, [][]byte) {
	b.Helper()
	now := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	d := demo.Generate(now, demo.Size{Sprints: sprints, Members: 8, Objectives: 10, Stories: 30, Seed: 1})
	org := model.Org{Name: "Acme", UpdatedAt: now, Keepers: []model.Keeper{{Name: "Olga", Key: orgTestKey}}, Goals: d.Goals}
	files := make([][]byte, teams)
	for i := range files {
		s := model.Summarize(fmt.Sprintf("Team %02d", i), "Acme", d.Goals, d.Members, d.Sprints, model.DefaultSettings(), now)
		var buf bytes.Buffer
		if err := WriteSummary(&buf, s); err != nil {
			b.Fatal(err)
		}
		files[i] = buf.Bytes()
	}
	return org, files
}

// BenchmarkRollup decodes every team's summary file and rolls them up,
// what align rollup does after reading the files.
func BenchmarkRollup(b *testing.B) {
	for _, sz := range []struct{ teams, sprints int }{{50, 130}, {25, 130}, {50, 65}, {50, 13}} {
		b.Run(fmt.Sprintf("teams=%d/sprints=%d", sz.teams, sz.sprints), func(b *testing.B) {
			org, files := benchSummaries(b, sz.teams, sz.sprints)
			size := 0
			for _, f := range files {
				size += len(f)
			}
			b.SetBytes(int64(size))
			now := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
			b.ResetTimer()
			for b.Loop() {
				sums := make([]model.TeamSummary, 0, len(files))
				for _, f := range files {
					s, err := DecodeSummaryRecent(bytes.NewReader(f), model.DefaultRollupOptions().Window)
					if err != nil {
						b.Fatal(err)
					}
					sums = append(sums, s)
				}
				r := model.RollUp(org, sums, now, model.DefaultRollupOptions())
				if len(r.Teams) != sz.teams {
					b.Fatalf("%d teams rolled up", len(r.Teams))
				}
			}
		})
	}
}
