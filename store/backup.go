package store

import (
	"errors"
	"io"

	"github.com/align-team/align/store/internal/filesafe"
	bolt "go.etcd.io/bbolt"
)

// Backup writes a consistent, fsynced copy of the file to path.
//
// The copy is taken in one read transaction, so it is consistent while
// others keep writing. It is written to a temporary file in the destination
// directory, synced, and renamed into place (the directory is synced too),
// so a crash leaves either no backup or a whole one. Before it is renamed,
// the copy is verified with the same page walk as Open: a damaged workspace
// (or a copy that went wrong) is refused with ErrDamaged and leaves nothing
// behind, so no damaged backup is ever kept. An existing path is
// refused (wrapping fs.ErrExist) unless force is set. The copy has mode 0600.
// See filesafe.WriteCopy.
func (s *Store) Backup(path string, force bool) error {
	err := filesafe.WriteCopy(s.path, path, force, func(w io.Writer) error {
		return s.view(func(tx *bolt.Tx) error {
			if _, err := tx.WriteTo(w); err != nil {
				return err
			}
			return filesafe.FailAt("backup.write")
		})
	})
	var bad *filesafe.BadCopyError
	if errors.As(err, &bad) {
		return s.badCopy(bad.Err)
	}
	return err
}

// badCopy explains a copy that did not verify (err): the workspace itself
// is walked too, to say which is damaged.
func (s *Store) badCopy(err error) error {
	var ps []Problem
	_ = s.view(func(*bolt.Tx) error { ps = s.walkProblems(); return nil })
	if len(ps) > 0 {
		return newErr(ErrDamaged, nil, "%s is damaged (%s: %s), so it was not backed up; nothing was written. %s",
			s.path, ps[0].Where, ps[0].What, RestoreHint(s.path))
	}
	return newErr(ErrDamaged, err, "the copy of %s did not verify (%v), so it was not kept; nothing was written", s.path, err)
}
