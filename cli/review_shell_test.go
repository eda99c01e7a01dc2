package cli

import (
	"os"
	"strings"
	"testing"
)

// reviewFromShell runs the whole review of Sprint 14 from the shell alone:
// outcomes, notes, discussed marks and action items, the close, the
// carry-over of two objectives into Sprint 15.
func reviewFromShell(t *testing.T, db string) {
	t.Helper()
	mustRun(t, db, "sprint", "state", "Sprint 14", "review")
	mustRun(t, db, "outcome", "set", "Checkout in three steps", "--agreed", "40", "--discussed")
	mustRun(t, db, "note", "add", "Checkout in three steps", "The address step is still there")
	mustRun(t, db, "note", "add", "Checkout in three steps", "Payments API slipped a week")
	mustRun(t, db, "outcome", "set", "Faster search", "--agreed", "65", "--notes", "Index is live")
	mustRun(t, db, "outcome", "set", "Docs refresh", "--agreed", "100")
	mustID(t, db, "action", "add", "Fix the flaky checkout test", "--owner", "bo", "--due", "2025-03-20", "--objective", "Checkout in three steps")
	mustID(t, db, "action", "add", "Write the search runbook", "--owner", "cy")
	mustID(t, db, "action", "add", "Book the usability lab")
	mustRun(t, db, "action", "edit", "Book the usability lab", "--owner", "dee", "--due", "2025-03-18")
	mustRun(t, db, "action", "done", "Write the search runbook")
	mustRun(t, db, "sprint", "state", "Sprint 14", "closed")
	mustID(t, db, "sprint", "add", "Sprint 15", "--start", "2025-03-17", "--end", "2025-03-28")
	mustRun(t, db, "sprint", "carry", "--to", "Sprint 15", "Checkout in three steps", "Faster search")
}

func TestRun_ReviewFromShell(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	reviewFromShell(t, db)

	objs := mustRun(t, db, "objective", "list", "--sprint", "Sprint 15")
	if !strings.Contains(objs, "Checkout in three steps") || !strings.Contains(objs, "Faster search") || strings.Contains(objs, "Docs refresh") {
		t.Errorf("Sprint 15 does not hold just the two carried objectives:\n%s", objs)
	}
	// The export defaults to the sprint just reviewed, not the new one.
	md := mustRun(t, db, "export")
	for _, want := range []string{
		"# Sprint review: Sprint 14",
		"- [ ] Fix the flaky checkout test (owner: bo; due 2025-03-20; objective: Checkout in three steps)",
		"- [x] Write the search runbook (owner: cy)",
		"- [ ] Book the usability lab (owner: dee; due 2025-03-18)",
		"The address step is still there",
		"Payments API slipped a week",
		"Index is live",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("export lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "Open actions from earlier sprints") {
		t.Errorf("Sprint 14 has no earlier sprint, yet the export lists earlier actions:\n%s", md)
	}
}

// An action item left open survives three sprints: it comes back at each
// review, with the sprint it comes from, until it is done.
func TestRun_ActionFollowsThrough(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	reviewFromShell(t, db)
	for i, sp := range []struct{ name, start, end, next, nstart, nend string }{
		{"Sprint 15", "2025-03-17", "2025-03-28", "Sprint 16", "2025-03-31", "2025-04-11"},
		{"Sprint 16", "2025-03-31", "2025-04-11", "Sprint 17", "2025-04-14", "2025-04-25"},
		{"Sprint 17", "2025-04-14", "2025-04-25", "", "", ""},
	} {
		mustRun(t, db, "sprint", "state", sp.name, "review")
		md := mustRun(t, db, "export", "--sprint", sp.name)
		for _, want := range []string{
			"## Open actions from earlier sprints",
			"- [ ] Fix the flaky checkout test (owner: bo; due 2025-03-20; from Sprint 14)",
		} {
			if !strings.Contains(md, want) {
				t.Fatalf("review %d (%s): export lacks %q:\n%s", i+1, sp.name, want, md)
			}
		}
		if strings.Contains(md, "Write the search runbook") {
			t.Errorf("%s: a done item of Sprint 14 came back:\n%s", sp.name, md)
		}
		list := mustRun(t, db, "action", "list", "--sprint", sp.name)
		if !strings.Contains(list, "Fix the flaky checkout test") || !strings.Contains(list, "Sprint 14 (earlier)") {
			t.Errorf("%s: action list lacks the open item of Sprint 14:\n%s", sp.name, list)
		}
		switch i {
		case 0: // reassigned in a later review although Sprint 14 is closed
			mustRun(t, db, "action", "edit", "Book the usability lab", "--owner", "eve")
		case 1:
			if !strings.Contains(md, "Book the usability lab (owner: eve; due 2025-03-18; from Sprint 14)") {
				t.Errorf("the reassigned item does not come back with its new owner:\n%s", md)
			}
			mustRun(t, db, "action", "done", "Book the usability lab", "--as", "eve")
		case 2:
			if strings.Contains(md, "Book the usability lab") {
				t.Errorf("an item done in Sprint 16's review came back in Sprint 17's:\n%s", md)
			}
			mustRun(t, db, "action", "done", "Fix the flaky checkout test", "--as", "bo")
		}
		mustRun(t, db, "sprint", "state", sp.name, "closed")
		if sp.next != "" {
			mustID(t, db, "sprint", "add", sp.next, "--start", sp.nstart, "--end", sp.nend)
		}
	}
	if md := mustRun(t, db, "export", "--sprint", "Sprint 17"); strings.Contains(md, "Open actions from earlier sprints") {
		t.Errorf("every item is done, yet the export lists earlier actions:\n%s", md)
	}
}

// A member acting with --as may only tick off the items they own; every
// refusal leaves the workspace byte-identical.
func TestRun_ReviewCommandsAuthority(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	mustRun(t, db, "sprint", "state", "Sprint 14", "review")
	mustID(t, db, "action", "add", "Fix the flaky checkout test", "--owner", "bo")
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"action", "add", "Sneak one in", "--as", "cy"},
		{"action", "done", "Fix the flaky checkout test", "--as", "cy"},
		{"action", "edit", "Fix the flaky checkout test", "--owner", "cy", "--as", "bo"},
		{"action", "rm", "Fix the flaky checkout test", "--as", "bo"},
		{"outcome", "set", "Faster search", "--agreed", "90", "--as", "bo"},
		{"agree", "Faster search", "--progress", "90", "--as", "bo"},
		{"note", "add", "Faster search", "bo was here", "--as", "bo"},
		{"sprint", "rename", "Sprint 14", "Mine", "--as", "bo"},
		{"goal", "archive", "Grow self-serve revenue", "--as", "bo"},
		{"action", "done", "Fix the flaky checkout test", "--as", "nobody"},
	} {
		r := run(t, db, args...)
		if r.err == nil || !strings.Contains(r.err.Error(), "may not") && !strings.Contains(r.err.Error(), "no member") {
			t.Errorf("align %s: err = %v, want a refusal", strings.Join(args, " "), r.err)
		}
		after, err := os.ReadFile(db)
		if err != nil {
			t.Fatal(err)
		}
		if string(after) != string(before) {
			t.Fatalf("align %s changed the workspace file although it was refused", strings.Join(args, " "))
		}
	}
	mustRun(t, db, "action", "done", "Fix the flaky checkout test", "--as", "bo")
	mustRun(t, db, "outcome", "set", "Faster search", "--agreed", "90", "--as", "ana")
}

func TestRun_PlanEditsAuthority(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"objective", "rename", "Faster search", "Slower search", "--as", "bo"},
		{"story", "rm", "SHOP-1", "--as", "bo"},
	} {
		r := run(t, db, args...)
		if r.err == nil || !strings.Contains(r.err.Error(), "bo may not") {
			t.Errorf("align %s: err = %v, want a refusal", strings.Join(args, " "), r.err)
		}
		if after, _ := os.ReadFile(db); string(after) != string(before) {
			t.Fatalf("align %s changed the workspace file although it was refused", strings.Join(args, " "))
		}
	}
	mustRun(t, db, "objective", "rename", "Faster search", "Search in 300 ms", "--as", "ana")
	mustRun(t, db, "story", "rm", "SHOP-1", "--as", "ana")
	mustRun(t, db, "sprint", "rename", "Sprint 14", "Sprint 14b")
	mustRun(t, db, "goal", "archive", "Grow self-serve revenue")
	out := mustRun(t, db, "objective", "list")
	if !strings.Contains(out, "Search in 300 ms") || strings.Contains(out, "Faster search") {
		t.Errorf("rename did not show:\n%s", out)
	}
	if out := mustRun(t, db, "story", "list"); strings.Contains(out, "SHOP-1") {
		t.Errorf("story rm left the story:\n%s", out)
	}
	if out := mustRun(t, db, "goal", "list"); !strings.Contains(out, "archived") {
		t.Errorf("goal archive did not show:\n%s", out)
	}
	if out := mustRun(t, db, "sprint", "list"); !strings.Contains(out, "Sprint 14b") {
		t.Errorf("sprint rename did not show:\n%s", out)
	}
}

func TestRun_ReviewCommandsBadInput(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"outcome", "set", "Faster search", "--agreed", "50"}, "outcomes are recorded in the review"},
		{[]string{"sprint", "carry", "--to", "Sprint 14"}, "starts from a sprint in review or closed; Sprint 14 is assessing"},
		{[]string{"sprint", "carry"}, "--to is required"},
	} {
		r := run(t, db, c.args...)
		if r.err == nil || !strings.Contains(r.err.Error(), c.want) {
			t.Errorf("align %s: err = %v, want %q", strings.Join(c.args, " "), r.err, c.want)
		}
	}
	mustRun(t, db, "sprint", "state", "Sprint 14", "review")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"outcome", "set", "Faster search", "--agreed", "101"}, "outside 0–100"},
		{[]string{"outcome", "set", "Faster search"}, "nothing to set"},
		{[]string{"outcome", "set", "Nope", "--agreed", "5"}, "no objective matches"},
		{[]string{"note", "add", "Faster search", "  "}, "the note is empty"},
		{[]string{"action", "add", "x", "--due", "tomorrow"}, "due"},
		{[]string{"action", "add", "x", "--owner", "zed"}, "no member has the handle"},
		{[]string{"action", "edit", "nothing-like-this"}, "nothing to change"},
		{[]string{"action", "done", "no such item"}, "no action item matches"},
		{[]string{"sprint", "carry", "--to", "Sprint 14"}, "cannot carry into itself"},
	} {
		r := run(t, db, c.args...)
		if r.err == nil || !strings.Contains(r.err.Error(), c.want) {
			t.Errorf("align %s: err = %v, want %q", strings.Join(c.args, " "), r.err, c.want)
		}
	}
}
