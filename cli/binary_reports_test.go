package cli

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/align-team/align/store"
)

// TestBinary_KilledReportsLeaveNothing SIGKILLs twenty reports while a
// writer holds the workspace (so each reads a snapshot copy) at delays
// spread over the copy: no copy is left in $TMPDIR once the next report
// has run, and none ever piles up.
func TestBinary_KilledReportsLeaveNothing(t *testing.T) {
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "team.db")
	if r := runBounded(t, bin, nil, "demo", "--db", db, "--sprints", "40", "--stories", "50", "--seed", "2"); r.code != 0 {
		t.Fatalf("demo: %s", r.stderr)
	}
	w, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = w.Close() }()
	tmp := t.TempDir()
	env := []string{"TMPDIR=" + tmp}
	// How long one whole report takes, to spread the kills over it.
	full := runBounded(t, bin, env, "--db", db, "export", "--format", "json", "--sprint", "all")
	if full.code != 0 {
		t.Fatalf("export beside a writer: %s", full.stderr)
	}
	most := 0
	for i := range 20 {
		ctx, cancel := context.WithTimeout(context.Background(), runLimit)
		cmd := exec.CommandContext(ctx, bin, "--db", db, "export", "--format", "json", "--sprint", "all")
		cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}, env...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(full.took * time.Duration(i) / 20)
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		cancel()
		most = max(most, len(dirList(tmp)))
	}
	if most > 1 {
		t.Errorf("%d snapshot copies piled up in $TMPDIR", most)
	}
	if r := runBounded(t, bin, env, "--db", db, "status"); r.code != 0 {
		t.Fatalf("status: %s", r.stderr)
	}
	if left := dirList(tmp); len(left) != 0 {
		t.Errorf("left in $TMPDIR after 20 killed reports and one more: %v", left)
	}
	t.Logf("a whole report took %v; at most %d copy in $TMPDIR between kills", full.took, most)
}

// TestBinary_ConcurrentInit: of twenty inits racing on one new path, exactly
// one says it created the workspace.
func TestBinary_ConcurrentInit(t *testing.T) {
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "new", "team.db")
	outs := make([]exitRun, 20)
	var wg sync.WaitGroup
	for i := range outs {
		wg.Go(func() { outs[i] = runBounded(t, bin, nil, "--db", db, "init", "--team", fmt.Sprintf("T%d", i)) })
	}
	wg.Wait()
	created, renamed := 0, 0
	for _, r := range outs {
		switch {
		case r.code != 0 && !strings.Contains(r.stderr, "in use by another align process"):
			t.Errorf("init: exit %d, %s", r.code, r.stderr)
		case strings.HasPrefix(r.stdout, "Created a workspace"):
			created++
		case strings.HasPrefix(r.stdout, "Renamed the team"):
			renamed++
		}
	}
	if created != 1 {
		t.Errorf("%d inits said they created the workspace, want 1 (%d renamed)", created, renamed)
	}
}

// TestBinary_SprintAtBoundary: the sprint an estimate goes into does not
// depend on the member's time zone, and the confirmation names it. One
// sprint ended yesterday (UTC), the next starts today; in one of the two
// far zones the local date is still yesterday or already tomorrow.
func TestBinary_SprintAtBoundary(t *testing.T) {
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "team.db")
	today := time.Now().UTC()
	day := func(n int) string { return today.AddDate(0, 0, n).Format("2006-01-02") }
	for _, args := range [][]string{
		{"init", "--team", "T"}, {"member", "add", "Ana", "--handle", "ana"},
		{"sprint", "add", "Last", "--start", day(-14), "--end", day(-1)},
		{"sprint", "add", "This", "--start", day(0), "--end", day(13)},
		{"objective", "add", "Checkout", "--sprint", "Last"}, {"objective", "add", "Checkout", "--sprint", "This"},
		{"sprint", "state", "Last", "assessing"}, {"sprint", "state", "This", "assessing"},
	} {
		if r := runBounded(t, bin, nil, append([]string{"--db", db}, args...)...); r.code != 0 {
			t.Fatalf("%v: %s", args, r.stderr)
		}
	}
	for _, tz := range []string{"UTC", "Etc/GMT+12", "Etc/GMT-14"} {
		r := runBounded(t, bin, []string{"TZ=" + tz}, "--db", db, "assess", "--as", "ana", "--objective", "Checkout", "--progress", "40")
		if r.code != 0 || !strings.Contains(r.stdout, `in sprint "This"`) {
			t.Errorf("TZ=%s: exit %d, stdout %q, stderr %q; want it saved in sprint \"This\"", tz, r.code, r.stdout, r.stderr)
		}
	}
}

// TestBinary_TruthfulErrors: a title that looks like a flag is told to use
// --, and works after it; a full disk during export names the target.
func TestBinary_TruthfulErrors(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "team.db")
	for _, args := range [][]string{{"init"}, {"sprint", "add", "S", "--start", "2026-01-05", "--end", "2026-01-18"}} {
		if r := runBounded(t, bin, nil, append([]string{"--db", db}, args...)...); r.code != 0 {
			t.Fatalf("%v: %s", args, r.stderr)
		}
	}
	r := runBounded(t, bin, nil, "--db", db, "objective", "add", "-2+3", "--sprint", "S")
	if r.code != 1 || !strings.Contains(r.stderr, "put -- before it, after the flags: align objective add -- -2+3") {
		t.Errorf("a dash title: exit %d, stderr %q", r.code, r.stderr)
	}
	r = runBounded(t, bin, nil, "--db", db, "objective", "add", "--", "-2+3", "--sprint", "S")
	if r.code != 1 || !strings.Contains(r.stderr, `got "--sprint" after --, where everything is text, not a flag: put the flags before -- (align objective add [flags] -- -2+3)`) {
		t.Errorf("a flag after --: exit %d, stderr %q", r.code, r.stderr)
	}
	if r := runBounded(t, bin, nil, "--db", db, "objective", "add", "--sprint", "S", "--", "-2+3"); r.code != 0 {
		t.Errorf("a dash title after --: %s", r.stderr)
	}
	if r := runBounded(t, bin, nil, "--db", db, "objective", "list", "--sprint", "S"); !strings.Contains(r.stdout, "-2+3") {
		t.Errorf("the title was not saved: %q", r.stdout)
	}
	// A file size limit stands in for a full disk (SIGXFSZ ignored, so the
	// write fails with EFBIG as it would with ENOSPC).
	sample := filepath.Join(dir, "sample.db")
	if r := runBounded(t, bin, nil, "demo", "--db", sample); r.code != 0 {
		t.Fatalf("demo: %s", r.stderr)
	}
	target := filepath.Join(dir, "out.json")
	sh := `trap '' XFSZ; ulimit -f 1; exec "$@"`
	cmd := exec.Command("sh", "-c", sh, "sh", bin, "--db", sample, "export", "--format", "json", "--sprint", "all", "-o", target)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}
	out, _ := cmd.CombinedOutput()
	if !strings.Contains(string(out), "cannot write "+target+":") || strings.Contains(string(out), ".tmp") {
		t.Errorf("export on a full disk: %q; want it to name %s and no temporary file", out, target)
	}
	for _, name := range dirList(dir) {
		if name != "team.db" && name != "sample.db" && name != "align-backups" {
			t.Errorf("left beside the workspace: %s", name)
		}
	}
}
