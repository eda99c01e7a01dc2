package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestObjectiveSet_Run_StretchTravelsInBundles(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	if out := mustRun(t, db, "objective", "set", "Docs refresh", "--stretch"); !strings.Contains(out, "is stretch") {
		t.Fatalf("set --stretch printed %q", out)
	}
	if list := mustRun(t, db, "objective", "list"); !strings.Contains(list, "Docs refresh (stretch)") || strings.Contains(list, "Faster search (stretch)") {
		t.Errorf("objective list:\n%s", list)
	}
	snap := takeSnapshot(t, db)
	var stretch []string
	for _, o := range snap.Data.Sprints[0].Objectives {
		if o.Stretch {
			stretch = append(stretch, o.Title)
		}
	}
	if len(stretch) != 1 || stretch[0] != "Docs refresh" {
		t.Fatalf("stretch objectives %v, want [Docs refresh]", stretch)
	}
	bundle := filepath.Join(t.TempDir(), "all.json")
	mustRun(t, db, "export", "--format", "json", "--sprint", "all", "-o", bundle)
	other := filepath.Join(t.TempDir(), "other.db")
	mustRun(t, other, "init", "--team", "Checkout")
	mustRun(t, other, "import", bundle)
	got := takeSnapshot(t, other)
	n := 0
	for _, o := range got.Data.Sprints[0].Objectives {
		if o.Stretch != (o.Title == "Docs refresh") {
			t.Errorf("after import %q stretch=%v", o.Title, o.Stretch)
		}
		n++
	}
	if n != 3 {
		t.Fatalf("imported %d objectives, want 3", n)
	}
	mustRun(t, db, "objective", "set", "Docs refresh", "--committed")
	if o := takeSnapshot(t, db).Data.Sprints[0].Objectives; o[2].Stretch || o[0].Stretch {
		t.Errorf("--committed left stretch set: %+v", o)
	}
}

func TestObjectiveSet_Run_Refusals(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	before := takeSnapshot(t, db)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"objective", "set", "Docs refresh"}, "nothing to change"},
		{[]string{"objective", "set", "Docs refresh", "--stretch", "--committed"}, "contradict"},
		{[]string{"objective", "set", "Docs refresh", "--goal", "x", "--no-goal"}, "contradict"},
		{[]string{"objective", "set", "No such", "--stretch"}, "no objective"},
		{[]string{"objective", "set", "Docs refresh", "--goal", "No such goal"}, "goal"},
	} {
		r := run(t, db, tc.args...)
		if r.err == nil || !strings.Contains(strings.ToLower(r.err.Error()), tc.want) {
			t.Errorf("%v: error %v, want it to mention %q", tc.args, r.err, tc.want)
		}
	}
	mustRun(t, db, "sprint", "state", "current", "review")
	if r := run(t, db, "objective", "set", "Docs refresh", "--stretch"); r.err == nil || !strings.Contains(r.err.Error(), "planning or assessing") {
		t.Errorf("set in review: %v", r.err)
	}
	after := takeSnapshot(t, db)
	after.Data.Sprints[0].Sprint = before.Data.Sprints[0].Sprint
	if !sameSnapshot(before, after) {
		t.Error("a refused set changed the workspace")
	}
}

func TestObjectiveSet_Run_StretchMergesAndConflicts(t *testing.T) {
	a, plan := seededBundle(t)
	b := newWorkspace(t)
	mustRun(t, b, "import", writeTemp(t, "plan.json", plan))
	mustRun(t, a, "objective", "set", "Docs refresh", "--stretch")
	out := mustRun(t, b, "import", writeTemp(t, "a.json", []byte(mustRun(t, a, "export", "--format", "json"))))
	if !strings.Contains(out, "Docs refresh") || !strings.Contains(out, "updated") {
		t.Errorf("the stretch mark did not arrive as an update:\n%s", out)
	}
	for _, o := range takeSnapshot(t, b).Data.Sprints[0].Objectives {
		if o.Stretch != (o.Title == "Docs refresh") {
			t.Errorf("after the merge %q stretch=%v", o.Title, o.Stretch)
		}
	}
	// Both sides change the same objective at the same moment: a conflict
	// that names the field.
	mustRun(t, a, "objective", "set", "Faster search", "--stretch")
	mustRun(t, b, "objective", "set", "Faster search", "--no-goal")
	out = mustRun(t, b, "import", writeTemp(t, "a2.json", []byte(mustRun(t, a, "export", "--format", "json"))))
	if !strings.Contains(out, "conflict ") || !strings.Contains(out, "stretch=true") {
		t.Errorf("concurrent edits of an objective:\n%s", out)
	}
}
