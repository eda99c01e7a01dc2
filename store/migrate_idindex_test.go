package store

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// v2WorkspaceFile is a workspace written by align at schema version 2,
// before the ID index: `align demo --seed 3 --sprints 3 --members 3
// --objectives 2 --stories 3`.
const v2WorkspaceFile = "testdata/v2-workspace.db.gz"

// preBak is the backup a migration to SchemaVersion takes of path.
func preBak(path string) string { return fmt.Sprintf("%s.pre-v%d.bak", path, SchemaVersion) }

// v2Workspace writes the version-2 fixture to a new file and returns its path.
func v2Workspace(t *testing.T) string {
	t.Helper()
	data, err := readGzip(v2WorkspaceFile)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "align.db")
	writeFile(t, path, data)
	return path
}

func TestOpen_MigratesV2_BuildsIDIndex(t *testing.T) {
	path := v2Workspace(t)
	rawView(t, path, func(tx *bolt.Tx) error {
		if v, _ := readVersion(tx); v != 2 || tx.Bucket(bucketIDIndex) != nil {
			t.Fatalf("fixture: version %d, index bucket %v; want version 2 without an index", v, tx.Bucket(bucketIDIndex) != nil)
		}
		return nil
	})
	t.Cleanup(func() { checkFile(t, path) })
	s := openTestStore(t, path, Options{})
	if ws := must[Workspace](t)(s.Workspace()); ws.Schema != SchemaVersion {
		t.Errorf("schema after migration = %d, want %d", ws.Schema, SchemaVersion)
	}
	if _, err := os.Stat(preBak(path)); err != nil {
		t.Errorf("no backup before the migration: %v", err)
	}
	d := must[model.Dataset](t)(s.Dataset(DatasetOptions{IncludeDeleted: true}))
	want := map[uuid.UUID]Location{}
	var ids []uuid.UUID
	_ = model.EachRecord(d, func(rec any, _ uuid.UUID) error {
		kind, m, sprint, _ := model.Describe(rec)
		want[m.ID] = Location{Kind: kind, Sprint: sprint}
		ids = append(ids, m.ID)
		return nil
	})
	if len(d.Sprints) != 3 || len(ids) < 40 {
		t.Fatalf("fixture holds %d sprints and %d records; want 3 sprints of a demo", len(d.Sprints), len(ids))
	}
	got := must[map[uuid.UUID]Location](t)(s.Locate(append(ids, uuid.Must(uuid.NewV7()))))
	if len(got) != len(want) {
		t.Errorf("Locate found %d of %d records (and the unknown ID: it must not)", len(got), len(want))
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s is at %+v, want %+v", id, got[id], w)
		}
	}
	n := 0
	_ = s.view(func(tx *bolt.Tx) error { n = tx.Bucket(bucketIDIndex).Stats().KeyN; return nil })
	if n != len(want) {
		t.Errorf("the index holds %d entries, the file %d records", n, len(want))
	}
}

// An ID that lives in one sprint is refused in another through the index,
// with Apply's message, and the file stays byte-identical.
func TestStore_Apply_IDInAnotherSprint_ByIndex(t *testing.T) {
	path := v2Workspace(t)
	_ = openTestStore(t, path, Options{}).Close() // migrate
	s := openTestStore(t, path, Options{})
	d := must[model.Dataset](t)(s.Dataset(DatasetOptions{IncludeDeleted: true}))
	old, cur := d.Sprints[0], d.Sprints[len(d.Sprints)-1]
	moved := old.Objectives[0]
	moved.SprintID = cur.Sprint.ID
	moved.UpdatedAt = moved.UpdatedAt.Add(time.Minute)
	moved.Title = "Moved in from an old sprint"
	before := fileSum(t, path)
	err := s.Apply(model.Dataset{Sprints: []model.SprintData{{Sprint: cur.Sprint, Objectives: []model.Objective{moved}}}})
	wantMsg := fmt.Sprintf("cannot apply: objectives %s: the workspace already has this ID as objectives of sprint %s", moved.ID, old.Sprint.ID)
	if err == nil || err.Error() != wantMsg {
		t.Fatalf("Apply = %v\nwant %s", err, wantMsg)
	}
	if !strings.Contains(err.Error(), "already has this ID") {
		t.Error(err)
	}
	if after := fileSum(t, path); after != before {
		t.Error("a refused Apply changed the file")
	}
}

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}

// rawView reads the file at path with bbolt directly; the store must be
// closed.
func rawView(t *testing.T, path string, fn func(tx *bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = db.Close() }()
	if err := db.View(fn); err != nil {
		t.Fatal(err)
	}
}
