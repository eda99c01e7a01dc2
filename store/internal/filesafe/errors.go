package filesafe

import (
	"errors"
	"fmt"
	"io/fs"
	"time"
)

// The sentinel errors the typed errors below match under errors.Is; package
// store exports them under the same names.
var (
	// ErrDamaged means the workspace file is damaged: truncated, overwritten
	// or corrupted on disk. Open refuses such a file before bbolt maps it,
	// changes and moves nothing, and its message points to the latest
	// automatic backup.
	ErrDamaged = errors.New("database file is damaged")
	// ErrLocked means another process holds the database file open.
	ErrLocked = errors.New("database " + InUse)
	// ErrNotWorkspace means the file exists but is not an align workspace:
	// not a bbolt database at all, or a bbolt database written by another
	// program.
	ErrNotWorkspace = errors.New("file is not an align workspace")
	// ErrNewerSchema means the file was written by a newer align than this
	// one.
	ErrNewerSchema = errors.New("database was written by a newer version of align")
)

// LockedError says that another align process holds the file at Path
// (empty: "the workspace") longer than the caller would wait. Its message
// states only that fact; what to do about it is the caller's to say.
type LockedError struct {
	Path string
	// Reads is, for a snapshot that could not be taken, how many times the
	// file changed while it was being copied (0: the lock was simply held).
	Reads int
	Err   error // the cause (bbolt's timeout, the flock wait), if any
}

// InUse is the one sentence that says a file is in use by another align
// process.
const InUse = "is in use by another align process"

func (e *LockedError) Error() string {
	what := e.Path
	if what == "" {
		what = "the workspace"
	}
	if e.Reads > 0 {
		return fmt.Sprintf("%s %s and changed on every one of %d reads; try again", what, InUse, e.Reads)
	}
	return what + " " + InUse
}

// Is makes a LockedError match ErrLocked.
func (e *LockedError) Is(target error) bool { return target == ErrLocked }

// Unwrap returns the cause.
func (e *LockedError) Unwrap() error { return e.Err }

// Restore is where the latest verified automatic backup of a workspace is:
// the data of the restore hint.
type Restore struct {
	DBPath string    // the workspace
	Dir    string    // the directory automatic backups are kept in
	Backup string    // the latest backup that verifies; "" when there is none
	Taken  time.Time // when Backup was taken (UTC)
}

// RestoreFor finds the restore data of the workspace at dbPath (reading the
// backups, never the workspace).
func RestoreFor(dbPath string) Restore {
	r := Restore{DBPath: dbPath, Dir: BackupDir(dbPath)}
	r.Backup, r.Taken, _ = LatestBackup(dbPath)
	return r
}

// DamagedError says that the file at Path is damaged and what is wrong
// (What; empty for an empty file). With Restore set (what Open and the page
// walk report), the message says that nothing was changed and where the
// latest backup is; without it (a backup or copy that fails to verify),
// only what is wrong.
type DamagedError struct {
	Path    string
	What    string
	Restore *Restore
	Err     error // the cause, if any
}

func (e *DamagedError) Error() string {
	switch {
	case e.Restore != nil:
		return fmt.Sprintf("%s is damaged: %s. Nothing was changed or moved. %s", e.Path, e.What, e.Restore.Hint())
	case e.What == "":
		return e.Path + " is empty"
	}
	return fmt.Sprintf("%s is damaged: %s", e.Path, e.What)
}

// Is makes a DamagedError match ErrDamaged.
func (e *DamagedError) Is(target error) bool { return target == ErrDamaged }

// Unwrap returns the cause.
func (e *DamagedError) Unwrap() error { return e.Err }

// Damaged reports the workspace at path as damaged because of what, with
// the data to restore its latest automatic backup.
func Damaged(path, what string, cause error) error {
	r := RestoreFor(path)
	return &DamagedError{Path: path, What: what, Restore: &r, Err: cause}
}

// NotWorkspaceError says that the file at Path is not an align workspace:
// What says why (or, for something that is not a regular file, Mode says
// what it is). Restore is set when automatic backups of Path exist, so
// that it was a workspace once.
type NotWorkspaceError struct {
	Path    string
	What    string
	Mode    fs.FileMode // not a regular file: what it is (NotRegular)
	Empty   bool        // a bbolt database with nothing in it, not made a workspace yet
	Restore *Restore
	Err     error
}

func (e *NotWorkspaceError) Error() string {
	switch {
	case e.Empty:
		return e.Path + " is an empty database, not an align workspace"
	case e.Err == errNotRegular:
		kind, aka := FileKind(e.Mode)
		if aka != "" {
			kind += " (" + aka + ")"
		}
		return fmt.Sprintf("%s is %s, not an align workspace", e.Path, kind)
	case e.Restore != nil:
		return fmt.Sprintf("%s is not an align workspace (%s). %s", e.Path, e.What, e.Restore.Hint())
	}
	return fmt.Sprintf("%s is not an align workspace (%s)", e.Path, e.What)
}

// Is makes a NotWorkspaceError match ErrNotWorkspace.
func (e *NotWorkspaceError) Is(target error) bool { return target == ErrNotWorkspace }

// Unwrap returns the cause.
func (e *NotWorkspaceError) Unwrap() error { return e.Err }

// NotRegular reports whether e refuses something that is not a regular
// file (a directory, a FIFO, a device or a socket).
func (e *NotWorkspaceError) NotRegular() bool { return e.Err == errNotRegular }

// NewerSchemaError says that the file at Path was written by a newer align:
// What names the format or schema version it has.
type NewerSchemaError struct {
	Path string
	What string
}

func (e *NewerSchemaError) Error() string {
	return fmt.Sprintf("%s was written by a newer align (%s)", e.Path, e.What)
}

// Is makes a NewerSchemaError match ErrNewerSchema.
func (e *NewerSchemaError) Is(target error) bool { return target == ErrNewerSchema }
