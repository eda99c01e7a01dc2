package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// rollupRepo makes a shared repository: Acme's goals and the summary of
// one team, whose "Faster search" works on "Cut support load".
func rollupRepo(t *testing.T) (dir, key string) {
	t.Helper()
	file, key, goals := newOrg(t)
	dir = filepath.Dir(filepath.Dir(file))
	db := newWorkspace(t)
	seedSprint(t, db)
	mustRun(t, db, "org", "import", file)
	mustRun(t, db, "objective", "set", "Faster search", "--goal", goals[1].String())
	mustRun(t, db, "sprint", "state", "current", "review")
	mustRun(t, db, "agree", "Faster search", "--progress", "60")
	if err := os.MkdirAll(filepath.Join(dir, "teams"), 0o755); err != nil {
		t.Fatal(err)
	}
	mustRun(t, db, "export", "--format", "summary", "-o", filepath.Join(dir, "teams", "checkout.json"))
	return dir, key
}

func TestRollup_Run_Formats(t *testing.T) {
	dir, _ := rollupRepo(t)
	text := mustRun(t, newWorkspace(t), "rollup", dir)
	for _, w := range []string{"Acme: 1 team, 1 goal with work", "Cut support load\n  Checkout, Sprint 14: agreed 60 % (aligned)",
		"- Faster search: agreed 60 %, median 62.5, spread 10 (aligned), 4 responses, stories 1/1 done",
		"Goals no team works on\n  Grow self-serve revenue", "Checkout, Sprint 14: alignment"} {
		if !strings.Contains(text, w) {
			t.Errorf("text lacks %q:\n%s", w, text)
		}
	}
	md := mustRun(t, newWorkspace(t), "rollup", dir, "--format", "md")
	if !strings.Contains(md, "## Cut support load") || !strings.Contains(md, "| Checkout | Sprint 14 | agreed 60 % (aligned)") {
		t.Errorf("markdown:\n%s", md)
	}
	var js struct {
		Goals []struct {
			Title string `json:"title"`
			Teams []struct {
				Team     string `json:"team"`
				Progress *int   `json:"agreed_progress"`
			} `json:"teams"`
		} `json:"goals"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, newWorkspace(t), "rollup", dir, "--json")), &js); err != nil {
		t.Fatal(err)
	}
	if len(js.Goals) != 1 || js.Goals[0].Teams[0].Team != "Checkout" || *js.Goals[0].Teams[0].Progress != 60 {
		t.Errorf("json %+v", js)
	}
}

func TestRollup_Run_BadInput(t *testing.T) {
	dir, _ := rollupRepo(t)
	db := newWorkspace(t)
	// A broken summary is left out with a warning; the rest rolls up.
	os.WriteFile(filepath.Join(dir, "teams", "broken.json"), []byte(`{"format": "align-team-summary"`), 0o600)
	r := run(t, db, "rollup", dir)
	if r.err != nil || !strings.Contains(r.stderr, "broken.json") || !strings.Contains(r.stderr, "left out of the roll-up") || !strings.Contains(r.stdout, "1 team") {
		t.Errorf("broken summary: %v\n%s\n%s", r.err, r.stderr, r.stdout)
	}
	os.Remove(filepath.Join(dir, "teams", "broken.json"))
	data, _ := os.ReadFile(filepath.Join(dir, "teams", "checkout.json"))
	os.WriteFile(filepath.Join(dir, "teams", "checkout-old.json"), data, 0o600)
	if r := run(t, db, "rollup", dir); r.err == nil || !strings.Contains(r.err.Error(), `both hold the summary of team "Checkout"`) {
		t.Errorf("duplicate team: %v", r.err)
	}
	os.Remove(filepath.Join(dir, "teams", "checkout-old.json"))
	goals := filepath.Join(dir, "org", "goals.json")
	raw, _ := os.ReadFile(goals)
	os.WriteFile(goals, []byte(strings.Replace(string(raw), "Cut support load", "Cut support staff", 1)), 0o600)
	if r := run(t, db, "rollup", dir); r.err == nil || !strings.Contains(r.err.Error(), "does not match the file's bytes") {
		t.Errorf("tampered goals: %v", r.err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"rollup", filepath.Join(dir, "nope")}, "is not a directory"},
		{[]string{"rollup", dir, "--format", "pdf"}, `--format "pdf" is not a format`},
		{[]string{"rollup", dir, "--window", "0"}, "--window 0 is outside"},
		{[]string{"rollup", dir, "--silent-after", "0"}, "--silent-after 0: give a number of days from 1 to 3650"},
		{[]string{"rollup", dir, "--silent-after", "106752"}, "--silent-after 106752: give a number of days from 1 to 3650"},
		{[]string{"rollup"}, "needs DIR"},
	} {
		if r := run(t, db, tc.args...); r.err == nil || !strings.Contains(r.err.Error(), tc.want) {
			t.Errorf("%v: %v, want %q", tc.args, r.err, tc.want)
		}
	}
}

func TestRollup_Run_EscapesInASummaryAreStripped(t *testing.T) {
	dir, _ := rollupRepo(t)
	path := filepath.Join(dir, "teams", "checkout.json")
	data, _ := os.ReadFile(path)
	evil := strings.Replace(string(data), `"team": "Checkout"`, `"team": "Check\u001b]0;pwned\u0007\u001b[2Jout"`, 1)
	evil = strings.Replace(evil, `"title": "Faster search"`, `"title": "Faster\u001b[31m search"`, -1)
	os.WriteFile(path, []byte(evil), 0o600)
	for _, format := range []string{"text", "md", "json"} {
		out := mustRun(t, newWorkspace(t), "rollup", dir, "--format", format)
		if strings.ContainsRune(out, 0x1b) || strings.ContainsRune(out, 0x07) {
			t.Errorf("--format %s passes a terminal escape through:\n%q", format, out)
		}
		if !strings.Contains(out, "Check") {
			t.Errorf("--format %s lost the team:\n%s", format, out)
		}
	}
}

// An entry of teams/ that is not a plain file (a FIFO nobody writes to, a
// symbolic link a clone carries to /dev/stdin or to a file outside the
// repository, a directory) is left out with a warning naming what it is;
// it never hangs the roll-up, and the real team still rolls up.
func TestRollup_Run_NotAPlainFileIsLeftOut(t *testing.T) {
	dir, _ := rollupRepo(t)
	teams := filepath.Join(dir, "teams")
	if err := syscall.Mkfifo(filepath.Join(teams, "fifo.json"), 0o600); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(t.TempDir(), "other.json")
	data, _ := os.ReadFile(filepath.Join(teams, "checkout.json"))
	os.WriteFile(outside, []byte(strings.Replace(string(data), `"Checkout"`, `"Elsewhere"`, 1)), 0o600)
	for name, target := range map[string]string{"stdin.json": "/dev/stdin", "outside.json": outside, "tofifo.json": "fifo.json"} {
		if err := os.Symlink(target, filepath.Join(teams, name)); err != nil {
			t.Fatal(err)
		}
	}
	os.Mkdir(filepath.Join(teams, "dir.json"), 0o755)
	done := make(chan result, 1)
	go func() { done <- run(t, newWorkspace(t), "rollup", dir) }()
	var r result
	select {
	case r = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("align rollup hung on an entry of teams/ that is not a plain file")
	}
	if r.err != nil || !strings.Contains(r.stdout, "Acme: 1 team,") || strings.Contains(r.stdout, "Elsewhere") {
		t.Fatalf("rollup: %v\n%s\n%s", r.err, r.stdout, r.stderr)
	}
	for _, w := range []string{"fifo.json: not a regular file (a named pipe)", "stdin.json: not a regular file (a symbolic link)",
		"outside.json: not a regular file (a symbolic link)", "tofifo.json: not a regular file (a symbolic link)", "dir.json: not a regular file (a directory)"} {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
		}
	}
}

// A goals file can name any keepers: Mallory's own "Acme", with her key as
// its keeper and a goal renamed, verifies against itself. A workspace that
// follows Acme refuses it, as align org import does, and prints no
// roll-up; without such a workspace the roll-up names the signer's key.
func TestRollup_Run_GoalsSignedByAnUntrustedKeeper(t *testing.T) {
	dir, _ := rollupRepo(t)
	goals := filepath.Join(dir, "org", "goals.json")
	team := newWorkspace(t)
	mustRun(t, team, "org", "import", goals)
	mallory := writeKey(t, t.TempDir(), "mallory")
	os.Remove(goals)
	os.Remove(goals + ".sig")
	mustRun(t, team, "org", "init", "--name", "Acme", "--keeper", "Olga Ivanova", "--key", mallory, "--file", goals)
	mustRun(t, team, "org", "goal", "add", "Cut support load", "--key", mallory, "--file", goals)
	r := run(t, team, "rollup", dir)
	if r.err == nil || !strings.Contains(r.err.Error(), "a key this workspace does not yet trust") ||
		!strings.Contains(r.err.Error(), "the roll-up was not made") || r.stdout != "" {
		t.Errorf("rollup with Mallory's goals in a workspace that follows Acme: %v\n%s", r.err, r.stdout)
	}
	globex := newWorkspace(t)
	other := filepath.Join(t.TempDir(), "goals.json")
	mustRun(t, globex, "org", "init", "--name", "Globex", "--keeper", "Gil", "--key", writeKey(t, t.TempDir(), "gil"), "--file", other)
	mustRun(t, globex, "org", "import", other)
	for _, db := range []string{newWorkspace(t), globex} { // none, another organisation
		r = run(t, db, "rollup", dir)
		if r.err != nil || !strings.Contains(r.stderr, "is signed by Olga Ivanova with SHA256:") || !strings.Contains(r.stderr, "a keeper the file itself names") {
			t.Errorf("rollup without a workspace that follows Acme: %v\n%s", r.err, r.stderr)
		}
	}
}
