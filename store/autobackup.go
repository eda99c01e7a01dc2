package store

// Automatic backups.
//
// Policy: a writing Open of an existing workspace copies it to
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

	bolt "go.etcd.io/bbolt"
)

// AutoBackupKeep is how many automatic backups a workspace keeps.
const AutoBackupKeep = 5

// AutoBackupInterval is the least time between two automatic backups.
const AutoBackupInterval = 24 * time.Hour

// autoStamp is the time format in automatic backup names.
const autoStamp = "20060102T150405Z"

// backupDir returns the directory of dbPath's automatic backups.
func backupDir(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), "align-backups") }

// backupStem returns the name automatic backups of dbPath begin with.
func backupStem(dbPath string) string {
	return strings.TrimSuffix(filepath.Base(dbPath), ".db") + "-"
}

// autoBackup is one automatic backup found on disk.
type autoBackup struct {
	path  string
	taken time.Time
}

// listBackups returns dbPath's automatic backups, newest first, except that
// those dated after now (by a clock that was once ahead) come last.
func listBackups(dbPath string, now time.Time) []autoBackup {
	entries, err := os.ReadDir(backupDir(dbPath))
	if err != nil {
		return nil
	}
	stem := backupStem(dbPath)
	var out []autoBackup
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(name, stem) || !strings.HasSuffix(name, ".db") {
			continue
		}
		t, err := time.Parse(autoStamp, strings.TrimSuffix(strings.TrimPrefix(name, stem), ".db"))
		if err != nil {
			continue
		}
		out = append(out, autoBackup{filepath.Join(backupDir(dbPath), name), t})
	}
	slices.SortFunc(out, func(a, b autoBackup) int {
		if fa, fb := a.future(now), b.future(now); fa != fb {
			if fa {
				return 1
			}
			return -1
		}
		return b.taken.Compare(a.taken)
	})
	return out
}

// future reports whether b is dated after now: its name came from a clock
// that was ahead, so its date says nothing about how old it is.
func (b autoBackup) future(now time.Time) bool { return b.taken.After(now) }

// LatestBackup returns the newest automatic backup of the workspace at
// dbPath that verifies (the same page walk as Open), and when it was taken
// (UTC, from its name); ok is false when there is none. It reads the
// backups, never the workspace itself, so it works on a damaged workspace.
// A damaged backup is skipped, so a restore hint never names one.
func LatestBackup(dbPath string) (path string, taken time.Time, ok bool) {
	for _, b := range listBackups(dbPath, time.Now()) {
		if verifyPath(b.path) == nil {
			return b.path, b.taken, true
		}
	}
	return "", time.Time{}, false
}

// backupTxid returns the transaction ID recorded in the meta pages of the
// bbolt file at path, or 0 when they cannot be read.
func backupTxid(path string) uint64 {
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

// AutoBackup returns the automatic backup this Open took (empty when none
// was due) and the error that kept it from being taken, if any. A failed
// automatic backup does not fail Open: the workspace is intact and usable,
// and the caller decides how loudly to warn. After StartAutoBackup it waits
// for that backup to finish.
func (s *Store) AutoBackup() (path string, err error) {
	s.waitAutoBackup()
	return s.autoPath, s.autoErr
}

// autoBackupIfDue takes an automatic backup when one is due and prunes the
// old ones; see the policy at the top of this file.
func (s *Store) autoBackupIfDue() (string, error) {
	now := s.clock()
	var txid uint64
	if err := s.view(func(tx *bolt.Tx) error { txid = uint64(tx.ID()); return nil }); err != nil {
		return "", err
	}
	if existing := listBackups(s.path, now); len(existing) > 0 && !existing[0].future(now) {
		newest := existing[0]
		if now.Sub(newest.taken) < AutoBackupInterval || backupTxid(newest.path) == max(txid, 1) {
			return "", nil
		}
	}
	dir := backupDir(s.path)
	if err := makeDir(dir); err != nil {
		return "", err
	}
	dest := filepath.Join(dir, backupStem(s.path)+now.Format(autoStamp)+".db")
	if err := s.Backup(dest, false); err != nil {
		return "", fmt.Errorf("automatic backup of %s: %w", s.path, err)
	}
	return dest, pruneBackups(s.path, now)
}

// pruneBackups deletes the good backups of dbPath beyond the newest
// AutoBackupKeep; damaged and future-dated ones are neither counted nor
// deleted (see the policy above).
func pruneBackups(dbPath string, now time.Time) error {
	good := 0
	for _, b := range listBackups(dbPath, now) {
		if b.future(now) || verifyPath(b.path) != nil {
			continue
		}
		if good++; good <= AutoBackupKeep {
			continue
		}
		if err := failAt("autobackup.prune"); err != nil {
			return err
		}
		if err := os.Remove(b.path); err != nil {
			return fmt.Errorf("cannot remove the old automatic backup %s: %w", b.path, err)
		}
	}
	return nil
}
