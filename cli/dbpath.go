package cli

import (
	"fmt"
	"os"
	"path/filepath"
)

// defaultDBPath is where the workspace is when neither --db nor ALIGN_DB
// says: $XDG_DATA_HOME/align/align.db, else ~/.local/share/align/align.db,
// with the environment read through getenv (the command's). A relative
// XDG_DATA_HOME is ignored, as the XDG specification asks. The store takes
// whatever path its caller gives it.
func defaultDBPath(getenv func(string) string) (string, error) {
	if dir := getenv("XDG_DATA_HOME"); dir != "" && filepath.IsAbs(dir) {
		return filepath.Join(dir, "align", "align.db"), nil
	}
	home := getenv("HOME")
	if home == "" {
		var err error
		if home, err = os.UserHomeDir(); err != nil {
			return "", fmt.Errorf("cannot find the default workspace (no home directory: %v); use --db PATH or ALIGN_DB", err)
		}
	}
	return filepath.Join(home, ".local", "share", "align", "align.db"), nil
}
