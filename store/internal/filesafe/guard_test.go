package filesafe

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The package's own tests run on bbolt files built here, with nothing of
// align's records; the store's tests cover the same layer through Open on
// real workspaces (damage_test.go, guard_async_test.go, snapshot_test.go,
// autobackup_test.go and the rest in store/).

var (
	testMeta   = []byte("meta")
	testSprint = []byte("sprintdata")
)

// boltFile writes a bbolt file at path with a meta bucket and n nested
// buckets of records under sprintdata (big enough to need overflow pages).
func boltFile(t *testing.T, path string, n int) {
	t.Helper()
	db, err := bolt.Open(path, FileMode, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = db.Close() }()
	err = db.Update(func(tx *bolt.Tx) error {
		m, err := tx.CreateBucket(testMeta)
		if err != nil {
			return err
		}
		if err := m.Put([]byte("schema"), []byte("9")); err != nil {
			return err
		}
		sd, err := tx.CreateBucket(testSprint)
		if err != nil {
			return err
		}
		for i := range n {
			b, err := sd.CreateBucket([]byte(fmt.Sprintf("sprint-%03d", i)))
			if err != nil {
				return err
			}
			for j := range 40 {
				if err := b.Put([]byte(fmt.Sprintf("rec-%03d", j)), bytes.Repeat([]byte{byte(j)}, 200+j*50)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func digest(t *testing.T, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}

func TestGuard_HealthyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	boltFile(t, path, 12)
	if err := Guard(path, time.Second); err != nil {
		t.Fatalf("Guard: %v", err)
	}
	if err := Verify(path); err != nil {
		t.Fatalf("Verify: %v", err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	if ps, err := WalkOpenFile(f); err != nil || len(ps) != 0 {
		t.Fatalf("WalkOpenFile = %v, %v; want no problems", ps, err)
	}
}

// TestGuard_Truncated: a file cut short is refused as damaged, with the
// restore data, and left byte for byte as it was.
func TestGuard_Truncated(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	boltFile(t, path, 12)
	info, _ := os.Stat(path)
	if err := os.Truncate(path, info.Size()/2); err != nil {
		t.Fatal(err)
	}
	before := digest(t, path)
	err := Guard(path, time.Second)
	var de *DamagedError
	if !errors.As(err, &de) || !errors.Is(err, ErrDamaged) || de.Restore == nil {
		t.Fatalf("Guard = %v; want a *DamagedError with restore data", err)
	}
	if !strings.Contains(de.What, "it is truncated") || de.Path != path {
		t.Errorf("DamagedError = %+v", de)
	}
	want := path + " is damaged: " + de.What + ". Nothing was changed or moved. No automatic backup exists yet (they are kept in " + BackupDir(path) + ")."
	if err.Error() != want {
		t.Errorf("message\n %q\nwant\n %q", err, want)
	}
	if digest(t, path) != before {
		t.Error("Guard changed the file")
	}
}

// TestGuard_PageRot: a page pointer sent outside the file is found by the
// walk (every problem by WalkOpenFile, with its page), never by bbolt.
func TestGuard_PageRot(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	boltFile(t, path, 12)
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	m, err := ReadMeta(f)
	if err != nil {
		t.Fatal(err)
	}
	// The root page's first element is a leaf entry (a bucket); point the
	// page's own ID elsewhere instead, which every walk checks.
	bad := make([]byte, 8)
	bad[0] = 0xEE
	if _, err := f.WriteAt(bad, int64(m.Root)*int64(m.PageSize)); err != nil {
		t.Fatal(err)
	}
	_ = f.Close()
	if err := Guard(path, time.Second); !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), fmt.Sprintf("page %d says it is page", m.Root)) {
		t.Fatalf("Guard = %v; want the page that says it is another", err)
	}
	ps, err := CheckFile(path, time.Second)
	if err != nil || len(ps) == 0 || ps[0].Where != fmt.Sprintf("page %d", m.Root) {
		t.Fatalf("CheckFile = %v, %v; want the problem on page %d", ps, err, m.Root)
	}
}

func TestGuard_NotBolt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	if err := os.WriteFile(path, bytes.Repeat([]byte("not a database\n"), 1000), 0o600); err != nil {
		t.Fatal(err)
	}
	err := Guard(path, time.Second)
	var ne *NotWorkspaceError
	if !errors.As(err, &ne) || !errors.Is(err, ErrNotWorkspace) || ne.NotRegular() {
		t.Fatalf("Guard = %v; want a *NotWorkspaceError", err)
	}
	if want := path + " is not an align workspace (not a bbolt database)"; err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
}

func TestGuard_NotRegular(t *testing.T) {
	dir := t.TempDir()
	err := Guard(dir, time.Second)
	var ne *NotWorkspaceError
	if !errors.As(err, &ne) || !ne.NotRegular() || !ne.Mode.IsDir() {
		t.Fatalf("Guard(dir) = %v; want a directory refused", err)
	}
	if want := dir + " is a directory, not an align workspace"; err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
}

// TestGuard_Locked: a file another process holds for writing is refused
// after the timeout with a *LockedError that states the fact only.
func TestGuard_Locked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	boltFile(t, path, 1)
	db, err := bolt.Open(path, FileMode, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = db.Close() }()
	for name, check := range map[string]func() error{
		"Guard":     func() error { return Guard(path, 60*time.Millisecond) },
		"CheckFile": func() error { _, err := CheckFile(path, 60*time.Millisecond); return err },
		"GuardPrefix": func() error {
			_, _, err := GuardPrefix(path, 60*time.Millisecond, Buckets{Prefix: testMeta, Staged: testSprint})
			return err
		},
	} {
		err := check()
		var le *LockedError
		if !errors.As(err, &le) || !errors.Is(err, ErrLocked) || le.Path != path {
			t.Fatalf("%s = %v; want a *LockedError for %s", name, err, path)
		}
		if want := path + " is in use by another align process"; err.Error() != want {
			t.Errorf("%s: message %q, want %q", name, err, want)
		}
	}
	if got := (&LockedError{}).Error(); got != "the workspace is in use by another align process" {
		t.Errorf("LockedError without a path says %q", got)
	}
}

// TestGuardPrefix_StagedVerdict: the background walk of a healthy file
// publishes every staged bucket and passes; of a file with a rotten page
// in a staged bucket, it fails with the damage while the prefix passed.
func TestGuardPrefix_StagedVerdict(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	boltFile(t, path, 12)
	gate, txid, err := GuardPrefix(path, time.Second, Buckets{Prefix: testMeta, Staged: testSprint})
	if err != nil || gate == nil || txid == 0 {
		t.Fatalf("GuardPrefix = %v, %d, %v", gate, txid, err)
	}
	if err := gate.WaitPart([]byte("sprint-003")); err != nil {
		t.Fatalf("WaitPart: %v", err)
	}
	if err := gate.Verdict(); err != nil {
		t.Fatalf("Verdict: %v", err)
	}
}

func TestVerify_Empty(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Verify(path); !errors.Is(err, ErrDamaged) || err.Error() != path+" is empty" {
		t.Fatalf("Verify(empty) = %v", err)
	}
}

// TestWriteCopy: the copy is whole and private; an existing file is
// refused (and kept) without force; a copy that does not verify leaves
// nothing behind.
func TestWriteCopy(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "a.db")
	boltFile(t, src, 3)
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	write := func(w io.Writer) error { _, err := w.Write(data); return err }
	dst := filepath.Join(dir, "copy.db")
	if err := WriteCopy(src, dst, false, write); err != nil {
		t.Fatal(err)
	}
	if digest(t, dst) != digest(t, src) {
		t.Error("the copy differs from its source")
	}
	if info, _ := os.Stat(dst); info.Mode().Perm() != FileMode {
		t.Errorf("copy mode %v, want %v", info.Mode().Perm(), FileMode)
	}
	before := digest(t, dst)
	err = WriteCopy(src, dst, false, write)
	var ee *ExistsError
	if !errors.As(err, &ee) || !errors.Is(err, fs.ErrExist) || digest(t, dst) != before {
		t.Fatalf("second WriteCopy = %v; want an *ExistsError and the copy kept", err)
	}
	bad := filepath.Join(dir, "bad.db")
	err = WriteCopy(src, bad, false, func(w io.Writer) error { _, err := w.Write(data[:2*4096+100]); return err })
	var be *BadCopyError
	if !errors.As(err, &be) || !errors.Is(err, ErrDamaged) {
		t.Fatalf("WriteCopy of a truncated file = %v; want a *BadCopyError", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("directory holds %d files after a refused copy, want 2", len(entries))
	}
}

// TestCopyCommitted: a snapshot copy of a file nobody writes is the file's
// committed pages, byte for byte (not the room bbolt grew the file by), and
// it passes the guard.
func TestCopyCommitted(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	path := filepath.Join(t.TempDir(), "a.db")
	boltFile(t, path, 3)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	h, err := committedHeader(f, path)
	_ = f.Close()
	if err != nil {
		t.Fatal(err)
	}
	tmp, err := CopyCommitted(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tmp.Close(); _ = os.Remove(tmp.Name()) }()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := sha256.Sum256(data[:int(h.meta.pgid)*h.pageSize])
	if digest(t, tmp.Name()) != want {
		t.Error("the snapshot differs from the file's committed pages")
	}
	if err := Guard(tmp.Name(), time.Second); err != nil {
		t.Errorf("the snapshot fails the guard: %v", err)
	}
}

// TestListBackups_Order: newest first, those dated in the future last, and
// files that are not backups of this workspace ignored.
func TestListBackups_Order(t *testing.T) {
	db := filepath.Join(t.TempDir(), "align.db")
	now := time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC)
	if err := os.MkdirAll(BackupDir(db), DirMode); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, d := range []int{48, 24, -24, 72} { // hours before now
		name := BackupName(db, now.Add(-time.Duration(d)*time.Hour))
		if err := os.WriteFile(name, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		want = append(want, name)
	}
	_ = os.WriteFile(filepath.Join(BackupDir(db), "other-20250301T000000Z.db"), nil, 0o600)
	var got []string
	for _, b := range ListBackups(db, now) {
		got = append(got, b.Path)
	}
	order := []string{want[1], want[0], want[3], want[2]}
	if strings.Join(got, "\n") != strings.Join(order, "\n") {
		t.Errorf("ListBackups =\n%v\nwant\n%v", got, order)
	}
	if _, _, ok := LatestBackup(db); ok {
		t.Error("LatestBackup named an empty (unverifiable) backup")
	}
}
