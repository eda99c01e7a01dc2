package cli

import (
	"errors"
	"path/filepath"

	"github.com/align-team/align/store"
)

// The store's errors state facts (a file is locked, damaged, not a
// workspace, from a newer align; a record does not decode); what to do
// about them on the command line is worded here, once, from the typed
// errors. Run adds it to every command's error, and openError to the
// errors of opening the workspace; either way it is added once.

// lockWait is how long a command waits for another align process to
// release the workspace before it says the workspace is in use.
const lockWait = store.DefaultTimeout

// advised is an error with the command-line advice added to it: the
// store's sentence, then suffix.
type advised struct {
	err    error
	suffix string
}

func (e *advised) Error() string { return e.err.Error() + e.suffix }
func (e *advised) Unwrap() error { return e.err }

// fileAdvice adds to err what the user can do about it on the command line;
// errors it has no advice for, and errors already advised, pass unchanged.
// The result still matches what err matched (errors.Is, errors.As).
func fileAdvice(err error) error {
	var done *advised
	if err == nil || errors.As(err, &done) {
		return err
	}
	if advice := adviceFor(err); advice != "" {
		return &advised{err: err, suffix: "; " + advice}
	}
	return err
}

// adviceFor is the advice for err, or "" when there is none.
func adviceFor(err error) string {
	var (
		nw  *store.NotWorkspaceError
		ns  *store.NewerSchemaError
		nf  *store.NoWorkspaceError
		old *store.OldSchemaError
		re  *store.RecordError
		ex  *store.ExistsError
	)
	switch {
	case errors.As(err, &nw) && nw.NotRegular() && nw.Mode.IsDir():
		return "--db needs a file path such as " + filepath.Join(nw.Path, "align.db")
	case errors.As(err, &nw) && nw.NotRegular():
		return "--db needs a regular file"
	case errors.As(err, &nw) && nw.Empty, errors.As(err, &nf):
		return "run `align init`"
	case errors.As(err, &ns):
		return "upgrade align to open it"
	case errors.As(err, &old):
		return "run a command that changes the workspace (or `align` itself) once to upgrade it"
	case errors.As(err, &re):
		return "run `align check`"
	case errors.As(err, &ex):
		return "use --force to overwrite it"
	}
	return ""
}

// inUse words err, a *store.LockedError (any other error, or nil: "the
// workspace"), followed by suffix, what to do about it.
func inUse(err error, suffix string) error {
	le := &store.LockedError{}
	errors.As(err, &le)
	return &advised{err: le, suffix: suffix}
}
