package views

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/align-team/align/bench"
	"github.com/align-team/align/demo"
	"github.com/align-team/align/store"
	"github.com/google/uuid"
)

// wideTeam is the five-year workspace with 50 members: the live-review
// target of align serve.
var wideTeam = bench.Workspace{Name: "five-year-50", Size: demo.Size{Sprints: 130, Members: 50, Objectives: 10, Stories: 50, Seed: 1}}

// BenchmarkServe_SavePerSessions is the store work of one save in align
// serve with n sessions open on the current sprint: a commit, then every
// session reloads at once. "per-session" is how it was (each session
// decoded the workspace itself), "shared" the hub's snapshot; decodes/op
// counts loadWorkspace calls per save. Run with
// `go test ./views -run '^$' -bench SavePerSessions -benchmem`.
func BenchmarkServe_SavePerSessions(b *testing.B) {
	if testing.Short() {
		b.Skip("builds a 130-sprint × 50-member workspace")
	}
	st := benchStore(b, wideTeam)
	for _, n := range []int{1, 10, 50} {
		b.Run(fmt.Sprintf("per-session/sessions=%d", n), func(b *testing.B) {
			var decodes atomic.Int64
			benchSaves(b, st, n, func() error {
				decodes.Add(1)
				_, err := loadWorkspace(st, uuid.Nil, bench.Now)
				return err
			})
			b.ReportMetric(float64(decodes.Load())/float64(b.N), "decodes/op")
		})
		b.Run(fmt.Sprintf("shared/sessions=%d", n), func(b *testing.B) {
			c := newSnapshots()
			benchSaves(b, st, n, func() error {
				_, err := c.load(st, uuid.Nil, bench.Now)
				return err
			})
			b.ReportMetric(float64(c.decodes.Load())/float64(b.N), "decodes/op")
		})
	}
}

// benchSaves times, per iteration, one commit and then n concurrent loads,
// as n sessions reload after a save.
func benchSaves(b *testing.B, st *store.Store, n int, load func() error) {
	b.Helper()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		if err := st.SetTeam(fmt.Sprintf("%s %d", bench.Team, i)); err != nil {
			b.Fatal(err)
		}
		errs := make([]error, n)
		var wg sync.WaitGroup
		for s := range n {
			wg.Add(1)
			go func() { defer wg.Done(); errs[s] = load() }()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}
