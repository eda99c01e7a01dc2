package cli

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/align-team/align/store"
)

// The store's errors state facts (a file is locked, damaged, not a
// workspace, from a newer align); what to do about them on the command line
// is worded here, once, from the typed errors.

// fileAdvice adds to err, an error about the workspace file, what the user
// can do on the command line; errors it has no advice for pass unchanged.
// The result still matches what err matched (errors.Is, errors.As).
func fileAdvice(err error) error {
	var nw *store.NotWorkspaceError
	var ns *store.NewerSchemaError
	switch {
	case errors.As(err, &nw) && nw.NotRegular() && nw.Mode.IsDir():
		return fmt.Errorf("%w; --db needs a file path such as %s", err, filepath.Join(nw.Path, "align.db"))
	case errors.As(err, &nw) && nw.NotRegular():
		return fmt.Errorf("%w; --db needs a regular file", err)
	case errors.As(err, &ns):
		return fmt.Errorf("%w; upgrade align to open it", err)
	}
	return err
}
