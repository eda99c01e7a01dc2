package cli

import (
	"path/filepath"
	"testing"
)

// TestRun_InitWording: init says where the workspace is and, without a
// team name, how to set one, in plain words (issue 13: it printed
// "Created a workspace for (no team name; …) at PATH").
func TestRun_InitWording(t *testing.T) {
	db := filepath.Join(t.TempDir(), "align.db")
	want := "Created a workspace at " + db + " (no team name yet: align config team NAME)\n"
	if out := mustRun(t, db, "init"); out != want {
		t.Errorf("init without --team printed %q, want %q", out, want)
	}
	want = "A workspace already exists at " + db + " (no team name yet: align config team NAME); nothing changed\n"
	if out := mustRun(t, db, "init"); out != want {
		t.Errorf("init again printed %q, want %q", out, want)
	}
	mustRun(t, db, "config", "team", "Checkout")
	want = "A workspace for Checkout already exists at " + db + "; nothing changed\n"
	if out := mustRun(t, db, "init"); out != want {
		t.Errorf("init with a team name set printed %q, want %q", out, want)
	}
	other := filepath.Join(t.TempDir(), "team.db")
	want = "Created a workspace for Search at " + other + "\n"
	if out := mustRun(t, other, "init", "--team", "Search"); out != want {
		t.Errorf("init --team printed %q, want %q", out, want)
	}
}
