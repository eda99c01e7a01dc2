package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	"github.com/google/uuid"
)

// testNow is the fixed clock of the in-process tests: a Wednesday inside
// "Sprint 14" (2025-03-03 to 2025-03-14).
var testNow = time.Date(2025, 3, 12, 12, 0, 0, 0, time.UTC)

// result is what one in-process run of align produced.
type result struct {
	stdout, stderr string
	err            error
}

// runEnv runs align in-process with a fixed clock and an environment that
// holds only env, so that the caller's ALIGN_DB or ALIGN_MEMBER never leak in.
func runEnv(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	e := Env{
		Stdin:  strings.NewReader(""),
		Stdout: &out,
		Stderr: &errb,
		Getenv: func(k string) string { return env[k] },
		Now:    func() time.Time { return testNow },
	}
	err := Run(context.Background(), e, args)
	return result{stdout: out.String(), stderr: errb.String(), err: err}
}

// run runs align against the workspace db.
func run(t *testing.T, db string, args ...string) result {
	t.Helper()
	return runEnv(t, nil, append([]string{"--db", db}, args...)...)
}

// mustRun runs align against db and fails the test on an error.
func mustRun(t *testing.T, db string, args ...string) string {
	t.Helper()
	r := run(t, db, args...)
	if r.err != nil {
		t.Fatalf("align %s: %v\nstderr: %s", strings.Join(args, " "), r.err, r.stderr)
	}
	return r.stdout
}

// mustID runs an add command and returns the id it printed alone on stdout.
func mustID(t *testing.T, db string, args ...string) uuid.UUID {
	t.Helper()
	out := mustRun(t, db, args...)
	id, err := uuid.Parse(strings.TrimSuffix(out, "\n"))
	if err != nil || strings.Count(out, "\n") != 1 {
		t.Fatalf("align %s printed %q, want an id alone on a line", strings.Join(args, " "), out)
	}
	return id
}

// newWorkspace initialises a workspace in a temporary directory.
func newWorkspace(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "align.db")
	mustRun(t, db, "init", "--team", "Checkout")
	return db
}

// seedSprint fills db with the sprint the loop test builds: five members,
// a goal, "Sprint 14" with three objectives and stories, moved to assessing,
// and estimates on which the team splits over checkout and agrees on search.
func seedSprint(t *testing.T, db string) {
	t.Helper()
	// Ana facilitates, so that the workspace's bundles name her as their
	// author (see align export) and other workspaces accept their plan.
	mustID(t, db, "member", "add", "Ana Lopez", "--handle", "ana", "--facilitator")
	for _, m := range [][2]string{{"Bo Chen", "bo"}, {"Cy Diaz", "cy"}, {"Dee Ekwueme", "dee"}, {"Eve Fox", "eve"}} {
		mustID(t, db, "member", "add", m[0], "--handle", m[1])
	}
	mustID(t, db, "goal", "add", "Grow self-serve revenue", "--description", "Half of new customers sign up alone")
	mustID(t, db, "sprint", "add", "Sprint 14", "--start", "2025-03-03", "--end", "2025-03-14", "--goal", "Self-serve sign-up")
	mustID(t, db, "objective", "add", "Checkout in three steps", "--goal", "grow self-serve revenue")
	mustID(t, db, "objective", "add", "Faster search", "--goal", "Grow self-serve revenue", "--description", "p95 under 300 ms")
	mustID(t, db, "objective", "add", "Docs refresh")
	mustID(t, db, "story", "add", "Pay with a saved card", "--objective", "Checkout in three steps", "--points", "5", "--key", "SHOP-1", "--status", "done")
	mustID(t, db, "story", "add", "Remove the address step", "--objective", "checkout in three steps", "--points", "8", "--key", "SHOP-2")
	mustID(t, db, "story", "add", "Index product names", "--objective", "Faster search", "--points", "3", "--key", "SHOP-3")
	mustRun(t, db, "story", "set", "SHOP-3", "--status", "done")
	mustRun(t, db, "sprint", "state", "current", "assessing")
	for _, a := range [][]string{
		{"ana", "Checkout in three steps", "20"},
		{"bo", "Checkout in three steps", "45"},
		{"cy", "Checkout in three steps", "50"},
		{"dee", "Checkout in three steps", "95"},
		{"ana", "Faster search", "60"},
		{"bo", "Faster search", "65"},
		{"cy", "Faster search", "60"},
		{"dee", "Faster search", "70"},
		{"ana", "Docs refresh", "30"},
		{"bo", "Docs refresh", "30"},
		{"cy", "Docs refresh", "35"},
		{"dee", "Docs refresh", "40"},
	} {
		mustRun(t, db, "assess", "--as", a[0], "--objective", a[1], "--progress", a[2], "--confidence", "4", "--note", "from the board")
	}
	mustRun(t, db, "assess", "--as", "eve", "--objective", "Faster search", "--abstain")
}

// snapshot returns everything in the workspace, tombstones and settings
// included, to prove that a failed command changed nothing.
type snapshot struct {
	Data      model.Dataset
	Workspace store.Workspace
}

func takeSnapshot(t *testing.T, db string) snapshot {
	t.Helper()
	st, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("open %s: %v", db, err)
	}
	defer st.Close()
	d, err := st.Dataset(store.DatasetOptions{IncludeDeleted: true})
	if err != nil {
		t.Fatalf("dataset: %v", err)
	}
	ws, err := st.Workspace()
	if err != nil {
		t.Fatalf("workspace: %v", err)
	}
	return snapshot{Data: d, Workspace: ws}
}

func sameSnapshot(a, b snapshot) bool { return reflect.DeepEqual(a, b) }
