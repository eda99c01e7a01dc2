package cli

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestImport_Run_DeletedObjectiveCascades: a member estimated and added a
// story locally; the facilitator then deleted the objective. Importing the
// new plan deletes the member's local records with it, as the store's
// integrity rules require, and reports them.
func TestImport_Run_DeletedObjectiveCascades(t *testing.T) {
	fac, plan := seededBundle(t)
	mem := newWorkspace(t)
	mustRun(t, mem, "import", writeTemp(t, "plan.json", plan))
	mustRun(t, mem, "assess", "--as", "eve", "--objective", "Docs refresh", "--progress", "10")
	mustID(t, mem, "story", "add", "Write the FAQ", "--objective", "Docs refresh", "--key", "DOC-1")

	mustRun(t, fac, "objective", "rm", "Docs refresh")
	plan2 := mustRun(t, fac, "export", "--format", "json")
	out := mustRun(t, mem, "import", writeTemp(t, "plan2.json", []byte(plan2)))
	for _, w := range []string{
		"deleted    objective    Docs refresh",
		`deleted    story        DOC-1 Write the FAQ — its objective "Docs refresh" is deleted, so it is deleted too`,
		`deleted    assessment   eve on Docs refresh — its objective "Docs refresh" is deleted`,
	} {
		if !strings.Contains(out, w) {
			t.Errorf("report lacks %q:\n%s", w, out)
		}
	}
	if r := run(t, mem, "check"); r.err != nil {
		t.Errorf("check after the import: %v", r.err)
	}
	before := fileHash(t, mem)
	again := mustRun(t, mem, "import", writeTemp(t, "plan2.json", []byte(plan2)))
	if !strings.Contains(again, "Nothing to write") || fileHash(t, mem) != before {
		t.Errorf("importing the deletion again changed something:\n%s", again)
	}
	// The cascaded tombstones travel back: the facilitator ends up with the
	// member's estimate deleted, never live under a deleted objective.
	back := mustRun(t, mem, "export", "--format", "json", "--mine", "--as", "eve")
	mustRun(t, fac, "import", writeTemp(t, "eve.json", []byte(back)))
	if r := run(t, fac, "check"); r.err != nil {
		t.Errorf("check at the facilitator: %v", r.err)
	}
}

// TestImport_Run_ConflictShowsBothValues: two workspaces change one story
// at the same instant; the import reports a conflict with both values.
func TestImport_Run_ConflictShowsBothValues(t *testing.T) {
	a, plan := seededBundle(t)
	b := newWorkspace(t)
	mustRun(t, b, "import", writeTemp(t, "plan.json", plan))
	mustRun(t, a, "story", "set", "SHOP-2", "--status", "done")
	mustRun(t, b, "story", "set", "SHOP-2", "--status", "doing")
	out := mustRun(t, b, "import", writeTemp(t, "a.json", []byte(mustRun(t, a, "export", "--format", "json"))))
	var line string
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "conflict ") {
			line = l
		}
	}
	for _, w := range []string{"story", "SHOP-2", `local: status="doing"`, `incoming: status="done"`, "same moment"} {
		if !strings.Contains(line, w) {
			t.Errorf("conflict line %q lacks %q\n%s", line, w, out)
		}
	}
	if !strings.Contains(out, "1 conflict,") {
		t.Errorf("counts lack the conflict:\n%s", out)
	}
}

// runAt runs align against db with the clock at now, and fails the test on
// an error.
func runAt(t *testing.T, db string, now time.Time, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	e := Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(string) string { return "" }, Now: func() time.Time { return now }}
	if err := Run(context.Background(), e, append([]string{"--db", db}, args...)); err != nil {
		t.Fatalf("align %s: %v\nstderr: %s", strings.Join(args, " "), err, errb.String())
	}
	return out.String()
}

// TestImport_Run_ConcurrentEditsConflict: two workspaces import the same
// plan and each changes the same estimate, at different times. Either
// import reports one conflict with both values; the later change wins on
// both machines; a later edit of the merged value is a plain update.
func TestImport_Run_ConcurrentEditsConflict(t *testing.T) {
	a, plan := seededBundle(t)
	b := newWorkspace(t)
	mustRun(t, b, "import", writeTemp(t, "plan.json", plan))
	est := []string{"assess", "--as", "ana", "--objective", "Checkout in three steps", "--progress"}
	runAt(t, a, testNow.Add(time.Hour), append(est, "70")...)
	runAt(t, b, testNow.Add(2*time.Hour), append(est, "35")...)
	later := testNow.Add(3 * time.Hour)
	fromA := runAt(t, a, later, "export", "--format", "json")
	fromB := runAt(t, b, later, "export", "--format", "json")

	for _, tt := range []struct {
		name, db, bundle, local, incoming, kept string
	}{
		{"a imports b", a, fromB, "progress=70", "progress=35", "incoming"},
		{"b imports a", b, fromA, "progress=35", "progress=70", "local"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := runAt(t, tt.db, later, "import", writeTemp(t, "other.json", []byte(tt.bundle)))
			var lines []string
			for _, l := range strings.Split(out, "\n") {
				if strings.Contains(l, "conflict ") {
					lines = append(lines, l)
				}
			}
			if len(lines) != 1 {
				t.Fatalf("want one conflict line, got %q:\n%s", lines, out)
			}
			for _, w := range []string{"assessment", "ana on Checkout in three steps",
				"local: " + tt.local, "incoming: " + tt.incoming, "kept the later, " + tt.kept + " one"} {
				if !strings.Contains(lines[0], w) {
					t.Errorf("conflict line %q lacks %q", lines[0], w)
				}
			}
			if !strings.Contains(out, "1 conflict,") || !strings.Contains(out, "0 updated") {
				t.Errorf("counts: want 1 conflict and 0 updated:\n%s", out)
			}
		})
	}
	if da, db := takeSnapshot(t, a).Data, takeSnapshot(t, b).Data; !reflect.DeepEqual(da, db) {
		t.Errorf("the workspaces differ after the exchange:\n%+v\n%+v", da, db)
	}
	// Both now hold b's estimate; a's edit of it fast-forwards b.
	runAt(t, a, testNow.Add(4*time.Hour), append(est, "40")...)
	out := runAt(t, b, testNow.Add(5*time.Hour), "import",
		writeTemp(t, "a2.json", []byte(runAt(t, a, testNow.Add(4*time.Hour), "export", "--format", "json"))))
	if !strings.Contains(out, "0 added, 1 updated, 0 deleted, 0 conflicts") {
		t.Errorf("an edit of the merged estimate is not a plain update:\n%s", out)
	}
}

// TestImport_Run_DeletedSprintCascades: a bundle whose sprint is deleted
// deletes everything in it here, its live objectives included.
func TestImport_Run_DeletedSprintCascades(t *testing.T) {
	_, plan := seededBundle(t)
	dst := newWorkspace(t)
	mustRun(t, dst, "import", writeTemp(t, "plan.json", plan))
	gone := mutate(t, plan, func(b map[string]any) {
		b["sprints"].([]any)[0].(map[string]any)["deleted"] = true
	})
	out := mustRun(t, dst, "import", writeTemp(t, "gone.json", gone))
	for _, w := range []string{
		"deleted    sprint       Sprint 14",
		`deleted    objective    Faster search — its sprint "Sprint 14" is deleted, so it is deleted too`,
		`deleted    assessment   ana on Checkout in three steps — its sprint "Sprint 14" is deleted`,
	} {
		if !strings.Contains(out, w) {
			t.Errorf("report lacks %q:\n%s", w, out)
		}
	}
	if r := run(t, dst, "check"); r.err != nil {
		t.Errorf("check: %v", r.err)
	}
	for _, sd := range takeSnapshot(t, dst).Data.Sprints {
		for _, s := range sd.Stories {
			if !s.Deleted {
				t.Errorf("story %q is live in a deleted sprint", s.Title)
			}
		}
	}
}

// TestImport_Run_LiveEstimateForADeletedObjective: a member's bundle brings
// an estimate of an objective the facilitator deleted meanwhile; it arrives
// deleted, reported once.
func TestImport_Run_LiveEstimateForADeletedObjective(t *testing.T) {
	fac, plan := seededBundle(t)
	mem := newWorkspace(t)
	mustRun(t, mem, "import", writeTemp(t, "plan.json", plan))
	mustRun(t, mem, "assess", "--as", "eve", "--objective", "Docs refresh", "--progress", "10")
	mine := mustRun(t, mem, "export", "--format", "json", "--mine", "--as", "eve")
	mustRun(t, fac, "objective", "rm", "Docs refresh")
	out := mustRun(t, fac, "import", writeTemp(t, "eve.json", []byte(mine)))
	if n := strings.Count(out, "eve on Docs refresh"); n != 1 {
		t.Errorf("the estimate is reported %d times, want once:\n%s", n, out)
	}
	want := `deleted    assessment   eve on Docs refresh — its objective "Docs refresh" is deleted, so it is deleted too`
	if !strings.Contains(out, want) || !strings.Contains(out, "0 added, 0 updated, 1 deleted") {
		t.Errorf("report lacks %q and the counts:\n%s", want, out)
	}
	if r := run(t, fac, "check"); r.err != nil {
		t.Errorf("check: %v", r.err)
	}
}
