package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// machine is one person's computer in the walkthrough: a home directory,
// a workspace (ALIGN_DB) and a clone of the team's repository.
type machine struct {
	t    *testing.T
	bin  string
	home string
	repo string
	// extra holds more environment variables, e.g. SSH_AUTH_SOCK.
	extra []string
}

func newMachine(t *testing.T, bin, remote string) *machine {
	t.Helper()
	home := t.TempDir()
	gitconfig := "[user]\n\tname = Align Test\n\temail = test@example.com\n[init]\n\tdefaultBranch = main\n"
	if err := os.WriteFile(filepath.Join(home, ".gitconfig"), []byte(gitconfig), 0o600); err != nil {
		t.Fatal(err)
	}
	m := &machine{t: t, bin: bin, home: home, repo: filepath.Join(home, "team")}
	m.run(home, "git", "clone", "--quiet", remote, m.repo)
	return m
}

func (m *machine) env() []string {
	return append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + m.home, "XDG_DATA_HOME=" + filepath.Join(m.home, "data"),
		"ALIGN_DB=" + filepath.Join(m.home, "align.db"), "GIT_TERMINAL_PROMPT=0"}, m.extra...)
}

// run runs a program in dir and fails the test when it fails.
func (m *machine) run(dir, prog string, args ...string) string {
	m.t.Helper()
	cmd := exec.Command(prog, args...)
	cmd.Dir, cmd.Env = dir, m.env()
	out, err := cmd.CombinedOutput()
	if err != nil {
		m.t.Fatalf("%s %s: %v\n%s", prog, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// align runs the binary in the machine's clone of the repository.
func (m *machine) align(args ...string) string {
	m.t.Helper()
	return m.run(m.repo, m.bin, args...)
}

func (m *machine) git(args ...string) string {
	m.t.Helper()
	return m.run(m.repo, "git", args...)
}

// bareRemote makes the team's shared repository: a new bare git
// repository whose branch is main. Without git the test skips.
func bareRemote(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	remote := filepath.Join(t.TempDir(), "team.git")
	if out, err := exec.Command("git", "init", "--quiet", "--bare", "--initial-branch=main", remote).CombinedOutput(); err != nil {
		t.Fatalf("git init: %v\n%s", err, out)
	}
	return remote
}

// TestBinary_SyncWalkthrough performs README's "Working on separate
// machines" with the real binary: three workspaces, one git repository.
func TestBinary_SyncWalkthrough(t *testing.T) {
	bin := buildBinary(t)
	remote := bareRemote(t)
	today := time.Now()
	start, end := today.AddDate(0, 0, -3).Format("2006-01-02"), today.AddDate(0, 0, 10).Format("2006-01-02")

	// Everyone has an SSH key (~/.ssh/id_ed25519); the members send the
	// facilitator their public keys.
	fac := newMachine(t, bin, remote)
	members := map[string]*machine{"ana": newMachine(t, bin, remote), "bo": newMachine(t, bin, remote)}
	keyOf := func(m *machine) string {
		dir := filepath.Join(m.home, ".ssh")
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		p := writeKey(t, dir, "id_ed25519")
		return p
	}
	facKey := keyOf(fac)
	memberKeys := map[string]string{"ana": keyOf(members["ana"]), "bo": keyOf(members["bo"])}

	// The facilitator plans the sprint and shares the plan, signed.
	fac.align("init", "--team", "Checkout")
	fac.align("member", "add", "Fay Ortiz", "--handle", "fay", "--facilitator")
	fac.align("member", "add", "Ana Lopez", "--handle", "ana")
	fac.align("member", "add", "Bo Chen", "--handle", "bo")
	fac.align("member", "key", "add", "fay", "--file", facKey+".pub")
	fac.align("member", "key", "add", "ana", "--file", memberKeys["ana"]+".pub")
	fac.align("member", "key", "add", "bo", "--file", memberKeys["bo"]+".pub")
	fac.align("config", "signing-key", facKey)
	fac.align("config", "require-signed-bundles", "true")
	fac.align("sprint", "add", "Sprint 14", "--start", start, "--end", end, "--goal", "Self-serve sign-up")
	fac.align("objective", "add", "Checkout in three steps")
	fac.align("objective", "add", "Faster search")
	fac.align("story", "add", "Pay with a saved card", "--objective", "Checkout in three steps", "--points", "5", "--key", "SHOP-1")
	fac.align("sprint", "state", "current", "assessing")
	fac.align("export", "--format", "json", "--sprint", "current", "-o", "plan.json")
	fac.git("add", "plan.json", "plan.json.sig")
	fac.git("commit", "--quiet", "-m", "Sprint 14 plan")
	fac.git("push", "--quiet", "origin", "HEAD:main")

	// Each member imports the plan into a workspace of their own, assesses,
	// and commits their own estimates, signed.
	estimates := map[string][2]string{"ana": {"20", "60"}, "bo": {"70", "65"}}
	for _, h := range []string{"ana", "bo"} {
		m := members[h]
		m.git("pull", "--quiet", "origin", "main")
		m.align("init", "--team", "Checkout")
		out := m.align("import", "plan.json")
		for _, w := range []string{"signed by fay with ssh-ed25519 SHA256:", "First import into this workspace", "Imported 1 bundle"} {
			if !strings.Contains(out, w) {
				t.Fatalf("%s imports the plan, without %q:\n%s", h, w, out)
			}
		}
		m.align("config", "signing-key", memberKeys[h])
		m.align("assess", "--as", h, "--objective", "Checkout in three steps", "--progress", estimates[h][0], "--note", h+"'s view")
		m.align("assess", "--as", h, "--objective", "Faster search", "--progress", estimates[h][1])
		if err := os.MkdirAll(filepath.Join(m.repo, "sync"), 0o700); err != nil {
			t.Fatal(err)
		}
		m.align("export", "--format", "json", "--mine", "--as", h, "-o", "sync/"+h+".json")
		m.git("add", "sync/")
		m.git("commit", "--quiet", "-m", h+"'s estimates")
		m.git("pull", "--quiet", "--rebase", "origin", "main")
		m.git("push", "--quiet", "origin", "HEAD:main")
	}

	// The facilitator imports them all and runs the review.
	fac.git("pull", "--quiet", "--rebase", "origin", "main")
	files, _ := filepath.Glob(filepath.Join(fac.repo, "sync", "*.json"))
	if len(files) != 2 {
		t.Fatalf("sync/ holds %v, want ana.json and bo.json", files)
	}
	out := fac.align(append([]string{"import"}, files...)...)
	t.Logf("align import sync/*.json\n%s", out)
	for _, w := range []string{"signed by ana with ssh-ed25519 SHA256:", "signed by bo with ssh-ed25519 SHA256:",
		"added      assessment   ana on Checkout in three steps", "added      assessment   bo on Faster search",
		"All 2 bundles: 4 added, 0 updated, 0 deleted, 0 conflicts", "Imported 2 bundles"} {
		if !strings.Contains(out, w) {
			t.Errorf("import report lacks %q:\n%s", w, out)
		}
	}
	fac.align("sprint", "state", "current", "review")
	status := fac.align("status")
	for _, w := range []string{"estimates: ana 20, bo 70", "estimates: ana 60, bo 65"} {
		if !strings.Contains(status, w) {
			t.Errorf("status lacks %q:\n%s", w, status)
		}
	}
	// Importing the same files again changes nothing.
	if again := fac.align(append([]string{"import"}, files...)...); !strings.Contains(again, "Nothing to write") {
		t.Errorf("second import:\n%s", again)
	}
	if out := fac.align("check"); !strings.Contains(out, "no problems found") {
		t.Errorf("check: %s", out)
	}
}
