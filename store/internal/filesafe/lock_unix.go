//go:build unix

package filesafe

import (
	"errors"
	"os"
	"syscall"
	"time"
)

// errLockTimeout means lockShared gave up waiting.
var errLockTimeout = errors.New("timed out waiting for the file lock")

// lockShared takes a shared flock on f, as bbolt's read-only open does,
// retrying every 50 ms for up to timeout while a writer holds the file.
func lockShared(f *os.File, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB)
		switch {
		case err == nil:
			return nil
		case !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR):
			return err
		case time.Now().After(deadline):
			return errLockTimeout
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// tryLockExclusive takes an exclusive flock on f if nobody holds any lock
// on its file, without waiting.
func tryLockExclusive(f *os.File) bool {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil
}

// unlock releases f's flock.
func unlock(f *os.File) { _ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }

// mapFile maps size bytes of f read-only; the returned function unmaps them.
func mapFile(f *os.File, size int) ([]byte, func(), error) {
	data, err := syscall.Mmap(int(f.Fd()), 0, size, syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, nil, err
	}
	return data, func() { _ = syscall.Munmap(data) }, nil
}

// fileIno returns the inode number of info's file.
func fileIno(info os.FileInfo) uint64 {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Ino)
	}
	return 0
}

// releaseMapped lets the kernel drop the process's mapping of data's pages
// (a read-only file mapping: they stay in the page cache, and a later read
// maps them again with the same bytes), so that a walk over the whole file
// does not hold all of it in the process's resident memory.
func releaseMapped(data []byte) { _ = syscall.Madvise(data, syscall.MADV_DONTNEED) }
