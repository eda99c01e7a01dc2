package cli

import (
	"os"
	"testing"
)

func TestDefaultDBPath(t *testing.T) {
	tests := []struct{ xdg, home, want string }{
		{"/data", "/home/ann", "/data/align/align.db"},
		{"", "/home/ann", "/home/ann/.local/share/align/align.db"},
		{"relative/dir", "/home/ann", "/home/ann/.local/share/align/align.db"},
	}
	for _, tt := range tests {
		env := map[string]string{"XDG_DATA_HOME": tt.xdg, "HOME": tt.home}
		if got, err := defaultDBPath(func(k string) string { return env[k] }); err != nil || got != tt.want {
			t.Errorf("XDG_DATA_HOME=%q HOME=%q: defaultDBPath() = %q, %v; want %q", tt.xdg, tt.home, got, err, tt.want)
		}
	}
}

// TestDefaultDBPath_ProcessEnvironment: the command reads the process's
// own environment when it has no other (Env.Getenv nil).
func TestDefaultDBPath_ProcessEnvironment(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", "/data")
	a := &app{env: Env{Getenv: os.Getenv}}
	if got, err := a.dbPath(); err != nil || got != "/data/align/align.db" {
		t.Errorf("dbPath() = %q, %v; want /data/align/align.db", got, err)
	}
}
