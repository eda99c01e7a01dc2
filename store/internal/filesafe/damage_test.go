package filesafe

import (
	"path/filepath"
	"testing"
)

func TestRestoreHint_NoBackup(t *testing.T) {
	path := filepath.Join(t.TempDir(), "align.db")
	want := "No automatic backup exists yet (they are kept in " + filepath.Join(filepath.Dir(path), "align-backups") + ")."
	if got := RestoreHint(path); got != want {
		t.Errorf("RestoreHint = %q, want %q", got, want)
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"/home/ann/align.db": "/home/ann/align.db",
		"/my data/a.db":      "'/my data/a.db'",
		"/it's/a.db":         `'/it'\''s/a.db'`,
	} {
		if got := ShellQuote(in); got != want {
			t.Errorf("ShellQuote(%q) = %q, want %q", in, got, want)
		}
	}
}
