package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"
)

// snapshotLockWait is how long a snapshot-capable read-only open waits for
// the shared lock before it reads a snapshot instead. A writer holds its
// exclusive lock for as long as it runs, so waiting longer gains nothing.
const snapshotLockWait = 100 * time.Millisecond

// snapshotTries bounds the copies attempted while commits keep landing.
const snapshotTries = 5

// errMovedOn means a commit landed while a snapshot was being copied.
var errMovedOn = errors.New("the workspace changed while it was being read")

// openReadOnlyOrSnapshot opens path read-only, or, when another process holds
// it for writing, a consistent snapshot of its last commit.
func openReadOnlyOrSnapshot(path string, opt Options) (*Store, error) {
	wait := min(opt.Timeout, snapshotLockWait)
	ro := opt
	ro.Timeout = wait
	err := guardFile(path, wait)
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
	for try := 0; try < snapshotTries; try++ {
		tmp, err := copyCommitted(path)
		if errors.Is(err, errMovedOn) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if err := guardFile(tmp, opt.Timeout); err != nil {
			_ = os.Remove(tmp)
			return nil, fmt.Errorf("reading a snapshot of %s: %w", path, err)
		}
		s, err := openReadOnly(tmp, opt)
		if err != nil {
			_ = os.Remove(tmp)
			return nil, fmt.Errorf("reading a snapshot of %s: %w", path, err)
		}
		s.path, s.snapshot = path, tmp
		return s, nil
	}
	return nil, newErr(ErrLocked, nil, "%s is in use by another align process and changed on every one of %d reads; try again", path, snapshotTries)
}

// copyCommitted copies path to a private temporary file (0600) and returns
// its name, or errMovedOn when a commit landed during the copy.
func copyCommitted(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	before, err := committedTxid(f, path)
	if err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp("", "align-snapshot-*.db")
	if err != nil {
		return "", fmt.Errorf("cannot make a snapshot of %s: %w", path, err)
	}
	name := tmp.Name()
	_, err = io.Copy(tmp, io.NewSectionReader(f, 0, 1<<62))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(name)
		return "", fmt.Errorf("cannot make a snapshot of %s: %w", path, err)
	}
	after, err := committedTxid(f, path)
	if err != nil || after != before {
		_ = os.Remove(name)
		if err != nil {
			return "", err
		}
		return "", errMovedOn
	}
	return name, nil
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
