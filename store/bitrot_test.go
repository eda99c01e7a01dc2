package store

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/align-team/align/store/internal/filesafe"
)

// branchRoot returns a branch page of the workspace at path (the root of
// the first sprint's stories bucket) and the page size.
func branchRoot(t *testing.T, path string) (root uint64, pageSize int) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = db.Close() }()
	_ = db.View(func(tx *bolt.Tx) error {
		k, _ := tx.Bucket(bucketSprintData).Cursor().First()
		root = uint64(tx.Bucket(bucketSprintData).Bucket(k).Bucket([]byte(subStories)).Root())
		return nil
	})
	return root, db.Info().PageSize
}

// rotBranch overwrites, in place, the child pointers of branch page root of
// the file at path, as bit rot on a bad disk would, and then restores the
// file's modification time: inode, size and mtime stay as they were.
func rotBranch(t *testing.T, path string, root uint64, ps int) {
	t.Helper()
	before, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	hdr := make([]byte, filesafe.PageHeaderSize)
	if _, err := f.ReadAt(hdr, int64(root)*int64(ps)); err != nil {
		t.Fatal(err)
	}
	if binary.LittleEndian.Uint16(hdr[8:]) != filesafe.BranchPage {
		t.Fatalf("page %d is not a branch page: make the workspace larger", root)
	}
	count := int(binary.LittleEndian.Uint16(hdr[10:]))
	for i := range count {
		ptr := make([]byte, 8)
		binary.LittleEndian.PutUint64(ptr, 0x7fff_0000_0000+uint64(i))
		if _, err := f.WriteAt(ptr, int64(root)*int64(ps)+filesafe.PageHeaderSize+int64(i)*filesafe.ElementSize+8); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chtimes(path, before.ModTime(), before.ModTime()); err != nil {
		t.Fatal(err)
	}
	after, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if filesafe.FileIno(after) != filesafe.FileIno(before) || after.Size() != before.Size() || !after.ModTime().Equal(before.ModTime()) {
		t.Fatalf("the damage changed the file's metadata: %v %v", before, after)
	}
}

// bigWorkspace makes a workspace at path whose sprintdata bucket has a
// branch page, opened for writing and closed cleanly twice (as a user's
// day of commands would).
func bigWorkspace(t *testing.T, path string) {
	t.Helper()
	s := openTestStore(t, path, Options{NoAutoBackup: true})
	if err := s.Apply(benchDataset(2)); err != nil {
		t.Fatal(err)
	}
	_ = s.Close()
	_ = openTestStore(t, path, Options{NoAutoBackup: true}).Close()
}

// TestOpen_BitRot_SameInodeSizeMtime: damage that keeps every piece of the
// file's metadata is still refused by both kinds of open, which change
// nothing.
func TestOpen_BitRot_SameInodeSizeMtime(t *testing.T) {
	path := filepath.Join(t.TempDir(), "align.db")
	bigWorkspace(t, path)
	page, ps := branchRoot(t, path)
	rotBranch(t, path, page, ps)
	digest := fileDigest(path)
	for _, ro := range []bool{true, false} {
		_, err := Open(path, Options{ReadOnly: ro, Snapshot: ro})
		if !errors.Is(err, ErrDamaged) {
			t.Fatalf("read-only %v: open of a rotten file: %v, want ErrDamaged", ro, err)
		}
		if !strings.Contains(err.Error(), "points to page") || !strings.Contains(err.Error(), path) {
			t.Errorf("read-only %v: message %q does not say where", ro, err)
		}
	}
	if fileDigest(path) != digest {
		t.Error("refusing the file changed it")
	}
	t.Logf("damaged page %d: refused", page)
}

// TestCheck_WalksBeforeBbolt damages the file under an open store (another
// program writing it): Check reports each damaged page with where it is,
// instead of faulting in bbolt's own check.
func TestCheck_WalksBeforeBbolt(t *testing.T) {
	for _, ro := range []bool{false, true} {
		path := filepath.Join(t.TempDir(), "align.db")
		bigWorkspace(t, path)
		page, size := branchRoot(t, path)
		s := openTestStore(t, path, Options{ReadOnly: ro, NoAutoBackup: true})
		rotBranch(t, path, page, size)
		ps, err := s.Check()
		_ = s.Close()
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) < 2 {
			t.Fatalf("read-only %v: %d problems, want one per damaged pointer: %v", ro, len(ps), ps)
		}
		for _, p := range ps {
			if p.Where != "page "+itoa(page) || !strings.Contains(p.What, "outside the file") && !strings.Contains(p.What, "more problems like these") {
				t.Errorf("read-only %v: problem %+v, want it on page %d", ro, p, page)
			}
		}
	}
}

func itoa(n uint64) string { return strconv.FormatUint(n, 10) }
