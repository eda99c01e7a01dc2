package bench

import (
	"io"
	"testing"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	"github.com/google/uuid"
)

// Benchmarks of the readers of the whole history, at 1, 130 and 520
// sprints (520 skipped under -short): the full JSON bundle, streamed sprint
// by sprint as align export --format json --sprint all writes it and, for
// comparison, encoded whole in memory as it was before; and align check.
// With -benchmem, B/op of the streamed export and of check is what passes
// through the heap, most of it short-lived: scripts/perf.sh measures their
// peak RSS on the built binary.

// openReadOnly opens w's file read-only, as export and check do, building
// it first if this process has not.
func openReadOnly(b *testing.B, w Workspace) *store.Store {
	b.Helper()
	if w.Size.Sprints > 130 && testing.Short() {
		b.Skip("520 sprints: skipped under -short")
	}
	path, err := w.File()
	if err != nil {
		b.Fatal(err)
	}
	st, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = st.Close() })
	return st
}

// streamBundle writes the bundle of every sprint of st to w, one sprint at
// a time from one read transaction.
func streamBundle(st *store.Store, w io.Writer) error {
	return st.ReadHistory(store.DatasetOptions{IncludeDeleted: true}, func(h *store.History) error {
		bs, err := export.StartBundle(w, export.NewBundle(Team, uuid.Nil, Now, export.ScopeAll, model.Dataset{Goals: h.Goals, Members: h.Members}))
		if err != nil {
			return err
		}
		for _, sp := range h.Sprints {
			sd, err := h.Sprint(sp.ID)
			if err != nil {
				return err
			}
			if err := bs.Sprint(sd); err != nil {
				return err
			}
		}
		return bs.Close()
	})
}

// wholeBundle is streamBundle as export wrote it before: the whole dataset
// in memory, encoded in one piece.
func wholeBundle(st *store.Store, w io.Writer) error {
	ds, err := st.Dataset(store.DatasetOptions{IncludeDeleted: true})
	if err != nil {
		return err
	}
	return export.WriteJSON(w, export.NewBundle(Team, uuid.Nil, Now, export.ScopeAll, ds))
}

func BenchmarkExportJSONAll(b *testing.B) {
	for _, w := range Histories {
		for _, way := range []struct {
			name  string
			write func(*store.Store, io.Writer) error
		}{{"streamed", streamBundle}, {"in-memory", wholeBundle}} {
			b.Run(w.Name+"/"+way.name, func(b *testing.B) {
				st := openReadOnly(b, w)
				b.ReportAllocs()
				for b.Loop() {
					if err := way.write(st, io.Discard); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func BenchmarkCheck(b *testing.B) {
	for _, w := range Histories {
		b.Run(w.Name, func(b *testing.B) {
			st := openReadOnly(b, w)
			b.ReportAllocs()
			for b.Loop() {
				ps, err := st.Check()
				if err != nil || len(ps) > 0 {
					b.Fatalf("check: %v %v", err, ps)
				}
			}
		})
	}
}
