package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRun_WholeLoop runs a sprint review from the shell, as the README walks
// through it: init, members, a goal, a sprint, objectives, stories,
// estimates, review, status and exports.
func TestRun_WholeLoop(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	mustRun(t, db, "sprint", "state", "Sprint 14", "review")

	status := mustRun(t, db, "status")
	for _, want := range []string{
		"Checkout: Sprint 14 (review)",
		"2025-03-03 to 2025-03-14, ends in 2 days",
		"Goal: Self-serve sign-up",
		"Submitted: 4 of 5 members; not yet: eve",
		"1. Checkout in three steps [split]",
		"responses: 4 of 5",
		"median 47.5, range 20–95, spread 75",
		"estimates: ana 20, bo 45, cy 50, dee 95",
		"outliers: ana, dee",
		"missing: eve",
		"stories: 1 of 2 done, 5 of 13 points",
		"Faster search [aligned]",
		"responses: 4 of 5 (1 abstained)",
		"\"Docs refresh\" is not linked to an organisational goal",
		"goal: Grow self-serve revenue",
	} {
		if !strings.Contains(status, want) {
			t.Errorf("status lacks %q:\n%s", want, status)
		}
	}
	if strings.Index(status, "Checkout in three steps") > strings.Index(status, "Faster search") {
		t.Errorf("status agenda does not put the split objective first:\n%s", status)
	}
	if strings.Contains(status, "\x1b[") {
		t.Errorf("status writes escape codes to a non-terminal:\n%q", status)
	}

	md := filepath.Join(t.TempDir(), "review.md")
	if out := mustRun(t, db, "export", "--format", "md", "-o", md); out != "" {
		t.Errorf("export -o printed %q on stdout, want nothing", out)
	}
	b, err := os.ReadFile(md)
	if err != nil {
		t.Fatalf("read export: %v", err)
	}
	if !strings.Contains(string(b), "Sprint 14") || !strings.Contains(string(b), "Checkout in three steps") {
		t.Errorf("markdown export lacks the sprint or its objectives:\n%s", b)
	}
	if js := mustRun(t, db, "export", "--sprint", "all", "--format", "json"); !strings.Contains(js, "Faster search") {
		t.Errorf("json export lacks the objectives:\n%s", js)
	}
	if csv := mustRun(t, db, "export", "--format", "csv"); !strings.Contains(csv, "dee") || !strings.Contains(csv, "95") {
		t.Errorf("csv export lacks dee's estimate:\n%s", csv)
	}
}

func TestRun_Lists(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"member", "list"}, []string{"HANDLE", "ana", "Ana Lopez", "active"}},
		{[]string{"goal", "list"}, []string{"Grow self-serve revenue", "active"}},
		{[]string{"sprint", "list"}, []string{"*", "Sprint 14", "2025-03-03", "assessing"}},
		{[]string{"objective", "list"}, []string{"1", "Checkout in three steps", "1/2 done", "3", "Docs refresh", "-"}},
		{[]string{"story", "list", "--sprint", "Sprint 14"}, []string{"Checkout in three steps (2 stories)", "done", "SHOP-1", "Pay with a saved card"}},
		{[]string{"config"}, []string{"team", "Checkout", "split-at", "30", "anonymous-reveal", "false"}},
		{[]string{"config", "outlier-distance"}, []string{"25"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			out := mustRun(t, db, tt.args...)
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}
}

func TestRun_Edits(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)

	// Assessing again replaces the estimate rather than adding one.
	mustRun(t, db, "assess", "--as", "dee", "--objective", "Checkout in three steps", "--progress", "55")
	if s := mustRun(t, db, "status"); !strings.Contains(s, "estimates: ana 20, bo 45, cy 50, dee 55") {
		t.Errorf("re-assessing did not replace dee's estimate:\n%s", s)
	}
	// ALIGN_MEMBER stands in for --as.
	r := runEnv(t, map[string]string{"ALIGN_DB": db, "ALIGN_MEMBER": "eve"}, "assess", "--objective", "Docs refresh", "--progress", "10")
	if r.err != nil || !strings.Contains(r.stdout, "Saved eve's estimate") {
		t.Fatalf("assess with ALIGN_MEMBER: %v %q", r.err, r.stdout)
	}

	if out := mustRun(t, db, "config", "split-at", "80"); out != "split-at = 80\n" {
		t.Errorf("config set printed %q", out)
	}
	if s := mustRun(t, db, "status"); !strings.Contains(s, "Checkout in three steps [divergent]") {
		t.Errorf("status ignores the split-at setting:\n%s", s)
	}

	out := mustRun(t, db, "objective", "rm", "Docs refresh")
	if !strings.Contains(out, `Deleted "Docs refresh" from Sprint 14`) {
		t.Errorf("objective rm printed %q", out)
	}
	if s := mustRun(t, db, "objective", "list"); strings.Contains(s, "Docs refresh") {
		t.Errorf("deleted objective still listed:\n%s", s)
	}
	if out := mustRun(t, db, "check"); !strings.Contains(out, "no problems found") {
		t.Errorf("check after rm: %q", out)
	}

	mustRun(t, db, "member", "rm", "eve")
	if s := mustRun(t, db, "member", "list"); !strings.Contains(s, "removed") {
		t.Errorf("member rm did not mark eve removed:\n%s", s)
	}
	if s := mustRun(t, db, "status"); !strings.Contains(s, "Submitted: 4 of 4 members") {
		t.Errorf("a removed member is still expected to submit:\n%s", s)
	}
	back := mustID(t, db, "member", "add", "Eve Fox-Gray", "--handle", "eve")
	if s := mustRun(t, db, "member", "list"); !strings.Contains(s, "Eve Fox-Gray") {
		t.Errorf("re-adding eve (%s) did not bring her back:\n%s", back, s)
	}
}

func TestRun_InitAgainKeepsData(t *testing.T) {
	db := newWorkspace(t)
	mustID(t, db, "member", "add", "Ana Lopez", "--handle", "ana")
	if out := mustRun(t, db, "init"); !strings.Contains(out, "already exists") {
		t.Errorf("second init printed %q", out)
	}
	if out := mustRun(t, db, "init", "--team", "Search"); !strings.Contains(out, "Renamed the team to Search") {
		t.Errorf("init --team printed %q", out)
	}
	if out := mustRun(t, db, "member", "list"); !strings.Contains(out, "ana") {
		t.Errorf("init lost the members:\n%s", out)
	}
}

func TestRun_BackupAndCheck(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	dst := filepath.Join(t.TempDir(), "copy.db")
	if out := mustRun(t, db, "backup", dst); !strings.Contains(out, "Backed up") {
		t.Errorf("backup printed %q", out)
	}
	if r := run(t, db, "backup", dst); r.err == nil || !strings.Contains(r.err.Error(), "already exists; pass --force") {
		t.Errorf("second backup error = %v", r.err)
	}
	mustRun(t, db, "backup", dst, "--force")
	if out := mustRun(t, dst, "status"); !strings.Contains(out, "Checkout in three steps [split]") {
		t.Errorf("the backup is not a working workspace:\n%s", out)
	}
	if out := mustRun(t, dst, "check"); !strings.Contains(out, "no problems found") {
		t.Errorf("check on the backup: %q", out)
	}
}

func TestRun_Demo(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	out := mustRun(t, db, "demo")
	if !strings.HasPrefix(out, "Wrote the sample team") || !strings.Contains(out, "5 sprints") {
		t.Errorf("demo --db printed %q", out)
	}
	if r := run(t, db, "demo"); r.err == nil || !strings.Contains(r.err.Error(), "already exists") {
		t.Errorf("demo onto an existing file: %v", r.err)
	}
	status := mustRun(t, db, "status")
	for _, w := range []string{"(review)", "[split]", "[aligned]", "not yet:", "abstained"} {
		if !strings.Contains(status, w) {
			t.Errorf("demo status lacks %q:\n%s", w, status)
		}
	}
	if out := mustRun(t, db, "check"); !strings.Contains(out, "no problems found") {
		t.Errorf("check on the demo: %q", out)
	}

	// Without --db the sample lives in a temporary workspace: status is
	// printed (no terminal here) and nothing is left behind.
	r := runEnv(t, nil, "demo")
	if r.err != nil || !strings.Contains(r.stdout, "Agenda, most disputed first") {
		t.Errorf("demo without --db: %v\n%s", r.err, r.stdout)
	}

	big := filepath.Join(dir, "big.db")
	out = mustRun(t, big, "demo", "--sprints", "3", "--members", "4", "--objectives", "2", "--stories", "3", "--seed", "7")
	if !strings.Contains(out, "4 members") || !strings.Contains(out, "3 sprints") {
		t.Errorf("generated demo printed %q", out)
	}
}

func TestRun_RootPrintsStatusWithoutTerminal(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	root := mustRun(t, db)
	status := mustRun(t, db, "status")
	if root != status {
		t.Errorf("align alone printed\n%s\nwant the status report\n%s", root, status)
	}
}

func TestRun_HelpHasExamples(t *testing.T) {
	root := (&app{env: Env{}}).rootCmd()
	for _, c := range root.Commands() {
		for _, cmd := range append(c.Commands(), c) {
			if cmd.Hidden || cmd.Name() == "help" || cmd.Parent().Name() == "completion" || cmd.Name() == "completion" {
				continue
			}
			if strings.TrimSpace(cmd.Example) == "" {
				t.Errorf("%s has no example in its help", cmd.CommandPath())
			}
		}
	}
	r := runEnv(t, nil, "assess", "--help")
	if r.err != nil || !strings.Contains(r.stdout, "Examples:") || !strings.Contains(r.stdout, "--progress") {
		t.Errorf("assess --help: %v\n%s", r.err, r.stdout)
	}
}
