//go:build !linux

package store

// dropResident does nothing where MADV_DONTNEED's meaning differs from
// Linux's: the pages of the file's mapping stay resident until the kernel
// reclaims them.
func dropResident(addr uintptr, n int64) {}
