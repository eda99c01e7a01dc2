package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// trackerFixture reads one of the tools' JSON fixtures, written to the
// shape each tool prints (see export/testdata/tracker).
func trackerFixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "export", "testdata", "tracker", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestStoryImport_Run_FromTools imports each tool's JSON into the seeded
// sprint, imports it again unchanged (nothing written), then once more
// with one status moved on (that story updated, by key).
func TestStoryImport_Run_FromTools(t *testing.T) {
	tests := []struct {
		from, file string
		args       []string
		first      []string
		old, moved string // a status as the tool prints it, then changed
		update     string
	}{
		{"gh-issues", "gh_issues.json", nil,
			[]string{`standard input: gh issue list JSON, 4 items into sprint "Sprint 14"`,
				`added      acme/shop#41 "Remember the card for next time" → Checkout in three steps (doing, no points)`,
				`added      acme/shop#43 "Typo tolerance in product search" → Faster search (todo, no points)`,
				`skipped    item 4: acme/shop#44 "Old search page"`, "3 added, 0 updated, 0 unchanged, 1 skipped."},
			`"number": 43,
    "state": "OPEN"`, `"number": 43,
    "state": "CLOSED"`,
			`updated    acme/shop#43 "Typo tolerance in product search": status todo → done`},
		{"gh-project", "gh_project.json", nil,
			[]string{`gh project item-list JSON, 3 items`,
				`added      acme/shop#57 "Drop the address step for digital goods" → Checkout in three steps (done, 3 points)`,
				`added      item 3 "Search suggestions while typing" → Faster search (todo, no points)`},
			`"estimate": 5,
      "labels": ["enhancement"],`, `"estimate": 8,
      "labels": ["enhancement"],`,
			`updated    acme/shop#41 "Remember the card for next time": points 5 → 8`},
		{"jira", "jira_cli.json", []string{"--objective", "Checkout in three steps"},
			[]string{`jira issue list JSON, 3 items`,
				`updated    SHOP-2 "Remove the address step": status todo → doing`,
				`added      SHOP-4 "Guest checkout" → Checkout in three steps (todo, no points)`,
				"1 added, 1 updated, 1 unchanged, 0 skipped."},
			`"status": {"name": "To Do"}`, `"status": {"name": "Done"}`,
			`updated    SHOP-4 "Guest checkout": status todo → done`},
		{"glab", "glab.json", nil,
			[]string{`glab issue list JSON, 2 items`,
				`added      acme/shop#12 "Remember the card for next time" → Checkout in three steps (doing, 5 points)`,
				`added      acme/shop#13 "Typo tolerance in product search" → Faster search (done, no points)`},
			`"labels": ["checkout", "workflow::in review"]`, `"labels": ["checkout"]`,
			`updated    acme/shop#12 "Remember the card for next time": status doing → todo`},
	}
	for _, tt := range tests {
		t.Run(tt.from, func(t *testing.T) {
			db := newWorkspace(t)
			seedSprint(t, db)
			doc := trackerFixture(t, tt.file)
			args := append([]string{"story", "import", "--from", tt.from, "-"}, tt.args...)
			r := runIn(t, db, strings.NewReader(doc), args...)
			if r.err != nil {
				t.Fatalf("import: %v\n%s", r.err, r.stderr)
			}
			for _, w := range tt.first {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("report lacks %q:\n%s", w, r.stdout)
				}
			}
			before := fileHash(t, db)
			again := runIn(t, db, strings.NewReader(doc), args...)
			if again.err != nil || !strings.Contains(again.stdout, "\n0 added, 0 updated,") {
				t.Errorf("re-import of the same document: %v\n%s", again.err, again.stdout)
			}
			if fileHash(t, db) != before {
				t.Errorf("re-importing the same document changed the workspace")
			}
			if !strings.Contains(doc, tt.old) {
				t.Fatalf("fixture lacks %q", tt.old)
			}
			moved := strings.Replace(doc, tt.old, tt.moved, 1)
			out := runIn(t, db, strings.NewReader(moved), args...)
			if out.err != nil || !strings.Contains(out.stdout, tt.update) || !strings.Contains(out.stdout, "0 added, 1 updated") {
				t.Errorf("re-import after a change: %v, report lacks %q:\n%s", out.err, tt.update, out.stdout)
			}
		})
	}
}

// TestStoryImport_Run_FromToolsRefusedWhole: a malformed document, another
// tool's output, or one bad item refuses the whole import, the reason on
// stderr by item, the workspace byte-identical.
func TestStoryImport_Run_FromToolsRefusedWhole(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	gh := trackerFixture(t, "gh_issues.json")
	oneBad := strings.Replace(gh, `"title": "Typo tolerance in product search"`, `"title": ["Typo"]`, 1)
	oneBad = strings.Replace(oneBad, `"title": "faster search"`, `"title": "Onboarding"`, 1)
	tests := []struct {
		name, from, doc, err string
		stderr               []string
	}{
		{"cut off", "gh-issues", gh[:len(gh)/2], "standard input: gh-issues JSON: the JSON ends early", nil},
		{"syntax", "jira", `[{"key": "SHOP-1",, "fields": {}}]`, "not valid JSON at line 1, column 19", nil},
		{"wrong tool", "gh-issues", trackerFixture(t, "glab.json"), `no item has a "number" field`, nil},
		{"project as issues", "gh-issues", trackerFixture(t, "gh_project.json"), "use --from gh-project", nil},
		{"one bad item", "gh-issues", oneBad, "1 item cannot be used (item 3); nothing was imported: fix the items in the tracker",
			[]string{`standard input item 3: field "title" is a list; the tool prints a string there`}},
		{"unknown tool", "trello", "[]", `--from "trello": use csv, gh-issues, gh-project, jira or glab`, nil},
		{"no parent", "jira", trackerFixture(t, "jira_cli.json"), "no item names a milestone, epic or parent to match an objective; pass --objective O", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := fileHash(t, db)
			r := runIn(t, db, strings.NewReader(tt.doc), "story", "import", "--from", tt.from, "-")
			checkImportRefused(t, r, db, before, tt.err, tt.stderr)
		})
	}
}

func TestStoryImport_Run_FromToolsDryRunAndCap(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	before := fileHash(t, db)
	in := writeTemp(t, "glab.json", []byte(trackerFixture(t, "glab.json")))
	dry := mustRun(t, db, "story", "import", "--from", "glab", in, "--dry-run")
	if !strings.Contains(dry, in+": glab issue list JSON, 2 items") || !strings.Contains(dry, "2 added") ||
		!strings.Contains(dry, "Dry run: nothing was written") || fileHash(t, db) != before {
		t.Errorf("dry run:\n%s", dry)
	}
	src := &spaceReader{left: 1 << 30}
	r := runIn(t, db, src, "story", "import", "--from", "gh-project", "-")
	if r.err == nil || !strings.Contains(r.err.Error(), "larger than the 16 MiB limit") {
		t.Fatalf("error %v, want the 16 MiB limit", r.err)
	}
	if read := int64(1<<30) - src.left; read > 17<<20 {
		t.Errorf("read %d bytes of a 1 GiB stream, want it to stop just past 16 MiB", read)
	}
	if fileHash(t, db) != before {
		t.Errorf("the workspace file changed")
	}
}
