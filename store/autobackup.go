package store

// Automatic backups: a writing Open of an existing workspace takes one when
// it is due; see the policy in filesafe (backups.go), which finds, verifies
// and prunes them.

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/align-team/align/store/internal/filesafe"
	bolt "go.etcd.io/bbolt"
)

// AutoBackupKeep is how many automatic backups a workspace keeps.
const AutoBackupKeep = filesafe.AutoBackupKeep

// AutoBackupInterval is the least time between two automatic backups.
const AutoBackupInterval = filesafe.AutoBackupInterval

// LatestBackup returns the newest automatic backup of the workspace at
// dbPath that verifies (the same page walk as Open), and when it was taken
// (UTC, from its name); ok is false when there is none. It reads the
// backups, never the workspace itself, so it works on a damaged workspace.
// A damaged backup is skipped, so a restore hint never names one.
func LatestBackup(dbPath string) (path string, taken time.Time, ok bool) {
	return filesafe.LatestBackup(dbPath)
}

// RestoreHint returns one or two sentences for the user about the latest
// automatic backup of the workspace at dbPath: where it is, when it was
// taken and the commands that put it back, or that there is none yet. Open
// ends every ErrDamaged message with it; commands that find damage in other
// ways (align check) can print it too.
func RestoreHint(dbPath string) string { return filesafe.RestoreHint(dbPath) }

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
// old ones; see the policy in filesafe.
func (s *Store) autoBackupIfDue() (string, error) {
	now := s.clock()
	var txid uint64
	if err := s.view(func(tx *bolt.Tx) error { txid = uint64(tx.ID()); return nil }); err != nil {
		return "", err
	}
	if existing := filesafe.ListBackups(s.path, now); len(existing) > 0 && !existing[0].Future(now) {
		newest := existing[0]
		if now.Sub(newest.Taken) < AutoBackupInterval || filesafe.BackupTxid(newest.Path) == max(txid, 1) {
			return "", nil
		}
	}
	dest := filesafe.BackupName(s.path, now)
	if err := makeDir(filepath.Dir(dest)); err != nil {
		return "", err
	}
	if err := s.Backup(dest, false); err != nil {
		return "", fmt.Errorf("automatic backup of %s: %w", s.path, err)
	}
	return dest, filesafe.PruneBackups(s.path, now)
}
