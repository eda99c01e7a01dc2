package store

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// TestCheck_IDIndex: Check reports an ID index entry that is missing, names
// the wrong kind or sprint, or names no record, and nothing on a healthy
// file.
func TestCheck_IDIndex(t *testing.T) {
	type ids struct{ sprint, objective, other uuid.UUID }
	for _, tt := range []struct {
		name, want string
		damage     func(b *bolt.Bucket, f ids) error
	}{
		{"healthy", "", func(*bolt.Bucket, ids) error { return nil }},
		{"missing", "has no ID index entry", func(b *bolt.Bucket, f ids) error { return b.Delete(f.objective[:]) }},
		{"wrong kind", "does not say where it is stored", func(b *bolt.Bucket, f ids) error {
			return b.Put(f.objective[:], Location{Kind: model.KindStory, Sprint: f.sprint}.encode())
		}},
		{"wrong sprint", "does not say where it is stored", func(b *bolt.Bucket, f ids) error {
			return b.Put(f.objective[:], Location{Kind: model.KindObjective, Sprint: f.other}.encode())
		}},
		{"extra", "which is not stored", func(b *bolt.Bucket, f ids) error {
			id := uuid.New()
			return b.Put(id[:], Location{Kind: model.KindGoal}.encode())
		}},
		{"not an ID", "is not a record ID", func(b *bolt.Bucket, f ids) error {
			return b.Put([]byte("short"), Location{Kind: model.KindGoal}.encode())
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := openTestStore(t, filepath.Join(t.TempDir(), "align.db"), Options{}) // damaged on purpose: no Check at cleanup
			sp := must[model.Sprint](t)(s.SaveSprint(model.Sprint{Name: "S1", Start: t0, End: t0.AddDate(0, 0, 13)}))
			sp2 := must[model.Sprint](t)(s.SaveSprint(model.Sprint{Name: "S2", Start: t0.AddDate(0, 0, 14), End: t0.AddDate(0, 0, 27)}))
			o := must[model.Objective](t)(s.SaveObjective(model.Objective{SprintID: sp.ID, Title: "Faster search"}))
			path := s.Path()
			_ = s.Close()
			rawUpdate(t, path, func(tx *bolt.Tx) error {
				return tt.damage(tx.Bucket(bucketIDIndex), ids{sp.ID, o.ID, sp2.ID})
			})
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
