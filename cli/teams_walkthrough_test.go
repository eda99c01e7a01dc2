package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// readmeBlock returns the fenced code block that follows the HTML comment
// marker in README.md.
func readmeBlock(t *testing.T, marker string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(data), "<!-- "+marker+" -->\n")
	if !ok {
		t.Fatalf("README.md has no <!-- %s --> marker", marker)
	}
	_, rest, ok = strings.Cut(rest, "```")
	if !ok {
		t.Fatalf("no code block after <!-- %s -->", marker)
	}
	_, rest, _ = strings.Cut(rest, "\n") // the fence's info string
	block, _, ok := strings.Cut(rest, "```")
	if !ok {
		t.Fatalf("the code block after <!-- %s --> does not end", marker)
	}
	return block
}

var rollupDate = regexp.MustCompile(`roll-up of \d{4}-\d{2}-\d{2}`)

// TestBinary_TeamsWalkthrough runs README's "Several teams" walk-through
// verbatim with the real binary, in an empty directory with git and
// ssh-keygen: a bare repository, the organisation's goals, three teams
// pushing summaries, and the roll-up, whose output must be the README's.
func TestBinary_TeamsWalkthrough(t *testing.T) {
	for _, tool := range []string{"git", "ssh-keygen", "bash"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is required in CI (.ci/run installs it)", tool)
			}
			t.Skipf("%s is not installed", tool)
		}
	}
	bin := buildBinary(t)
	script, want := readmeBlock(t, "walkthrough: several teams"), readmeBlock(t, "output: several teams")
	binDir := t.TempDir()
	if err := os.Symlink(bin, filepath.Join(binDir, "align")); err != nil {
		t.Fatal(err)
	}
	home, work := t.TempDir(), t.TempDir()
	gitconfig := "[user]\n\tname = Align Test\n\temail = test@example.com\n[init]\n\tdefaultBranch = main\n"
	if err := os.WriteFile(filepath.Join(home, ".gitconfig"), []byte(gitconfig), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", "-euo", "pipefail", "-c", script)
	cmd.Dir = work
	cmd.Env = []string{"PATH=" + binDir + string(os.PathListSeparator) + os.Getenv("PATH"), "HOME=" + home,
		"XDG_DATA_HOME=" + filepath.Join(home, "data"), "GIT_TERMINAL_PROMPT=0", "LC_ALL=C.UTF-8"}
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("the walk-through failed: %v\nstderr:\n%s\nstdout:\n%s", err, stderr.String(), stdout.String())
	}
	got := rollupDate.ReplaceAllString(stdout.String(), "roll-up of DATE")
	want = rollupDate.ReplaceAllString(want, "roll-up of DATE")
	if !strings.HasSuffix(got, want) {
		t.Errorf("the roll-up differs from README's.\ngot (end of stdout):\n%s\nwant:\n%s", tail(got, strings.Count(want, "\n")), want)
	}
	// Pushes never conflicted: the repository holds every team's summary.
	for _, f := range []string{"org/goals.json", "org/goals.json.sig", "teams/checkout.json", "teams/growth.json", "teams/search.json"} {
		if _, err := os.Stat(filepath.Join(work, "olga", f)); err != nil {
			t.Errorf("after the walk-through: %v", err)
		}
	}
	// No member's handle or name reached the shared repository.
	for _, f := range []string{"checkout", "growth", "search"} {
		data, _ := os.ReadFile(filepath.Join(work, "olga", "teams", f+".json"))
		for _, w := range []string{`"ana"`, "Lopez", "Bo Chen", "Ekwueme", `"eve"`, "Fay Ortiz", "Gus Hale"} {
			if strings.Contains(string(data), w) {
				t.Errorf("teams/%s.json contains %s", f, w)
			}
		}
	}
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	return strings.Join(lines[max(len(lines)-n, 0):], "\n") + "\n"
}
