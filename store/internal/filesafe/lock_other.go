//go:build !unix

package filesafe

import (
	"errors"
	"io"
	"os"
	"time"
)

// errLockTimeout means lockShared gave up waiting; without flock it never
// does, and bbolt's own open reports the lock.
var errLockTimeout = errors.New("timed out waiting for the file lock")

func lockShared(*os.File, time.Duration) error { return nil }

func unlock(*os.File) {}

// tryLockExclusive never succeeds without flock: leftover snapshot copies
// cannot be told from ones in use, so none is removed.
func tryLockExclusive(*os.File) bool { return false }

// mapFile reads the first size bytes of f.
func mapFile(f *os.File, size int) ([]byte, func(), error) {
	data := make([]byte, size)
	if _, err := io.ReadFull(io.NewSectionReader(f, 0, int64(size)), data); err != nil {
		return nil, nil, err
	}
	return data, func() {}, nil
}

// fileIno is 0 where inodes are not available.
func fileIno(os.FileInfo) uint64 { return 0 }

// releaseMapped does nothing where the file is read into memory.
func releaseMapped([]byte) {}
