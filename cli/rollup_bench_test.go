package cli

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/align-team/align/demo"
	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
)

// rollupFixture writes a shared repository of teams summaries with
// sprints sprints each (ten objectives a sprint, every one linked to an
// organisation goal but one in ten) and Acme's signed goals.
func rollupFixture(b *testing.B, teams, sprints int) string {
	b.Helper()
	dir := b.TempDir()
	now := time.Now()
	d := demo.Generate(now, demo.Size{Sprints: sprints, Members: 8, Objectives: 10, Stories: 30, Seed: 1})
	s, err := loadKeyFile(writeKey(b, dir, "olga"))
	if err != nil {
		b.Fatal(err)
	}
	org := model.Org{Name: "Acme", UpdatedAt: now.UTC(), Keepers: []model.Keeper{{Name: "Olga", Key: string(gosshMarshal(s))}}, Goals: d.Goals}
	if err := os.MkdirAll(filepath.Join(dir, "org"), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := writeOrgFile(filepath.Join(dir, "org", "goals.json"), org, s); err != nil {
		b.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "teams"), 0o755); err != nil {
		b.Fatal(err)
	}
	for i := range teams {
		sum := model.Summarize(fmt.Sprintf("Team %02d", i), "Acme", d.Goals, d.Members, d.Sprints, model.DefaultSettings(), now)
		f, err := os.Create(filepath.Join(dir, "teams", fmt.Sprintf("team-%02d.json", i)))
		if err != nil {
			b.Fatal(err)
		}
		if err := export.WriteSummary(f, sum); err != nil {
			b.Fatal(err)
		}
		f.Close()
	}
	return dir
}

// BenchmarkBinary_Rollup times the real binary: align rollup over a
// repository of team summaries, from start to exit.
func BenchmarkBinary_Rollup(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "align")
	if out, err := exec.Command("go", "build", "-o", bin, "..").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	for _, sz := range []struct{ teams, sprints int }{{50, 130}, {25, 130}, {50, 13}, {1, 1}} {
		b.Run(fmt.Sprintf("teams=%d/sprints=%d", sz.teams, sz.sprints), func(b *testing.B) {
			dir := rollupFixture(b, sz.teams, sz.sprints)
			b.ResetTimer()
			for b.Loop() {
				cmd := exec.Command(bin, "rollup", dir)
				cmd.Env = []string{"HOME=" + dir, "PATH=" + os.Getenv("PATH")}
				if out, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("align rollup: %v\n%s", err, out)
				}
			}
		})
	}
}
