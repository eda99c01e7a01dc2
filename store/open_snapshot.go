package store

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/align-team/align/store/internal/filesafe"
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

// openReadOnlyOrSnapshot opens path read-only, or, when another process holds
// it for writing, a consistent snapshot of its last commit.
func openReadOnlyOrSnapshot(path string, opt Options) (*Store, error) {
	ro := opt
	ro.Timeout = min(opt.Timeout, snapshotLockWait)
	err := filesafe.Guard(path, 0) // one try: a held lock means a snapshot now
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
// copy read-only; a copy a commit landed in is retried (see
// filesafe.CopyCommitted).
func openSnapshot(path string, opt Options) (*Store, error) {
	filesafe.RemoveLeftoverSnapshots()
	for try := 0; try < snapshotTries; try++ {
		tmp, err := filesafe.CopyCommitted(path)
		if errors.Is(err, filesafe.ErrMovedOn) {
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
	return nil, &LockedError{Path: path, Reads: snapshotTries}
}

// openCopy verifies and opens the snapshot copy tmp (held open and locked),
// then unlinks it at once: bbolt keeps reading the open file, and nothing
// is left in $TMPDIR however the process ends. The store keeps tmp to walk
// it in Check and closes it on Close.
func openCopy(tmp *os.File, opt Options) (*Store, error) {
	name := tmp.Name()
	defer func() { _ = os.Remove(name) }()
	if err := filesafe.Guard(name, opt.Timeout); err != nil {
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
