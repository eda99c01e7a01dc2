package store

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestOpen_GuardStamp_SkipsOnlyUnchangedFiles checks that the stamp written
// at a clean close lets the next open skip the walk, and that a file changed
// afterwards (same size, meta pages intact, a tree page zeroed) is walked
// again and refused.
func TestOpen_GuardStamp_SkipsOnlyUnchangedFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "align.db")
	s := openTestStore(t, path, Options{})
	seed(t, s)
	_ = s.Close()
	stamp, err := os.ReadFile(stampPath(path))
	if err != nil {
		t.Fatalf("no stamp after a clean close: %v", err)
	}
	if info, _ := os.Stat(stampPath(path)); info.Mode().Perm() != 0o600 {
		t.Errorf("stamp mode %o", info.Mode().Perm())
	}
	s = openTestStore(t, path, Options{ReadOnly: true})
	_ = s.Close()
	if again, _ := os.ReadFile(stampPath(path)); string(again) != string(stamp) {
		t.Errorf("a read-only open rewrote the stamp: %q, was %q", again, stamp)
	}

	// Zero the root page of the tree, as a damaged disk might, a second
	// after the close.
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	h, p := readHeader(f, mustSize(t, path))
	if p != nil {
		t.Fatal(p.what)
	}
	if _, err := f.WriteAt(make([]byte, h.pageSize), int64(h.meta.root)*int64(h.pageSize)); err != nil {
		t.Fatal(err)
	}
	_ = f.Close()
	later := time.Now().Add(time.Second)
	if err := os.Chtimes(path, later, later); err != nil {
		t.Fatal(err)
	}
	for _, ro := range []bool{true, false} {
		if _, err := Open(path, Options{ReadOnly: ro}); !errors.Is(err, ErrDamaged) {
			t.Errorf("read-only %v: open of a file damaged after its stamp: %v, want ErrDamaged", ro, err)
		}
	}
}

func mustSize(t *testing.T, path string) int64 {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Size()
}

// TestOpen_Guard_LargeWorkspace walks a workspace of 60 sprints after many
// deletes and rewrites (free pages, overflow pages, nested buckets) and
// must find nothing wrong.
func TestOpen_Guard_LargeWorkspace(t *testing.T) {
	if testing.Short() {
		t.Skip("large workspace")
	}
	path := filepath.Join(memTempDir(t), "align.db")
	s := openTestStore(t, path, Options{NoAutoBackup: true})
	f := seed(t, s)
	if err := s.Apply(benchDataset(60)); err != nil {
		t.Fatal(err)
	}
	for i := range 30 {
		st := addStory(t, s, f.obj.ID, "Story")
		if i%2 == 0 {
			st.Deleted = true
			must[any](t)(s.SaveStory(st))
		}
	}
	_ = s.Close()
	_ = os.Remove(stampPath(path))
	start := time.Now()
	if err := guardFile(path, time.Second, true); err != nil {
		t.Fatal(err)
	}
	t.Logf("walked %d bytes in %v", mustSize(t, path), time.Since(start))
}
