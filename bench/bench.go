// Package bench builds the two workspaces that align's benchmarks and
// scripts/perf.sh measure: five years of history and a single sprint of the
// same size, generated deterministically by demo.Generate at a fixed clock.
// Comparing the two shows what history costs; the figures are published as
// ratios (see scripts/perf.sh).
//
// The store files are built once per process (a few seconds for five
// years) in a temporary directory; call Cleanup when done, e.g. from
// TestMain.
package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/align-team/align/demo"
	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
)

// Now is the fixed clock of every benchmark: the generated workspaces end
// with a sprint in review whose dates include it.
var Now = time.Date(2025, 3, 12, 10, 0, 0, 0, time.UTC)

// Team is the team name written into the benchmark workspaces.
const Team = "Benchmark Team"

// Workspace names one benchmark workspace.
type Workspace struct {
	// Name labels the workspace in benchmark names: "five-year" or "one-sprint".
	Name string
	// Size is what demo.Generate builds.
	Size demo.Size
}

// The two workspaces. They differ only in the number of sprints, so the
// current sprint is the same size in both.
var (
	FiveYears = Workspace{"five-year", demo.Size{Sprints: 130, Members: 15, Objectives: 10, Stories: 50, Seed: 1}}
	OneSprint = Workspace{"one-sprint", demo.Size{Sprints: 1, Members: 15, Objectives: 10, Stories: 50, Seed: 1}}
	// TwentyYears is FiveYears with four times the history (520 sprints).
	TwentyYears = Workspace{"twenty-year", demo.Size{Sprints: 520, Members: 15, Objectives: 10, Stories: 50, Seed: 1}}
)

// Histories lists the workspaces of growing history for the start-up
// benchmarks: 1, 130 and 520 sprints.
var Histories = []Workspace{OneSprint, FiveYears, TwentyYears}

// Both lists the workspaces in the order benchmarks report them.
var Both = []Workspace{OneSprint, FiveYears}

// Dataset returns w's generated records (the same on every call).
func (w Workspace) Dataset() model.Dataset { return demo.Generate(Now, w.Size) }

type built struct {
	once sync.Once
	path string
	err  error
}

var (
	mu     sync.Mutex
	files  = map[string]*built{}
	tmpDir string
)

// File returns the path of a store file holding w, building it on the first
// call in this process. Benchmarks open it themselves (one store at a time:
// bbolt locks the file).
func (w Workspace) File() (string, error) {
	mu.Lock()
	b := files[w.Name]
	if b == nil {
		b = &built{}
		files[w.Name] = b
	}
	mu.Unlock()
	b.once.Do(func() { b.path, b.err = w.build() })
	return b.path, b.err
}

func (w Workspace) build() (string, error) {
	mu.Lock()
	if tmpDir == "" {
		dir, err := os.MkdirTemp("", "align-bench-")
		if err != nil {
			mu.Unlock()
			return "", fmt.Errorf("bench: temporary directory: %w", err)
		}
		tmpDir = dir
	}
	path := filepath.Join(tmpDir, w.Name+".db")
	mu.Unlock()
	return path, Write(path, w.Dataset())
}

// Write creates a new store file at path holding ds, as `align demo --db`
// does.
func Write(path string, ds model.Dataset) error {
	st, err := store.Open(path, store.Options{Now: func() time.Time { return Now }})
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	if err := st.Apply(ds); err != nil {
		_ = st.Close()
		return fmt.Errorf("bench: writing %s: %w", path, err)
	}
	if err := st.SetTeam(Team); err != nil {
		_ = st.Close()
		return fmt.Errorf("bench: %w", err)
	}
	return st.Close()
}

// Cleanup removes the files File built.
func Cleanup() {
	mu.Lock()
	defer mu.Unlock()
	if tmpDir != "" {
		_ = os.RemoveAll(tmpDir)
		tmpDir = ""
		files = map[string]*built{}
	}
}
