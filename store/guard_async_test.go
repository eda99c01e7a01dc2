package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/model"
	"github.com/align-team/align/store/internal/filesafe"
)

// A background-walk open of a healthy workspace reads and writes exactly as
// the ordinary open does, once its walk passes.
func TestOpen_VerifyInBackground_Healthy(t *testing.T) {
	path := filepath.Join(t.TempDir(), "align.db")
	bigWorkspace(t, path)
	plain := openTestStore(t, path, Options{ReadOnly: true})
	want := datasetDigest(must[model.Dataset](t)(plain.Dataset(DatasetOptions{IncludeDeleted: true})))
	_ = plain.Close()

	s, err := Open(path, Options{VerifyInBackground: true, NoAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	if s.gate == nil {
		t.Fatal("the open walked the whole file before returning; want the walk in the background")
	}
	if err := s.Verified(); err != nil {
		t.Fatalf("Verified() = %v on a healthy file", err)
	}
	got := datasetDigest(must[model.Dataset](t)(s.Dataset(DatasetOptions{IncludeDeleted: true})))
	if got != want {
		t.Error("the background-walk open reads another dataset than the ordinary open")
	}
	if _, err := s.SaveGoal(model.Goal{Title: "After the walk"}); err != nil {
		t.Fatalf("write after the walk: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// Bit rot that keeps inode, size and mtime, outside the pages the open
// itself reads: the background-walk open may return, but its walk reports
// the damage, and every read and write fails with it, changing nothing.
func TestOpen_VerifyInBackground_BitRot(t *testing.T) {
	path := filepath.Join(t.TempDir(), "align.db")
	bigWorkspace(t, path)
	page, ps := branchRoot(t, path)
	rotBranch(t, path, page, ps)
	digest := fileDigest(path)

	s, err := Open(path, Options{VerifyInBackground: true, NoAutoBackup: true})
	if err != nil {
		if !errors.Is(err, ErrDamaged) {
			t.Fatalf("Open = %v, want ErrDamaged or a store whose walk fails", err)
		}
	} else {
		verdict := s.Verified()
		if !errors.Is(verdict, ErrDamaged) || !strings.Contains(verdict.Error(), "points to page") || !strings.Contains(verdict.Error(), path) {
			t.Errorf("Verified() = %v; want ErrDamaged saying where", verdict)
		}
		if _, err := s.Dataset(DatasetOptions{}); !errors.Is(err, ErrDamaged) {
			t.Errorf("read of a rotten file: %v, want ErrDamaged", err)
		}
		if _, err := s.SaveGoal(model.Goal{Title: "Never written"}); !errors.Is(err, ErrDamaged) {
			t.Errorf("write to a rotten file: %v, want ErrDamaged", err)
		}
		if _, err := s.Check(); !errors.Is(err, ErrDamaged) {
			t.Errorf("Check of a rotten file: %v, want ErrDamaged", err)
		}
		_ = s.Close()
	}
	if fileDigest(path) != digest {
		t.Error("the background-walk open changed the rotten file")
	}
}

// Damage inside the prefix the open reads (the meta bucket's page) is
// refused by Open itself, before bbolt maps the file.
func TestOpen_VerifyInBackground_PrefixDamage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "align.db")
	bigWorkspace(t, path)
	_, ps := branchRoot(t, path)
	root := rootPage(t, path, ps)
	rotLeafCount(t, path, root, ps)
	digest := fileDigest(path)
	if _, err := Open(path, Options{VerifyInBackground: true, NoAutoBackup: true}); !errors.Is(err, ErrDamaged) {
		t.Fatalf("Open with a damaged root page = %v, want ErrDamaged at Open", err)
	}
	if fileDigest(path) != digest {
		t.Error("refusing the file changed it")
	}
}

// rootPage returns the root bucket's page of the workspace at path.
func rootPage(t *testing.T, path string, _ int) uint64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	m, err := filesafe.ReadMeta(f)
	if err != nil {
		t.Fatal(err)
	}
	return m.Root
}

// rotLeafCount overwrites the element count of page id with one that does
// not fit the page, keeping the file's modification time.
func rotLeafCount(t *testing.T, path string, id uint64, ps int) {
	t.Helper()
	before, _ := os.Stat(path)
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte{0xff, 0x7f}, int64(id)*int64(ps)+10); err != nil {
		t.Fatal(err)
	}
	_ = f.Close()
	if err := os.Chtimes(path, before.ModTime(), before.ModTime()); err != nil {
		t.Fatal(err)
	}
}

// openInBackground opens path as the TUI does (the walk in the background)
// and reads everything; it returns the first error (from Open, the walk or
// the read) and whether a refusal changed the file.
func openInBackground(path string) (err error, changed bool) {
	before := fileDigest(path)
	s, err := Open(path, Options{Timeout: 100 * time.Millisecond, NoAutoBackup: true, VerifyInBackground: true})
	if err == nil {
		// The first load's reads, which may run before the verdict
		// (viewEarly, viewSprint), then everything.
		_, _ = s.Workspace()
		_, _ = s.Members()
		_, _ = s.Goals()
		sprints, _ := s.Sprints()
		for _, sp := range sprints {
			_, _ = s.SprintData(sp.ID)
		}
		_, err = s.Dataset(DatasetOptions{IncludeDeleted: true})
		err = firstErr(s.Verified(), err)
		_ = s.Close()
	}
	return err, err != nil && fileDigest(path) != before
}

// The reads the first frame makes may run before the whole walk's verdict,
// but only on what has passed: the rotten sprint's records are never read
// (ErrDamaged), and once the verdict is in, every read and write fails.
func TestOpen_VerifyInBackground_StagedReads(t *testing.T) {
	path := filepath.Join(t.TempDir(), "align.db")
	bigWorkspace(t, path)
	plain := openTestStore(t, path, Options{ReadOnly: true})
	sprints := must[[]model.Sprint](t)(plain.Sprints())
	_ = plain.Close()
	page, ps := branchRoot(t, path) // in the first sprint's bucket
	rotBranch(t, path, page, ps)
	digest := fileDigest(path)
	for range 5 { // the walk races the reads: every interleaving must hold
		s, err := Open(path, Options{VerifyInBackground: true, NoAutoBackup: true})
		if err != nil {
			t.Fatalf("Open = %v; the damage is outside what the open reads", err)
		}
		var rotten error
		for _, sp := range sprints {
			if _, err := s.SprintData(sp.ID); err != nil && !errors.Is(err, ErrDamaged) {
				t.Errorf("SprintData(%s) = %v, want data or ErrDamaged", sp.Name, err)
			} else if err != nil && rotten == nil {
				rotten = err
			}
		}
		if rotten == nil {
			t.Error("every sprint read, the rotten one too")
		}
		if !errors.Is(s.Verified(), ErrDamaged) {
			t.Errorf("Verified() = %v, want ErrDamaged", s.Verified())
		}
		if _, err := s.Members(); !errors.Is(err, ErrDamaged) {
			t.Errorf("Members after the verdict = %v, want ErrDamaged", err)
		}
		if _, err := s.SaveGoal(model.Goal{Title: "Never"}); !errors.Is(err, ErrDamaged) {
			t.Errorf("write = %v, want ErrDamaged", err)
		}
		_ = s.Close()
	}
	if fileDigest(path) != digest {
		t.Error("the file changed")
	}
}
