//go:build linux

package store

import "syscall"

// dropResident drops the resident pages of the n bytes mapped at addr
// (madvise MADV_DONTNEED). On bbolt's shared, read-only mapping of the file
// that loses nothing: the next read of a page faults it back in from the
// page cache. A failure only means the pages stay resident.
func dropResident(addr uintptr, n int64) {
	if addr == 0 || n <= 0 {
		return
	}
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, addr, uintptr(n), syscall.MADV_DONTNEED)
}
