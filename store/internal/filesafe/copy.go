package filesafe

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Permissions of what the store creates: the workspace, its backups and
// their directories are private to their owner.
const (
	DirMode  fs.FileMode = 0o700
	FileMode fs.FileMode = 0o600
)

// BadCopyError means the copy WriteCopy made did not verify: it was not
// kept, and Err says what is wrong with it. The caller finds out whether
// the source itself is damaged.
type BadCopyError struct{ Err error }

func (e *BadCopyError) Error() string { return e.Err.Error() }

// Unwrap returns what is wrong with the copy.
func (e *BadCopyError) Unwrap() error { return e.Err }

// ExistsError refuses to overwrite Path, which exists; it matches
// fs.ErrExist. Its message states only that.
type ExistsError struct{ Path string }

func (e *ExistsError) Error() string { return e.Path + " already exists" }

// Is makes an ExistsError match fs.ErrExist.
func (e *ExistsError) Is(target error) bool { return target == fs.ErrExist }

// WriteCopy writes a verified copy of the file at src to dst: write puts
// the bytes (one consistent read of src) into a temporary file in dst's
// directory, which is synced, walked with the same page walk as Guard, and
// renamed into place (the directory is synced too), so a crash leaves either
// no copy or a whole one, and a copy that does not verify is refused with a
// *BadCopyError and leaves nothing behind. An existing dst is refused (an
// *ExistsError) unless force is set. The copy has mode 0600.
func WriteCopy(src, dst string, force bool, write func(io.Writer) error) error {
	if dst == "" {
		return errors.New("no backup path given")
	}
	if same, _ := sameFile(dst, src); same {
		return fmt.Errorf("cannot back up %s onto itself", src)
	}
	if info, statErr := os.Stat(dst); statErr == nil {
		if info.IsDir() {
			return fmt.Errorf("%s is a directory; give a file name for the backup", dst)
		}
		if !force {
			return &ExistsError{Path: dst}
		}
	}
	dir := filepath.Dir(dst)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(dst)+".tmp-*")
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
	if err := writeTemp(tmp, src, write); err != nil {
		return err
	}
	if err := Verify(tmp.Name()); err != nil {
		return &BadCopyError{Err: err}
	}
	if err := FailAt("backup.rename"); err != nil {
		return fmt.Errorf("cannot write the backup: %w", err)
	}
	if err := install(tmp.Name(), dst, force); err != nil {
		return err
	}
	done = true
	if err := FailAt("backup.syncdir"); err != nil {
		return fmt.Errorf("cannot sync %s: %w", dir, err)
	}
	return SyncDir(dir)
}

// writeTemp makes tmp private, fills it with write, syncs and closes it.
func writeTemp(tmp *os.File, src string, write func(io.Writer) error) error {
	if err := tmp.Chmod(FileMode); err != nil {
		return fmt.Errorf("cannot make the backup private: %w", err)
	}
	if err := write(tmp); err != nil {
		return fmt.Errorf("cannot copy %s: %w", src, err)
	}
	if err := cmp.Or(FailAt("backup.sync"), tmp.Sync()); err != nil {
		return fmt.Errorf("cannot sync the backup: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cannot write the backup: %w", err)
	}
	return nil
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
		return &ExistsError{Path: path}
	}
	// The file system has no hard links: fall back to a checked rename.
	if _, statErr := os.Lstat(path); statErr == nil {
		return &ExistsError{Path: path}
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("cannot write the backup: %w", err)
	}
	return nil
}

// SyncDir makes a rename in dir durable.
func SyncDir(dir string) error {
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

// Exists reports whether path names anything.
func Exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}
