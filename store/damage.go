package store

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrDamaged means the workspace file is damaged: truncated, overwritten or
// corrupted on disk. Open refuses such a file before bbolt maps it, changes
// and moves nothing, and its message points to the latest automatic backup.
var ErrDamaged = errors.New("database file is damaged")

// damagedErr reports the file at path as damaged because of what, and says
// how to get back to the latest automatic backup.
func damagedErr(path, what string, cause error) error {
	return newErr(ErrDamaged, cause, "%s is damaged: %s. Nothing was changed or moved. %s", path, what, RestoreHint(path))
}

// RestoreHint returns one or two sentences for the user about the latest
// automatic backup of the workspace at dbPath: where it is, when it was
// taken and the commands that put it back, or that there is none yet. Open
// ends every ErrDamaged message with it; commands that find damage in other
// ways (align check) can print it too.
func RestoreHint(dbPath string) string {
	b, taken, ok := LatestBackup(dbPath)
	if !ok {
		return fmt.Sprintf("No automatic backup exists yet (they are kept in %s).", backupDir(dbPath))
	}
	q, qb := shellQuote(dbPath), shellQuote(b)
	return fmt.Sprintf("The latest backup is %s (taken %s); to restore it, keep the damaged file aside and copy the backup: mv %s %s && cp %s %s",
		b, formatTaken(taken), q, shellQuote(dbPath+".damaged"), qb, q)
}

// shellQuote returns s as one word for a POSIX shell, quoted only when needed.
func shellQuote(s string) string {
	safe := s != ""
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._-+,:@%=", r)) {
			safe = false
			break
		}
	}
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// formatTaken renders a backup time for messages.
func formatTaken(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") }
