package store

import (
	"io/fs"
	"time"

	"github.com/align-team/align/store/internal/filesafe"
)

// The file-robustness layer (store/internal/filesafe) as the store's
// callers see it: its errors, its checks of a file that Open refuses.

// ErrDamaged means the workspace file is damaged: truncated, overwritten or
// corrupted on disk. Open refuses such a file before bbolt maps it, changes
// and moves nothing, and its message points to the latest automatic backup.
var ErrDamaged = filesafe.ErrDamaged

// ErrLocked means another process holds the database file open.
var ErrLocked = filesafe.ErrLocked

// ErrNewerSchema means the file was written by a newer align than this one.
var ErrNewerSchema = filesafe.ErrNewerSchema

// ErrNotWorkspace means the file exists but is not an align workspace: not a
// bbolt database at all, or a bbolt database written by another program.
var ErrNotWorkspace = filesafe.ErrNotWorkspace

// LockedError is the ErrLocked error: another align process holds the file
// at Path. Its message states only that; the caller says what to do.
type LockedError = filesafe.LockedError

// DamagedError is the ErrDamaged error of a damaged file: its Path, What is
// wrong, and (from Open and the page walk) the Restore data of the latest
// automatic backup, which its message names.
type DamagedError = filesafe.DamagedError

// Restore is where the latest verified automatic backup of a workspace is.
type Restore = filesafe.Restore

// NotWorkspaceError is the ErrNotWorkspace error of a file that is not an
// align workspace (or not a regular file at all: NotRegular).
type NotWorkspaceError = filesafe.NotWorkspaceError

// NewerSchemaError is the ErrNewerSchema error of a file a newer align
// wrote.
type NewerSchemaError = filesafe.NewerSchemaError

// InUse is the one sentence, after a path, that says a file is in use by
// another align process (LockedError's message).
const InUse = filesafe.InUse

// Problem is one finding of Check: what is wrong and where.
type Problem = filesafe.Problem

// NotRegularError refuses path, which is of mode m (a directory, a FIFO, a
// device or a socket), as a workspace, in a sentence naming what it is. It
// matches ErrNotWorkspace.
func NotRegularError(path string, m fs.FileMode) error { return filesafe.NotRegularError(path, m) }

// FileKind names what a file of mode m is when it is not a regular file,
// for messages: kind ("a directory", "a named pipe", "a symbolic link", …)
// and aka, the other name a shell user may know it by ("FIFO" for a named
// pipe, else ""). NotRegularError words the same kinds.
func FileKind(m fs.FileMode) (kind, aka string) { return filesafe.FileKind(m) }

// CheckFile walks the file at path with the bounds-checked page walk alone,
// without bbolt, and returns every structural problem with the page it is
// on. align check uses it on a file Open refuses as damaged, to list all
// that is wrong rather than the first thing; it changes nothing.
func CheckFile(path string, timeout time.Duration) ([]Problem, error) {
	return filesafe.CheckFile(path, timeout)
}

// damagedErr reports the workspace at path as damaged because of what, and
// says how to get back to the latest automatic backup.
func damagedErr(path, what string, cause error) error { return filesafe.Damaged(path, what, cause) }

// failAt is a point where a write can be made to fail in tests built with
// -tags faultinject (see filesafe.FailAt).
func failAt(step string) error { return filesafe.FailAt(step) }

// firstErr returns the first error that is not nil.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// ExistsError refuses to overwrite a backup's path that exists (Backup
// without force); it matches fs.ErrExist.
type ExistsError = filesafe.ExistsError
