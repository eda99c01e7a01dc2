package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/uuid"
)

// newOrg makes a goals file kept by Olga with two goals, and returns its
// path, Olga's key and the goals' ids.
func newOrg(t *testing.T) (file, key string, goals []uuid.UUID) {
	t.Helper()
	dir := t.TempDir()
	key = writeKey(t, dir, "olga")
	file = filepath.Join(dir, "org", "goals.json")
	out := mustRun(t, filepath.Join(dir, "unused.db"), "org", "init", "--name", "Acme", "--keeper", "Olga Ivanova", "--key", key, "--file", file)
	if !strings.Contains(out, "Created "+file) {
		t.Fatalf("org init printed %q", out)
	}
	for _, g := range []string{"Grow self-serve revenue", "Cut support load"} {
		goals = append(goals, mustID(t, filepath.Join(dir, "unused.db"), "org", "goal", "add", g, "--key", key, "--file", file))
	}
	return file, key, goals
}

func TestOrg_Run_TwoTeamsShareGoalIdentity(t *testing.T) {
	file, _, goals := newOrg(t)
	list := mustRun(t, newWorkspace(t), "org", "list", "--file", file)
	for _, w := range []string{`Organisation "Acme"`, "Signature: good, by Olga Ivanova", goals[0].String(), "Cut support load"} {
		if !strings.Contains(list, w) {
			t.Errorf("org list lacks %q:\n%s", w, list)
		}
	}
	var teams []string
	for range 2 {
		db := newWorkspace(t)
		seedSprint(t, db)
		out := mustRun(t, db, "org", "import", file)
		for _, w := range []string{"First import of \"Acme\"'s goals", "Olga Ivanova, ssh-ed25519 SHA256:", `added    goal "Cut support load"`, "Imported 2 goals"} {
			if !strings.Contains(out, w) {
				t.Errorf("first import lacks %q:\n%s", w, out)
			}
		}
		if again := mustRun(t, db, "org", "import", file); !strings.Contains(again, "Nothing to write") {
			t.Errorf("second import:\n%s", again)
		}
		// The seeded team goal shares a title with the organisation's: the
		// objective links to the organisation's by id.
		mustRun(t, db, "objective", "set", "Faster search", "--goal", goals[1].String()[:13])
		teams = append(teams, db)
	}
	for _, db := range teams {
		snap := takeSnapshot(t, db)
		var linked uuid.UUID
		for _, o := range snap.Data.Sprints[0].Objectives {
			if o.Title == "Faster search" {
				linked = o.GoalID
			}
		}
		if linked != goals[1] {
			t.Errorf("Faster search links to %s, want the organisation's %s", linked, goals[1])
		}
		if snap.Workspace.Settings.Org != "Acme" || !strings.HasPrefix(snap.Workspace.Settings.OrgKeys, "ssh-ed25519 ") {
			t.Errorf("workspace trusts %q / %q", snap.Workspace.Settings.Org, snap.Workspace.Settings.OrgKeys)
		}
	}
}

func TestOrg_Run_EditArchiveAndKeepers(t *testing.T) {
	file, key, goals := newOrg(t)
	db := newWorkspace(t)
	mustRun(t, db, "org", "import", file)
	mustRun(t, db, "org", "goal", "edit", "cut support LOAD", "--title", "Halve support tickets", "--key", key, "--file", file)
	mustRun(t, db, "org", "goal", "archive", goals[0].String(), "--key", key, "--file", file)
	// Olga adds Piet; Piet alone then signs the next change.
	piet := writeKey(t, t.TempDir(), "piet")
	mustRun(t, db, "org", "keeper", "add", "Piet Jansen", "--key-file", piet+".pub", "--key", key, "--file", file)
	out := mustRun(t, db, "org", "import", file)
	for _, w := range []string{`title "Cut support load" → "Halve support tickets"`, `"Grow self-serve revenue": archived`} {
		if !strings.Contains(out, w) {
			t.Errorf("import lacks %q:\n%s", w, out)
		}
	}
	mustRun(t, db, "org", "goal", "add", "Enter Germany", "--key", piet, "--file", file)
	if out := mustRun(t, db, "org", "import", file); !strings.Contains(out, "signed by Piet Jansen") || !strings.Contains(out, `added    goal "Enter Germany"`) {
		t.Errorf("import of Piet's change:\n%s", out)
	}
}

func TestOrg_Run_ForgedGoalsRefused(t *testing.T) {
	file, key, _ := newOrg(t)
	db := newWorkspace(t)
	mustRun(t, db, "org", "import", file)
	mustRun(t, db, "org", "goal", "add", "Legit", "--key", key, "--file", file)
	raw, _ := os.ReadFile(file)
	sig, _ := os.ReadFile(file + ".sig")
	mallory := writeKey(t, t.TempDir(), "mallory")
	evilDir := t.TempDir()
	evil := filepath.Join(evilDir, "goals.json")
	// Mallory starts an "Acme" of her own, with her key as its keeper.
	mustRun(t, db, "org", "init", "--name", "Acme", "--keeper", "Olga Ivanova", "--key", mallory, "--file", evil)
	mustRun(t, db, "org", "goal", "add", "Mallory's goal", "--key", mallory, "--file", evil)
	tampered := filepath.Join(t.TempDir(), "goals.json")
	os.WriteFile(tampered, []byte(strings.Replace(string(raw), "Legit", "Tampered", 1)), 0o600)
	os.WriteFile(tampered+".sig", sig, 0o600)
	unsigned := filepath.Join(t.TempDir(), "goals.json")
	os.WriteFile(unsigned, raw, 0o600)
	other := filepath.Join(t.TempDir(), "goals.json")
	mustRun(t, db, "org", "init", "--name", "Globex", "--keeper", "Olga Ivanova", "--key", key, "--file", other)
	// Olga's own key, but a signature made for a bundle, not for goals.
	bundleSig := filepath.Join(t.TempDir(), "goals.json")
	os.WriteFile(bundleSig, raw, 0o600)
	signer, err := loadKeyFile(key)
	if err != nil {
		t.Fatal(err)
	}
	bs, err := signBundle(raw, signer)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(bundleSig+".sig", bs, 0o600)
	before := takeSnapshot(t, db)
	for _, tc := range []struct{ file, want string }{
		{evil, "a key this workspace does not yet trust"},
		{tampered, "does not match the file's bytes"},
		{unsigned, "is not signed"},
		{other, `follows the organisation "Acme"`},
		{filepath.Join(t.TempDir(), "none.json"), "does not exist"},
		{bundleSig, `made for "align-bundle"`},
	} {
		r := run(t, db, "org", "import", tc.file)
		if r.err == nil || !strings.Contains(r.err.Error(), tc.want) || !strings.Contains(r.err.Error(), "nothing was imported") {
			t.Errorf("import %s: %v, want %q", tc.file, r.err, tc.want)
		}
	}
	if after := takeSnapshot(t, db); !sameSnapshot(before, after) {
		t.Error("a refused import changed the workspace")
	}
}
