package filesafe

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"
)

// A snapshot is a private copy of a workspace another process holds for
// writing, taken without its lock. bbolt never overwrites a page that the
// latest commit can reach, and every commit ends by writing a meta page
// with the next transaction ID. So when the highest committed transaction
// ID is the same before and after the copy, no commit completed in
// between, and the copy holds exactly the last commit (pages of a commit
// still in flight are unreachable from its meta page); otherwise
// CopyCommitted returns ErrMovedOn and the caller copies again.

// ErrMovedOn means a commit landed while a snapshot was being copied
// (CopyCommitted): the caller tries again.
var ErrMovedOn = errors.New("the workspace changed while it was being read")

// SnapshotPattern names snapshot copies in the temporary directory.
const SnapshotPattern = "align-snapshot-*.db"

// NewSnapshotFile creates a private temporary file for a snapshot copy and
// holds a shared lock on it for as long as it is open, so that
// RemoveLeftoverSnapshots in another process never takes it for a leftover.
func NewSnapshotFile() (*os.File, error) {
	for range 3 {
		f, err := os.CreateTemp("", SnapshotPattern)
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

// RemoveLeftoverSnapshots deletes snapshot copies in the temporary
// directory that no process holds: left by a process killed while copying.
func RemoveLeftoverSnapshots() {
	dir := os.TempDir()
	names, _ := filepath.Glob(filepath.Join(dir, SnapshotPattern))
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

// CopyCommitted copies path to a private temporary file (0600, locked,
// open) and returns it, or ErrMovedOn when a commit landed during the copy.
func CopyCommitted(path string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h, err := committedHeader(f, path)
	if err != nil {
		return nil, err
	}
	before := h.meta.txid
	tmp, err := NewSnapshotFile()
	if err != nil {
		return nil, fmt.Errorf("cannot make a snapshot of %s: %w", path, err)
	}
	drop := func() { _ = tmp.Close(); _ = os.Remove(tmp.Name()) }
	// Only the pages the commit can reach, [0, pgid): the file may have
	// grown ahead of them. Copying from an *os.File lets the kernel copy
	// in place (copy_file_range), at half the cost of a copy through a
	// buffer; where it cannot, ReadFrom falls back to the buffered copy.
	src := &io.LimitedReader{R: f, N: int64(h.meta.pgid) * int64(h.pageSize)}
	if _, err = tmp.ReadFrom(src); err != nil {
		drop()
		return nil, fmt.Errorf("cannot make a snapshot of %s: %w", path, err)
	}
	after, err := committedTxid(f, path)
	if err != nil || after != before {
		drop()
		if err != nil {
			return nil, err
		}
		return nil, ErrMovedOn
	}
	return tmp, nil
}

// committedTxid returns the transaction ID of the meta page bbolt would use.
func committedTxid(f *os.File, path string) (uint64, error) {
	h, err := committedHeader(f, path)
	return h.meta.txid, err
}

// committedHeader returns the validated header of the meta page bbolt would
// use.
func committedHeader(f *os.File, path string) (header, error) {
	info, err := f.Stat()
	if err != nil {
		return header{}, err
	}
	h, p := readHeader(f, info.Size())
	if p != nil {
		return header{}, p.err(path)
	}
	return h, nil
}
