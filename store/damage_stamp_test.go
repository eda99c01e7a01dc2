package store

import (
	"os"
	"testing"
	"time"

	"github.com/align-team/align/store/internal/filesafe"
)

// TestOpen_DamagedFiles_SameMetadata repeats the damage cases that keep the
// file's size as bit rot on a bad disk does: the healthy workspace is opened
// and closed cleanly by a writing align first (which is when a stamp of its
// inode, size and mtime used to let the next open skip the walk), then the
// damaged bytes are written into the same file and its modification time is
// restored. Inode, size and mtime are those of the healthy file; every case
// must still be detected or harmless, and none may crash.
func TestOpen_DamagedFiles_SameMetadata(t *testing.T) {
	if testing.Short() || raceBuild {
		// Under -race, 500 more race-built children add a minute to CI;
		// the plain run covers the same files.
		t.Skip("damage cases")
	}
	base, want := damageBase(t)
	var cases []damageCase
	for _, c := range damageCases(t, base) {
		if len(c.data) == len(base) {
			cases = append(cases, c)
		}
	}
	dir := memTempDir(t)
	for i, c := range cases {
		path := caseFile(dir, i)
		writeFile(t, path, base)
		s, err := Open(path, Options{NoAutoBackup: true})
		if err != nil {
			t.Fatal(err)
		}
		_ = s.Close()
		before, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteAt(c.data, 0); err != nil {
			t.Fatal(err)
		}
		_ = f.Close()
		if err := os.Chtimes(path, time.Time{}, before.ModTime()); err != nil {
			t.Fatal(err)
		}
		if after, _ := os.Stat(path); filesafe.FileIno(after) != filesafe.FileIno(before) || after.Size() != before.Size() || !after.ModTime().Equal(before.ModTime()) {
			t.Fatalf("%s: the damage changed the file's metadata", c.name)
		}
	}
	reportDamage(t, cases, openAllDamaged(t, dir, len(cases), want))
}
