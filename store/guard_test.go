package store

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/align-team/align/store/internal/filesafe"
)

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
	start := time.Now()
	if err := filesafe.Guard(path, time.Second); err != nil {
		t.Fatal(err)
	}
	t.Logf("walked %d bytes in %v", mustSize(t, path), time.Since(start))
}
