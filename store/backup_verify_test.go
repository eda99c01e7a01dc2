package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/store/internal/filesafe"
)

// TestBackup_RefusesDamagedWorkspace rots the file under an open store:
// Backup refuses with ErrDamaged, says so, and leaves nothing behind.
func TestBackup_RefusesDamagedWorkspace(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "align.db")
	bigWorkspace(t, path)
	page, ps := branchRoot(t, path)
	s := openTestStore(t, path, Options{NoAutoBackup: true})
	rotBranch(t, path, page, ps)
	dst := filepath.Join(dir, "copy.db")
	err := s.Backup(dst, false)
	_ = s.Close()
	if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "was not backed up") || !strings.Contains(err.Error(), path) {
		t.Fatalf("Backup of a damaged workspace: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "align.db" {
		t.Errorf("left behind: %v", entries)
	}
}

// goodBackup writes a verified copy of the workspace at path into its
// backup directory under the name for taken, and returns it.
func goodBackup(t *testing.T, path string, taken time.Time) string {
	t.Helper()
	if err := makeDir(filesafe.BackupDir(path)); err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(filesafe.BackupDir(path), filesafe.BackupStem(path)+taken.UTC().Format(filesafe.BackupStamp)+".db")
	s := openTestStore(t, path, Options{ReadOnly: true})
	defer func() { _ = s.Close() }()
	if err := s.Backup(dst, false); err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestAutoBackup_FutureAndDamagedFiles: a backup dated in the future does
// not stop automatic backups, and neither it nor damaged files push good
// backups out of the rotation or get named by the restore hint.
func TestAutoBackup_FutureAndDamagedFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "align.db")
	clock := &stepClock{t: t0}
	s := openTestStore(t, path, Options{Now: clock.Now})
	addGoal(t, s, "First")
	_ = s.Close()
	future := goodBackup(t, path, t0.AddDate(2, 0, 0)) // team-2027…: a clock once ahead
	var good []string
	for day := range AutoBackupKeep - 1 {
		good = append(good, goodBackup(t, path, t0.Add(time.Duration(day-10)*24*time.Hour)))
	}
	// Damaged files newer than every good backup: a copy cut short and one
	// overwritten with text.
	data, err := os.ReadFile(good[0])
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(filesafe.BackupDir(path), filesafe.BackupStem(path)+t0.Add(-time.Hour).Format(filesafe.BackupStamp)+".db")
	text := filepath.Join(filesafe.BackupDir(path), filesafe.BackupStem(path)+t0.Add(-2*time.Hour).Format(filesafe.BackupStamp)+".db")
	writeFile(t, cut, data[:len(data)/2])
	writeFile(t, text, []byte("not a database\n"))

	for day := 1; day <= 3; day++ {
		clock.t = t0.Add(time.Duration(day) * 24 * time.Hour)
		s := openTestStore(t, path, Options{Now: clock.Now})
		b, err := s.AutoBackup()
		addGoal(t, s, "Changed")
		_ = s.Close()
		if err != nil || b == "" {
			t.Fatalf("day %d: AutoBackup() = %q, %v; want a backup despite %s", day, b, err, filepath.Base(future))
		}
		good = append(good, b)
		if got, _, _ := LatestBackup(path); got != b {
			t.Errorf("day %d: the restore hint names %s, want the newest verified %s", day, got, b)
		}
	}
	// Seven good backups were made: the newest five stay, the damaged and
	// future-dated files are untouched.
	for i, g := range good {
		_, err := os.Stat(g)
		if kept := err == nil; kept != (i >= len(good)-AutoBackupKeep) {
			t.Errorf("good backup %d (%s): kept %v", i, filepath.Base(g), kept)
		}
	}
	for _, f := range []string{future, cut, text} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(f), err)
		}
	}
}

// TestLatestBackup_SkipsDamaged: the restore hint never names a backup that
// does not verify.
func TestLatestBackup_SkipsDamaged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "align.db")
	bigWorkspace(t, path)
	old := goodBackup(t, path, t0)
	rotten := goodBackup(t, path, t0.Add(time.Hour))
	page, ps := branchRoot(t, rotten)
	rotBranch(t, rotten, page, ps)
	if got, _, ok := LatestBackup(path); !ok || got != old {
		t.Errorf("LatestBackup = %s, %v; want the older verified %s", got, ok, old)
	}
	if hint := RestoreHint(path); strings.Contains(hint, filepath.Base(rotten)) {
		t.Errorf("the hint names the damaged backup: %s", hint)
	}
}
