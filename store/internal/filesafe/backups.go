package filesafe

// Automatic backups: where they are kept, which are good, and which go.
//
// Policy (the store takes them): a writing Open of an existing workspace copies it to
// <dir>/align-backups/<name>-YYYYMMDDTHHMMSSZ.db (dir and name from the workspace
// path: align.db gives align-20250303T090000Z.db; the time is the store's
// clock in UTC) when a backup is due, and then deletes all but the newest
// AutoBackupKeep good ones. A backup is due when there is none yet, or when
// the newest is at least AutoBackupInterval old and the workspace has
// committed a transaction since it was taken (so a week of opens without
// changes keeps the older, different backups). A new workspace is not
// backed up, nor is one opened read-only. The directory is 0700 and each
// backup 0600, like the workspace. A healthy open that is not due costs one
// directory listing and two small reads; the copy (a consistent, fsynced,
// verified Backup) happens only when due.
//
// Only good backups count: a file dated in the future (named by a clock
// that was once ahead) is ignored when deciding whether one is due, so it
// cannot stop automatic backups; and rotation counts and deletes only
// backups that verify (the page walk of Open) and are not dated in the
// future. A damaged or future-dated file is left alone, never pushes a good
// one out, and the newest verified backup is never deleted. Open refuses a
// damaged workspace before this point, and Backup verifies every copy, so
// a damaged workspace is never backed up.

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// AutoBackupKeep is how many automatic backups a workspace keeps.
const AutoBackupKeep = 5

// AutoBackupInterval is the least time between two automatic backups.
const AutoBackupInterval = 24 * time.Hour

// BackupStamp is the time format in automatic backup names.
const BackupStamp = "20060102T150405Z"

// BackupDir returns the directory of dbPath's automatic backups.
func BackupDir(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), "align-backups") }

// BackupStem returns the name automatic backups of dbPath begin with.
func BackupStem(dbPath string) string {
	return strings.TrimSuffix(filepath.Base(dbPath), ".db") + "-"
}

// AutoBackup is one automatic backup found on disk.
type AutoBackup struct {
	Path  string
	Taken time.Time // from its name
}

// ListBackups returns dbPath's automatic backups, newest first, except that
// those dated after now (by a clock that was once ahead) come last.
func ListBackups(dbPath string, now time.Time) []AutoBackup {
	entries, err := os.ReadDir(BackupDir(dbPath))
	if err != nil {
		return nil
	}
	stem := BackupStem(dbPath)
	var out []AutoBackup
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(name, stem) || !strings.HasSuffix(name, ".db") {
			continue
		}
		t, err := time.Parse(BackupStamp, strings.TrimSuffix(strings.TrimPrefix(name, stem), ".db"))
		if err != nil {
			continue
		}
		out = append(out, AutoBackup{filepath.Join(BackupDir(dbPath), name), t})
	}
	slices.SortFunc(out, func(a, b AutoBackup) int {
		if fa, fb := a.Future(now), b.Future(now); fa != fb {
			if fa {
				return 1
			}
			return -1
		}
		return b.Taken.Compare(a.Taken)
	})
	return out
}

// Future reports whether b is dated after now: its name came from a clock
// that was ahead, so its date says nothing about how old it is.
func (b AutoBackup) Future(now time.Time) bool { return b.Taken.After(now) }

// LatestBackup returns the newest automatic backup of the workspace at
// dbPath that verifies (the same page walk as Guard), and when it was taken
// (UTC, from its name); ok is false when there is none. It reads the
// backups, never the workspace itself, so it works on a damaged workspace.
// A damaged backup is skipped, so a restore hint never names one.
func LatestBackup(dbPath string) (path string, taken time.Time, ok bool) {
	for _, b := range ListBackups(dbPath, time.Now()) {
		if Verify(b.Path) == nil {
			return b.Path, b.Taken, true
		}
	}
	return "", time.Time{}, false
}

// BackupTxid returns the transaction ID recorded in the meta pages of the
// bbolt file at path, or 0 when they cannot be read.
func BackupTxid(path string) uint64 {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer func() { _ = f.Close() }()
	info, err := f.Stat()
	if err != nil {
		return 0
	}
	h, p := readHeader(f, info.Size())
	if p != nil {
		return 0
	}
	return max(h.meta.txid, 1)
}

// PruneBackups deletes the good backups of dbPath beyond the newest
// AutoBackupKeep; damaged and future-dated ones are neither counted nor
// deleted (see the policy above).
func PruneBackups(dbPath string, now time.Time) error {
	good := 0
	for _, b := range ListBackups(dbPath, now) {
		if b.Future(now) || Verify(b.Path) != nil {
			continue
		}
		if good++; good <= AutoBackupKeep {
			continue
		}
		if err := FailAt("autobackup.prune"); err != nil {
			return err
		}
		if err := os.Remove(b.Path); err != nil {
			return fmt.Errorf("cannot remove the old automatic backup %s: %w", b.Path, err)
		}
	}
	return nil
}

// BackupName is the automatic backup of dbPath taken at now.
func BackupName(dbPath string, now time.Time) string {
	return filepath.Join(BackupDir(dbPath), BackupStem(dbPath)+now.Format(BackupStamp)+".db")
}
