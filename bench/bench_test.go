package bench

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/align-team/align/model/merge"
	"github.com/align-team/align/store"
	"github.com/google/uuid"
)

// Benchmarks of the store paths the TUI and the CLI take, on both
// workspaces: opening and loading the current sprint (what precedes the
// first frame), and importing 15 member bundles (a review's sync).

func TestMain(m *testing.M) {
	code := m.Run()
	Cleanup()
	os.Exit(code)
}

// openStore opens w's file read-write, as the TUI does.
func openStore(tb testing.TB, w Workspace) *store.Store {
	tb.Helper()
	path, err := w.File()
	if err != nil {
		tb.Fatal(err)
	}
	st, err := store.Open(path, store.Options{Now: func() time.Time { return Now }})
	if err != nil {
		tb.Fatal(err)
	}
	return st
}

// loadCurrent reads what the first frame needs: the workspace, the sprint
// headers and the current sprint.
func loadCurrent(st *store.Store) (model.SprintData, error) {
	if _, err := st.Workspace(); err != nil {
		return model.SprintData{}, err
	}
	sprints, err := st.Sprints()
	if err != nil {
		return model.SprintData{}, err
	}
	cur, ok := model.CurrentSprint(sprints, Now)
	if !ok {
		return model.SprintData{}, os.ErrNotExist
	}
	return st.SprintData(cur.ID)
}

func BenchmarkOpenLoad(b *testing.B) {
	for _, w := range Both {
		b.Run(w.Name, func(b *testing.B) {
			openStore(b, w).Close() // build the file outside the timing
			b.ReportAllocs()
			for b.Loop() {
				st := openStore(b, w)
				if _, err := loadCurrent(st); err != nil {
					b.Fatal(err)
				}
				if err := st.Close(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkOpen is BenchmarkOpenLoad without the load: what opening costs.
func BenchmarkOpen(b *testing.B) {
	for _, w := range Both {
		b.Run(w.Name, func(b *testing.B) {
			openStore(b, w).Close()
			b.ReportAllocs()
			for b.Loop() {
				if err := openStore(b, w).Close(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// memberBundles returns one bundle per member of the current sprint of
// ds, as each member's laptop would export it after re-estimating: the
// sprint with its plan, and that member's assessments moved by 1 point and
// stamped at. Each bundle is decoded into a dataset, as an import does.
func memberBundles(tb testing.TB, ds model.Dataset, at time.Time) []model.Dataset {
	tb.Helper()
	cur := ds.Sprints[len(ds.Sprints)-1]
	var out []model.Dataset
	for i, m := range ds.Members {
		sd := cur
		sd.Assessments, sd.Outcomes, sd.Actions = nil, nil, nil
		for _, a := range cur.Assessments {
			if a.MemberID != m.ID {
				continue
			}
			a.Progress = (a.Progress + 1) % 101
			a.UpdatedAt = at.Add(time.Duration(i) * time.Millisecond)
			sd.Assessments = append(sd.Assessments, a)
		}
		part := model.Dataset{Goals: ds.Goals, Members: ds.Members, Sprints: []model.SprintData{sd}}
		b := export.NewBundle(Team, uuid.New(), at, export.ScopeSprint, part)
		d, err := b.Dataset()
		if err != nil {
			tb.Fatalf("bundle of %s: %v", m.Handle, err)
		}
		out = append(out, d)
	}
	return out
}

// importBundle merges one bundle into st, reading only the sprints the
// bundle touches (plus goals and members), and applies the result.
func importBundle(st *store.Store, in model.Dataset, now time.Time) error {
	local := model.Dataset{}
	for _, sd := range in.Sprints {
		d, err := st.Dataset(store.DatasetOptions{Sprint: sd.Sprint.ID, IncludeDeleted: true})
		if err != nil {
			return err
		}
		local.Goals, local.Members = d.Goals, d.Members
		local.Sprints = append(local.Sprints, d.Sprints...)
	}
	res, err := merge.Merge(local, in, now, time.Minute)
	if err != nil {
		return err
	}
	if res.Empty() {
		return nil
	}
	return st.Apply(res.Write)
}

// BenchmarkImport15 imports 15 member bundles into a copy of the workspace
// (each iteration on a fresh copy, made outside the timing).
func BenchmarkImport15(b *testing.B) {
	for _, w := range Both {
		b.Run(w.Name, func(b *testing.B) {
			src, err := w.File()
			if err != nil {
				b.Fatal(err)
			}
			data, err := os.ReadFile(src)
			if err != nil {
				b.Fatal(err)
			}
			bundles := memberBundles(b, w.Dataset(), Now.Add(time.Hour))
			if len(bundles) != w.Size.Members {
				b.Fatalf("%d bundles, want %d", len(bundles), w.Size.Members)
			}
			dir := b.TempDir()
			later := func() time.Time { return Now.Add(2 * time.Hour) }
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				path := filepath.Join(dir, "import.db")
				if err := os.WriteFile(path, data, 0o600); err != nil {
					b.Fatal(err)
				}
				st, err := store.Open(path, store.Options{Now: later})
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				for _, in := range bundles {
					if err := importBundle(st, in, later()); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				if err := st.Close(); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
		})
	}
}

// TestImportBundle_WritesEveryMembersEstimate checks that the benchmark's
// import really changes the workspace.
func TestImportBundle_WritesEveryMembersEstimate(t *testing.T) {
	st := openStore(t, OneSprint)
	defer st.Close()
	ds := OneSprint.Dataset()
	for _, in := range memberBundles(t, ds, Now.Add(time.Hour)) {
		if err := importBundle(st, in, Now.Add(2*time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	cur, err := loadCurrent(st)
	if err != nil {
		t.Fatal(err)
	}
	want := map[uuid.UUID]int{}
	for _, a := range ds.Sprints[0].Assessments {
		want[a.ID] = (a.Progress + 1) % 101
	}
	for _, a := range cur.Assessments {
		if w, ok := want[a.ID]; ok && a.Progress != w {
			t.Errorf("assessment %s progress %d, want %d", a.ID, a.Progress, w)
		}
	}
}
