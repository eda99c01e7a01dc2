package filesafe

import (
	"fmt"
	"strings"
	"time"
)

// RestoreHint returns one or two sentences for the user about the latest
// automatic backup of the workspace at dbPath: where it is, when it was
// taken and the commands that put it back, or that there is none yet. Open
// ends every ErrDamaged message with it; commands that find damage in other
// ways (a check of the records) can print it too.
func RestoreHint(dbPath string) string { r := RestoreFor(dbPath); return r.Hint() }

// Hint words r for the user: see RestoreHint.
func (r Restore) Hint() string {
	if r.Backup == "" {
		return fmt.Sprintf("No automatic backup exists yet (they are kept in %s).", r.Dir)
	}
	q, qb := ShellQuote(r.DBPath), ShellQuote(r.Backup)
	return fmt.Sprintf("The latest backup is %s (taken %s); to restore it, keep the damaged file aside and copy the backup: mv %s %s && cp %s %s",
		r.Backup, formatTaken(r.Taken), q, ShellQuote(r.DBPath+".damaged"), qb, q)
}

// ShellQuote returns s as one word for a POSIX shell, quoted only when needed.
func ShellQuote(s string) string {
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
