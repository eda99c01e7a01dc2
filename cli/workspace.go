package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
)

// dbPath returns the workspace file: --db, else ALIGN_DB, else the default.
func (a *app) dbPath() (string, error) {
	if a.dbFlag != "" {
		return a.dbFlag, nil
	}
	if p := a.env.Getenv("ALIGN_DB"); p != "" {
		return p, nil
	}
	p, err := defaultDBPath(a.env.Getenv)
	if err != nil {
		return "", fmt.Errorf("cannot find a place for the workspace (%v); pass --db PATH or set ALIGN_DB", err)
	}
	return p, nil
}

// open opens the existing workspace, read-only when ro is set. A missing
// file is an error pointing at init and demo: no command but those creates a
// workspace, so a mistyped --db never leaves a stray empty file behind.
func (a *app) open(ro bool) (*store.Store, error) {
	path, err := a.dbPath()
	if err != nil {
		return nil, err
	}
	if err := mustExist(path); err != nil {
		return nil, err
	}
	return a.openPath(path, ro)
}

// openPath opens (or creates) the workspace at path and maps store errors to
// sentences.
func (a *app) openPath(path string, ro bool) (*store.Store, error) {
	st, err := a.openWith(path, store.Options{ReadOnly: ro, Snapshot: ro})
	if err != nil {
		return nil, err
	}
	a.warnAutoBackup(st)
	return st, nil
}

// openWith opens the workspace at path with opt (plus the command's clock
// and lock timeout) and maps store errors to sentences.
func (a *app) openWith(path string, opt store.Options) (*store.Store, error) {
	opt.Timeout, opt.Now = lockWait, a.env.Now
	st, err := store.Open(path, opt)
	if err != nil {
		return nil, openError(path, err)
	}
	return st, nil
}

// warnAutoBackup says once, on stderr, that the automatic backup failed: the
// workspace is fine, only the safety copy is missing.
func (a *app) warnAutoBackup(st *store.Store) {
	if _, err := st.AutoBackup(); err != nil {
		fmt.Fprintf(a.env.Stderr, "align: warning: automatic backup failed: %v\n", fileAdvice(err))
	}
}

// mustExist reports a clear error when no workspace file is at path.
func mustExist(path string) error {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("no workspace at %s yet: run `align init` (or `align demo` to try a sample team)", path)
	case err != nil:
		return fmt.Errorf("cannot read %s: %v", path, unwrapPath(err))
	case !fi.Mode().IsRegular():
		return fileAdvice(store.NotRegularError(path, fi.Mode()))
	case fi.Size() == 0 && !hasBackup(path):
		return fmt.Errorf("%s is an empty file, not an align workspace: run `align init` to make it one (or check --db)", path)
	}
	return nil
}

// openError maps an error from store.Open to one actionable sentence. The
// store's errors already read as sentences naming the path (a newer schema,
// a file that is not a workspace, one that needs an upgrade, a damaged file
// with the way to restore its latest backup); the lock gets advice on what
// to do.
func openError(path string, err error) error {
	switch {
	case errors.Is(err, store.ErrDamaged):
		return err
	case errors.Is(err, store.ErrLocked):
		return &advised{err: err, suffix: "; close it and try again"}
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("cannot open %s: permission denied", path)
	}
	return fileAdvice(err)
}

// writeError maps an error from a store write to one actionable sentence.
// Validation errors name the field and the allowed values, and the store's
// own errors name the record, so most pass through; state errors gain the
// way out.
func writeError(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, store.ErrSprintClosed):
		return err
	case errors.Is(err, store.ErrState):
		return fmt.Errorf("%v; move it with `align sprint state`", err)
	case errors.Is(err, store.ErrLocked):
		return inUse(nil, "; close it and try again")
	}
	return err
}

// unwrapPath strips the *fs.PathError wrapper, whose message repeats the path.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// today is the run's calendar date in UTC, as midnight UTC, the form sprint
// dates are stored in. The team's calendar is UTC for every member, as in
// the TUI (model.CurrentSprint), so which sprint is current never depends
// on a member's time zone.
func (a *app) today() time.Time {
	return model.Day(a.now().UTC())
}

// hasBackup reports whether automatic backups of path exist, which makes an
// empty file at path a workspace that lost its contents (the store then
// says so and names the backup), not a mistyped --db.
func hasBackup(path string) bool {
	_, _, ok := store.LatestBackup(path)
	return ok
}
