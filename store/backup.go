package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

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
func (s *Store) Backup(path string, force bool) error {
	if path == "" {
		return errors.New("no backup path given")
	}
	if same, _ := sameFile(path, s.path); same {
		return fmt.Errorf("cannot back up %s onto itself", s.path)
	}
	if info, statErr := os.Stat(path); statErr == nil {
		if info.IsDir() {
			return fmt.Errorf("%s is a directory; give a file name for the backup", path)
		}
		if !force {
			return newErr(fs.ErrExist, nil, "%s already exists; use --force to overwrite it", path)
		}
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("cannot write the backup: %w", err)
	}
	done := false
	defer func() {
		if !done { // a failure anywhere below: leave nothing behind
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if err := tmp.Chmod(fileMode); err != nil {
		return fmt.Errorf("cannot make the backup private: %w", err)
	}
	if err := s.view(func(tx *bolt.Tx) error {
		if _, err := tx.WriteTo(tmp); err != nil {
			return err
		}
		return failAt("backup.write")
	}); err != nil {
		return fmt.Errorf("cannot copy %s: %w", s.path, err)
	}
	if err := firstErr(failAt("backup.sync"), tmp.Sync()); err != nil {
		return fmt.Errorf("cannot sync the backup: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cannot write the backup: %w", err)
	}
	if err := s.verifyCopy(tmp.Name()); err != nil {
		return err
	}
	if err := failAt("backup.rename"); err != nil {
		return fmt.Errorf("cannot write the backup: %w", err)
	}
	if err := install(tmp.Name(), path, force); err != nil {
		return err
	}
	done = true
	if err := failAt("backup.syncdir"); err != nil {
		return fmt.Errorf("cannot sync %s: %w", dir, err)
	}
	return syncDir(dir)
}

// install moves the finished temporary file to path. Without force it links
// rather than renames, so that a file created at path in the meantime is
// never overwritten.
func install(tmp, path string, force bool) error {
	if force {
		if err := os.Rename(tmp, path); err != nil {
			return fmt.Errorf("cannot write the backup: %w", err)
		}
		return nil
	}
	err := os.Link(tmp, path)
	switch {
	case err == nil:
		return os.Remove(tmp)
	case errors.Is(err, fs.ErrExist):
		return newErr(fs.ErrExist, nil, "%s already exists; use --force to overwrite it", path)
	}
	// The file system has no hard links: fall back to a checked rename.
	if _, statErr := os.Lstat(path); statErr == nil {
		return newErr(fs.ErrExist, nil, "%s already exists; use --force to overwrite it", path)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("cannot write the backup: %w", err)
	}
	return nil
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("cannot sync %s: %w", dir, err)
	}
	defer func() { _ = d.Close() }()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("cannot sync %s: %w", dir, err)
	}
	return nil
}

// firstErr returns the first error that is not nil.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// sameFile reports whether a and b name the same existing file.
func sameFile(a, b string) (bool, error) {
	ia, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	ib, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(ia, ib), nil
}

// exists reports whether path names anything.
func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// verifyCopy walks the finished copy at tmp before it becomes a backup. When
// it fails, the workspace itself is walked too, to say which is damaged.
func (s *Store) verifyCopy(tmp string) error {
	err := verifyPath(tmp)
	if err == nil {
		return nil
	}
	var ps []Problem
	_ = s.view(func(*bolt.Tx) error { ps = s.walkProblems(); return nil })
	if len(ps) > 0 {
		return newErr(ErrDamaged, nil, "%s is damaged (%s: %s), so it was not backed up; nothing was written. %s",
			s.path, ps[0].Where, ps[0].What, RestoreHint(s.path))
	}
	return newErr(ErrDamaged, err, "the copy of %s did not verify (%v), so it was not kept; nothing was written", s.path, err)
}
