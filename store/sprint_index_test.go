package store

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// genSprints returns n sprints with seeded dates (overlapping, in the past
// and the future, some sharing a start), states and tombstones.
func genSprints(r *rand.Rand, n int) []model.Sprint {
	var ss []model.Sprint
	for i := range n {
		start := t0.AddDate(0, 0, 14*r.IntN(8)-30)                                                        // often the same start
		created := t0.Add(time.Duration(r.IntN(3))*time.Hour + time.Duration(r.IntN(2))*time.Microsecond) // ties on CreatedAt too
		sp := model.Sprint{Meta: model.Meta{ID: uuid.Must(uuid.NewV7()), CreatedAt: created, UpdatedAt: created, Deleted: r.IntN(8) == 0},
			Name: fmt.Sprintf("Sprint %d", i), Start: start, End: start.AddDate(0, 0, r.IntN(20)),
			State: model.SprintStates[r.IntN(len(model.SprintStates))]}
		ss = append(ss, sp)
	}
	return ss
}

// checkCurrent compares the index's answer with model.CurrentSprint on every
// live header, for each day from 40 days before t0 to 130 after (and at odd
// hours and in other zones: the rule takes UTC days).
func checkCurrent(t *testing.T, s *Store, label string) {
	t.Helper()
	headers := must[[]model.Sprint](t)(s.Sprints())
	zone := time.FixedZone("far east", 13*3600)
	for d := -40; d <= 130; d++ {
		for _, today := range []time.Time{t0.AddDate(0, 0, d), t0.AddDate(0, 0, d).Add(14 * time.Hour).In(zone)} {
			want, wantOK := model.CurrentSprint(headers, today)
			got, ok, err := s.CurrentSprint(today)
			if err != nil || ok != wantOK || got.ID != want.ID || got.Name != want.Name {
				t.Fatalf("%s, today %v: CurrentSprint = %s %v %v; the headers' rule gives %s %v",
					label, today, got.Name, ok, err, want.Name, wantOK)
			}
		}
	}
	for _, h := range append(headers, model.Sprint{Meta: model.Meta{ID: uuid.New()}}) {
		want := sprintsBeforeByHeaders(headers, h.ID, model.OffsetWindow)
		past := must[[]model.SprintData](t)(s.SprintsBefore(h.ID, model.OffsetWindow))
		var got []uuid.UUID
		for _, p := range past {
			got = append(got, p.Sprint.ID)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("%s: SprintsBefore(%s) = %v; by the headers %v", label, h.Name, got, want)
		}
	}
}

// sprintsBeforeByHeaders is the rule SprintsBefore had before the index.
func sprintsBeforeByHeaders(sorted []model.Sprint, this uuid.UUID, n int) []uuid.UUID {
	idx := slices.IndexFunc(sorted, func(sp model.Sprint) bool { return sp.ID == this })
	var ids []uuid.UUID
	for i := idx - 1; i >= 0 && i >= idx-n; i-- {
		ids = append(ids, sorted[i].ID)
	}
	return ids
}

// TestCurrentSprint_IndexMatchesHeaders: on seeded workspaces (none, one,
// several open, only closed, tombstones, ties) the index picks the sprint
// the headers' rule picks, also after edits, closing and deleting through
// SaveSprint and after a reopen.
func TestCurrentSprint_IndexMatchesHeaders(t *testing.T) {
	for seed := range uint64(12) {
		r := rand.New(rand.NewPCG(seed, 7))
		n := []int{0, 1, 2, 5, 12, 30}[seed%6]
		s := newTestStore(t)
		sprints := genSprints(r, n)
		if seed%4 == 3 { // only closed sprints
			for i := range sprints {
				sprints[i].State = model.StateClosed
			}
		}
		var d model.Dataset
		for _, sp := range sprints {
			d.Sprints = append(d.Sprints, model.SprintData{Sprint: sp})
		}
		if err := s.Apply(d); err != nil {
			t.Fatal(err)
		}
		label := fmt.Sprintf("seed %d, %d sprints", seed, n)
		checkCurrent(t, s, label)
		// Edits through SaveSprint: move one, close one, delete one.
		live := must[[]model.Sprint](t)(s.Sprints())
		for i, sp := range live {
			if sp.State == model.StateClosed || i > 2 {
				continue
			}
			switch i {
			case 0:
				sp.Start, sp.End = sp.Start.AddDate(0, 0, 40), sp.End.AddDate(0, 0, 40)
			case 1:
				sp.State = model.StateClosed
			case 2:
				sp.Deleted = true
			}
			if _, err := s.SaveSprint(sp); err != nil {
				t.Fatalf("%s: SaveSprint: %v", label, err)
			}
		}
		checkCurrent(t, s, label+", after edits")
		path := s.Path()
		_ = s.Close()
		ro := openTestStore(t, path, Options{ReadOnly: true})
		checkCurrent(t, ro, label+", reopened read-only")
	}
}

// TestOpen_MigratesV2_SprintIndex: a version-2 file (no index) is upgraded
// on a writing open: the index is built from every header, tombstones too,
// the version-2 file is kept as a backup, and a read-only open of the
// version-2 file is refused without changing it.
func TestOpen_MigratesV2_SprintIndex(t *testing.T) {
	s := newTestStore(t)
	sprints := genSprints(rand.New(rand.NewPCG(3, 3)), 20)
	var d model.Dataset
	for _, sp := range sprints {
		d.Sprints = append(d.Sprints, model.SprintData{Sprint: sp})
	}
	if err := s.Apply(d); err != nil {
		t.Fatal(err)
	}
	path := s.Path()
	_ = s.Close()
	rawUpdate(t, path, func(tx *bolt.Tx) error { // back to the version-2 shape
		if err := tx.DeleteBucket(bucketSprintIndex); err != nil {
			return err
		}
		return writeVersion(tx, 2)
	})
	before, _ := os.ReadFile(path)
	if _, err := Open(path, Options{ReadOnly: true}); !errors.Is(err, ErrOldSchema) {
		t.Fatalf("read-only open of a version-2 file: %v; want ErrOldSchema", err)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Fatal("the read-only open changed the version-2 file")
	}
	s = openTestStore(t, path, Options{})
	if ws := must[Workspace](t)(s.Workspace()); ws.Schema != SchemaVersion {
		t.Fatalf("schema after the upgrade = %d", ws.Schema)
	}
	var entries int
	_ = s.view(func(tx *bolt.Tx) error { entries = tx.Bucket(bucketSprintIndex).Stats().KeyN; return nil })
	if entries != len(sprints) {
		t.Errorf("the index holds %d entries; want one per header, tombstones too (%d)", entries, len(sprints))
	}
	checkCurrent(t, s, "migrated")
	if _, err := os.Stat(preBak(path)); err != nil {
		t.Errorf("no copy of the version-2 file: %v", err)
	}
}

// TestCurrentSprint_DamagedIndex: an entry that does not decode, or names a
// sprint with no live header, is reported as damage, never answered.
func TestCurrentSprint_DamagedIndex(t *testing.T) {
	for _, tt := range []struct {
		name  string
		value func(sp model.Sprint) []byte
	}{
		{"short entry", func(model.Sprint) []byte { return []byte{1, 2, 3} }},
		{"unknown state", func(sp model.Sprint) []byte { v := encIndexEntry(sp); v[indexEntrySize-2] = 9; return v }},
		{"bad nanoseconds", func(sp model.Sprint) []byte { v := encIndexEntry(sp); v[8] = 0xff; return v }},
		{"names a deleted sprint as live", func(sp model.Sprint) []byte { sp.Deleted = false; return encIndexEntry(sp) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := openTestStore(t, filepath.Join(t.TempDir(), "align.db"), Options{}) // damaged on purpose: no Check at cleanup
			sp := must[model.Sprint](t)(s.SaveSprint(model.Sprint{Name: "S1", Start: t0, End: t0.AddDate(0, 0, 13)}))
			if tt.name == "names a deleted sprint as live" {
				sp.Deleted = true
				sp = must[model.Sprint](t)(s.SaveSprint(sp))
			}
			path := s.Path()
			_ = s.Close()
			rawUpdate(t, filepath.Clean(path), func(tx *bolt.Tx) error {
				return tx.Bucket(bucketSprintIndex).Put(sp.ID[:], tt.value(sp))
			})
			ro := openTestStore(t, path, Options{ReadOnly: true})
			_, ok, err := ro.CurrentSprint(t0)
			var re *RecordError
			if ok || !errors.As(err, &re) || !errors.Is(err, ErrDamaged) {
				t.Fatalf("CurrentSprint on a damaged index = %v, %v; want a *RecordError matching ErrDamaged", ok, err)
			}
		})
	}
}

// TestCheck_SprintIndex: Check reports an index entry that is missing, does
// not match its header, or names no sprint, and nothing on a healthy file.
func TestCheck_SprintIndex(t *testing.T) {
	for _, tt := range []struct {
		name, want string
		damage     func(b *bolt.Bucket, sp model.Sprint) error
	}{
		{"healthy", "", func(*bolt.Bucket, model.Sprint) error { return nil }},
		{"missing", "has no index entry", func(b *bolt.Bucket, sp model.Sprint) error { return b.Delete(sp.ID[:]) }},
		{"stale", "does not match its header", func(b *bolt.Bucket, sp model.Sprint) error {
			sp.Start = sp.Start.AddDate(0, 0, 1)
			return b.Put(sp.ID[:], encIndexEntry(sp))
		}},
		{"extra", "which has no header", func(b *bolt.Bucket, sp model.Sprint) error {
			id := uuid.New()
			return b.Put(id[:], encIndexEntry(sp))
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := openTestStore(t, filepath.Join(t.TempDir(), "align.db"), Options{}) // damaged on purpose: no Check at cleanup
			sp := must[model.Sprint](t)(s.SaveSprint(model.Sprint{Name: "S1", Start: t0, End: t0.AddDate(0, 0, 13)}))
			path := s.Path()
			_ = s.Close()
			rawUpdate(t, path, func(tx *bolt.Tx) error { return tt.damage(tx.Bucket(bucketSprintIndex), sp) })
			ro := openTestStore(t, path, Options{ReadOnly: true})
			problems, err := ro.Check()
			if err != nil {
				t.Fatal(err)
			}
			var got string
			for _, p := range problems {
				got += p.Where + ": " + p.What + "\n"
			}
			if tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
				t.Fatalf("Check found:\n%s\nwant a problem saying %q", got, tt.want)
			}
		})
	}
}
