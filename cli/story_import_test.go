package cli

import (
	"strings"
	"testing"
)

// jiraCSV is a Jira export for the seeded "Sprint 14": two epics that match
// objectives (one in other case), one canceled issue.
const jiraCSV = `Summary,Issue key,Issue Type,Status,Custom field (Story Points),Parent summary
Pay with a saved card,SHOP-1,Story,Done,5,Checkout in three steps
Remove the address step,SHOP-2,Story,In Progress,8,Checkout in three steps
Guest checkout,SHOP-4,Story,To Do,3,CHECKOUT IN THREE STEPS
Typo tolerance,SHOP-5,Story,Selected for Development,2,Faster search
Old search UI,SHOP-6,Story,Won't Do,1,Faster search
`

// storyLines returns the "story list" output of db.
func storyLines(t *testing.T, db string) string {
	t.Helper()
	return mustRun(t, db, "story", "list")
}

func TestStoryImport_Run_AddsThenUpdatesByKey(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	in := writeTemp(t, "jira.csv", []byte(jiraCSV))

	out := mustRun(t, db, "story", "import", in, "--sprint", "Sprint 14")
	for _, w := range []string{
		in + `: Jira export, 5 rows into sprint "Sprint 14"`,
		`updated    SHOP-2 "Remove the address step": status todo → doing`,
		`added      SHOP-4 "Guest checkout" → Checkout in three steps (todo, 3 points)`,
		`added      SHOP-5 "Typo tolerance" → Faster search (todo, 2 points)`,
		`skipped    line 6: SHOP-6 "Old search UI"`,
		"2 added, 1 updated, 1 unchanged, 1 skipped.",
		"Imported into " + db,
	} {
		if !strings.Contains(out, w) {
			t.Errorf("report lacks %q:\n%s", w, out)
		}
	}
	list := storyLines(t, db)
	if n := strings.Count(list, "SHOP-1"); n != 1 {
		t.Errorf("SHOP-1 listed %d times, want once (updated, not duplicated):\n%s", n, list)
	}

	// The tracker moves on: the same export again, one status changed.
	before := fileHash(t, db)
	again := mustRun(t, db, "story", "import", in)
	if !strings.Contains(again, "0 added, 0 updated, 4 unchanged, 1 skipped.") || fileHash(t, db) != before {
		t.Errorf("re-importing the same file changed something:\n%s", again)
	}
	moved := strings.Replace(jiraCSV, "Guest checkout,SHOP-4,Story,To Do,3", "Guest checkout (cards only),SHOP-4,Story,Done,5", 1)
	out = mustRun(t, db, "story", "import", writeTemp(t, "jira2.csv", []byte(moved)), "-v")
	want := `updated    SHOP-4 "Guest checkout (cards only)": title "Guest checkout" → "Guest checkout (cards only)", status todo → done, points 3 → 5`
	if !strings.Contains(out, want) || !strings.Contains(out, `unchanged  SHOP-1 "Pay with a saved card"`) {
		t.Errorf("report lacks %q (or the -v unchanged lines):\n%s", want, out)
	}
	if n := strings.Count(storyLines(t, db), "SHOP-4"); n != 1 {
		t.Errorf("SHOP-4 listed %d times after re-import, want once", n)
	}
}

func TestStoryImport_Run_ObjectiveFlagAndMap(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	custom := "Ticket;Headline;Stage;Size\nDOC-1;Rewrite the FAQ;Doing;2\nDOC-2;Screenshots;Todo;\n"
	out := mustRun(t, db, "story", "import", writeTemp(t, "board.csv", []byte(custom)),
		"--objective", "docs refresh", "--map", "Size=points", "--map", "Ticket=key", "--map", "Headline=title", "--map", "Stage=status")
	for _, w := range []string{`added      DOC-1 "Rewrite the FAQ" → Docs refresh (doing, 2 points)`, `added      DOC-2 "Screenshots" → Docs refresh (todo, no points)`} {
		if !strings.Contains(out, w) {
			t.Errorf("report lacks %q:\n%s", w, out)
		}
	}
}

// TestStoryImport_Run_NothingHalfImported: any row that cannot be used
// fails the whole file, every such row reported by line, the workspace
// unchanged.
func TestStoryImport_Run_NothingHalfImported(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	tests := []struct {
		name   string
		csv    string
		args   []string
		err    string
		stderr []string
	}{
		{"unknown epic and bad points",
			"Issue key,Summary,Status,Story Points,Epic Link Summary\nSHOP-7,Fine row,To Do,1,Faster search\nSHOP-8,Lost row,To Do,1,Onboarding\nSHOP-9,Bad points,To Do,lots,Faster search\n",
			nil, "2 rows cannot be used (lines 3, 4); nothing was imported",
			[]string{`line 3: parent "Onboarding" matches no objective of sprint "Sprint 14"`, `line 4: points "lots" are not a number`}},
		{"no parent column", "Key,Title,Status\nX-1,Something,Todo\n", nil,
			"no row names an epic, project or parent to match an objective; pass --objective O", nil},
		{"duplicate key in the file", "Key,Title,Status,Epic\nX-1,One,Todo,Docs refresh\nx-1,Two,Todo,Docs refresh\n", nil,
			"1 row cannot be used (line 3)", []string{`line 3: key "x-1" repeats the key of line 2`}},
		{"bad map", jiraCSV, []string{"--map", "Size"}, `--map "Size": expected COLUMN=FIELD`, nil},
		{"unknown objective", jiraCSV, []string{"--objective", "Nope"}, `no objective matches "Nope"`, nil},
		{"empty file", "", nil, "the file is empty", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := fileHash(t, db)
			r := run(t, db, append([]string{"story", "import", writeTemp(t, "in.csv", []byte(tt.csv))}, tt.args...)...)
			checkImportRefused(t, r, db, before, tt.err, tt.stderr)
		})
	}
}

func TestStoryImport_Run_StateRulesAndDryRun(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	in := writeTemp(t, "jira.csv", []byte(jiraCSV))
	before := fileHash(t, db)
	dry := mustRun(t, db, "story", "import", in, "--dry-run")
	if !strings.Contains(dry, "2 added, 1 updated") || !strings.Contains(dry, "Dry run: nothing was written") || fileHash(t, db) != before {
		t.Errorf("dry run:\n%s", dry)
	}
	mustRun(t, db, "sprint", "state", "current", "review")
	before = fileHash(t, db)
	r := run(t, db, "story", "import", in)
	want := `cannot import stories: sprint "Sprint 14" is in review: objectives and stories can change only in planning or assessing`
	if r.err == nil || !strings.Contains(r.err.Error(), want) {
		t.Errorf("error %v, want %q", r.err, want)
	}
	if fileHash(t, db) != before {
		t.Errorf("the workspace file changed")
	}
}

func TestStoryImport_Run_KeylessRowsMatchByTitle(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	csv := "Title,Status,Parent\nWrite release notes,Todo,Docs refresh\n"
	in := writeTemp(t, "notes.csv", []byte(csv))
	mustRun(t, db, "story", "import", in)
	out := mustRun(t, db, "story", "import", writeTemp(t, "notes2.csv", []byte(strings.Replace(csv, "Todo", "Done", 1))))
	if !strings.Contains(out, `updated    line 2 "Write release notes": status todo → done`) {
		t.Errorf("keyless re-import:\n%s", out)
	}
	if n := strings.Count(storyLines(t, db), "Write release notes"); n != 1 {
		t.Errorf("keyless story listed %d times, want once", n)
	}
}

// checkImportRefused checks a refused story import: its error says want,
// stderr says each of stderr, it printed no report, and the workspace at
// db still hashes to before.
func checkImportRefused(t *testing.T, r result, db, before, want string, stderr []string) {
	t.Helper()
	if r.err == nil || !strings.Contains(r.err.Error(), want) {
		t.Fatalf("error %v, want %q", r.err, want)
	}
	for _, w := range stderr {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
		}
	}
	if r.stdout != "" {
		t.Errorf("a refused import printed a report:\n%s", r.stdout)
	}
	if fileHash(t, db) != before {
		t.Errorf("the workspace file changed")
	}
}
