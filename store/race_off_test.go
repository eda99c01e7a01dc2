//go:build !race

package store

// raceBuild is true in a -race build, whose child processes are several
// times slower.
const raceBuild = false
