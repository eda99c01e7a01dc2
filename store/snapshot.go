package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// snapshotLockWait bounds bbolt's own wait for the shared lock after the
// guard took it at the first try: a writer that came in between. A
// snapshot-capable read-only open does not wait for a writer at all (the
// guard tries the lock once): the TUI and serve hold their exclusive lock
// for as long as they run, and the snapshot of the last commit is exactly
// what a reader that waited for the lock would read.
const snapshotLockWait = time.Millisecond

// snapshotTries bounds the copies attempted while commits keep landing.
const snapshotTries = 5

// errMovedOn means a commit landed while a snapshot was being copied.
var errMovedOn = errors.New("the workspace changed while it was being read")

// openReadOnlyOrSnapshot opens path read-only, or, when another process holds
// it for writing, a consistent snapshot of its last commit.
func openReadOnlyOrSnapshot(path string, opt Options) (*Store, error) {
	ro := opt
	ro.Timeout = min(opt.Timeout, snapshotLockWait)
	err := guardFile(path, 0) // one try: a held lock means a snapshot now
	if err == nil {
		var s *Store
		if s, err = openReadOnly(path, ro); err == nil {
			return s, nil
		}
	}
	if !errors.Is(err, ErrLocked) {
		return nil, err
	}
	return openSnapshot(path, opt)
}

// openSnapshot copies the workspace without taking its lock and opens the
// copy read-only. bbolt never overwrites a page that the latest commit can
// reach, and every commit ends by writing a meta page with the next
// transaction ID. So when the highest committed transaction ID is the same
// before and after the copy, no commit completed in between, and the copy
// holds exactly the last commit (pages of a commit still in flight are
// unreachable from its meta page). Otherwise the copy is retried.
func openSnapshot(path string, opt Options) (*Store, error) {
	removeLeftoverSnapshots()
	for try := 0; try < snapshotTries; try++ {
		tmp, err := copyCommitted(path)
		if errors.Is(err, errMovedOn) {
			continue
		}
		if err != nil {
			return nil, err
		}
		s, err := openCopy(tmp, opt)
		if err != nil {
			return nil, fmt.Errorf("reading a snapshot of %s: %w", path, err)
		}
		s.path = path
		return s, nil
	}
	return nil, newErr(ErrLocked, nil, "%s is in use by another align process and changed on every one of %d reads; try again", path, snapshotTries)
}

// openCopy verifies and opens the snapshot copy tmp (held open and locked),
// then unlinks it at once: bbolt keeps reading the open file, and nothing
// is left in $TMPDIR however the process ends. The store keeps tmp to walk
// it in Check and closes it on Close.
func openCopy(tmp *os.File, opt Options) (*Store, error) {
	name := tmp.Name()
	defer func() { _ = os.Remove(name) }()
	if err := guardFile(name, opt.Timeout); err != nil {
		_ = tmp.Close()
		return nil, err
	}
	s, err := openReadOnly(name, opt)
	if err != nil {
		_ = tmp.Close()
		return nil, err
	}
	s.snapshot = tmp
	return s, nil
}

// snapshotPattern names snapshot copies in the temporary directory.
const snapshotPattern = "align-snapshot-*.db"

// newSnapshotFile creates a private temporary file for a snapshot copy and
// holds a shared lock on it for as long as it is open, so that
// removeLeftoverSnapshots in another process never takes it for a leftover.
func newSnapshotFile() (*os.File, error) {
	for range 3 {
		f, err := os.CreateTemp("", snapshotPattern)
		if err != nil {
			return nil, err
		}
		if err := lockShared(f, 0); err != nil {
			_ = f.Close()
			_ = os.Remove(f.Name())
			return nil, err
		}
		// A cleaner that ran between the create and the lock removed the
		// name; then make another.
		if same, _ := sameOpenFile(f, f.Name()); same {
			return f, nil
		}
		_ = f.Close()
	}
	return nil, errors.New("the temporary directory keeps losing files")
}

// removeLeftoverSnapshots deletes snapshot copies in the temporary
// directory that no process holds: left by a process killed while copying.
func removeLeftoverSnapshots() {
	dir := os.TempDir()
	names, _ := filepath.Glob(filepath.Join(dir, snapshotPattern))
	for _, name := range names {
		if info, err := os.Lstat(name); err != nil || !info.Mode().IsRegular() {
			continue
		}
		f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
		if err != nil {
			continue
		}
		if tryLockExclusive(f) {
			if same, _ := sameOpenFile(f, name); same {
				_ = os.Remove(name)
			}
		}
		_ = f.Close()
	}
}

// sameOpenFile reports whether name still refers to the open file f.
func sameOpenFile(f *os.File, name string) (bool, error) {
	a, err := f.Stat()
	if err != nil {
		return false, err
	}
	b, err := os.Lstat(name)
	if err != nil {
		return false, err
	}
	return os.SameFile(a, b), nil
}

// copyCommitted copies path to a private temporary file (0600, locked,
// open) and returns it, or errMovedOn when a commit landed during the copy.
func copyCommitted(path string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	before, err := committedTxid(f, path)
	if err != nil {
		return nil, err
	}
	tmp, err := newSnapshotFile()
	if err != nil {
		return nil, fmt.Errorf("cannot make a snapshot of %s: %w", path, err)
	}
	drop := func() { _ = tmp.Close(); _ = os.Remove(tmp.Name()) }
	if _, err = io.Copy(tmp, io.NewSectionReader(f, 0, 1<<62)); err != nil {
		drop()
		return nil, fmt.Errorf("cannot make a snapshot of %s: %w", path, err)
	}
	after, err := committedTxid(f, path)
	if err != nil || after != before {
		drop()
		if err != nil {
			return nil, err
		}
		return nil, errMovedOn
	}
	return tmp, nil
}

// committedTxid returns the transaction ID of the meta page bbolt would use.
func committedTxid(f *os.File, path string) (uint64, error) {
	info, err := f.Stat()
	if err != nil {
		return 0, err
	}
	h, p := readHeader(f, info.Size())
	if p != nil {
		return 0, p.err(path)
	}
	return h.meta.txid, nil
}
