package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/demo"
	"github.com/align-team/align/store"
)

// reportFixture writes a demo workspace of sprints sprints and members
// members (10 objectives, 50 stories a sprint, seed 1), as `align demo`
// does, and returns its path.
func reportFixture(b *testing.B, sprints, members int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "align.db")
	st, err := store.Open(path, store.Options{Now: func() time.Time { return testNow }})
	if err != nil {
		b.Fatal(err)
	}
	d := demo.Generate(testNow, demo.Size{Sprints: sprints, Members: members, Objectives: 10, Stories: 50, Seed: 1})
	if err := st.Apply(d); err != nil {
		b.Fatal(err)
	}
	if err := st.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkReport runs `align status` and `align export --format md` of the
// current sprint in-process (open, load, analysis, rendering) at 1, 130 and
// 520 sprints with 15 and 50 members, on an unlocked file ("free") and on a
// file another open holds for writing, as the TUI or serve does during a
// review ("held": the report reads a snapshot of the last commit). Under
// -short only the 15-member workspaces up to 130 sprints run.
func BenchmarkReport(b *testing.B) {
	for _, size := range []struct{ sprints, members int }{{1, 15}, {130, 15}, {520, 15}, {1, 50}, {130, 50}} {
		if testing.Short() && (size.sprints > 130 || size.members > 15) {
			continue
		}
		path := reportFixture(b, size.sprints, size.members)
		for _, held := range []bool{false, true} {
			lock := map[bool]string{false: "free", true: "held"}[held]
			for _, args := range [][]string{{"status"}, {"export", "--format", "md"}} {
				name := fmt.Sprintf("%s/sprints=%d/members=%d/%s", args[0], size.sprints, size.members, lock)
				b.Run(name, func(b *testing.B) { benchReport(b, path, held, args) })
			}
		}
	}
}

// benchReport times one report command against path, with the file held
// open for writing by another store when held is set.
func benchReport(b *testing.B, path string, held bool, args []string) {
	if held {
		w, err := store.Open(path, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		defer func() { _ = w.Close() }()
	}
	e := Env{
		Stdin:  strings.NewReader(""),
		Stdout: io.Discard,
		Stderr: io.Discard,
		Getenv: func(string) string { return "" },
		Now:    func() time.Time { return testNow },
	}
	full := append([]string{"--db", path}, args...)
	b.ReportAllocs()
	for b.Loop() {
		if err := Run(context.Background(), e, full); err != nil {
			b.Fatal(err)
		}
	}
}
