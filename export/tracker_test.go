package export

import (
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/align-team/align/model"
)

func parseTrackerFile(t *testing.T, name string, mapping map[string]string) TrackerImport {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "tracker", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := ParseTrackerCSV(f, mapping)
	if err != nil {
		t.Fatalf("ParseTrackerCSV(%s): %v", name, err)
	}
	return got
}

func parseTracker(t *testing.T, src string, mapping map[string]string) TrackerImport {
	t.Helper()
	got, err := ParseTrackerCSV(strings.NewReader(src), mapping)
	if err != nil {
		t.Fatalf("ParseTrackerCSV: %v\ninput:\n%s", err, src)
	}
	return got
}

func TestParseTrackerCSV_Layouts(t *testing.T) {
	const (
		todo  = model.StoryTodo
		doing = model.StoryDoing
		done  = model.StoryDone
	)
	tests := []struct {
		file    string
		mapping map[string]string
		want    TrackerImport
	}{
		{
			// BOM, CRLF, a multi-line description (so line numbers are not
			// record numbers), a repeated Sprint column, a custom workflow
			// status resolved by Status Category, Won't Do, bad points and a
			// repeated key.
			file: "jira.csv",
			want: TrackerImport{
				Layout: LayoutJira,
				Rows: []TrackerRow{
					{Line: 2, Key: "ACT-101", Title: "As a new user, I can sign up with Google", Status: doing, Points: 5, Parent: "Faster onboarding"},
					{Line: 4, Key: "ACT-102", Title: "Onboarding checklist on first login", Status: done, Points: 3, Parent: "Faster onboarding"},
					{Line: 5, Key: "ACT-103", Title: "Invite teammates from the checklist", Status: doing, Points: 2, Parent: "Faster onboarding"},
					{Line: 6, Key: "ACT-104", Title: "Churn survey on cancel", Status: todo, Parent: "Reduce churn"},
				},
				Problems: []RowProblem{
					{Line: 8, Msg: `points "lots" are not a number; use a whole or decimal number from 0 to 1000, or leave it blank`},
					{Line: 9, Msg: `key "ACT-102" repeats the key of line 4; each issue may appear once`},
				},
				Skipped: []RowProblem{
					{Line: 7, Msg: `ACT-105 "Exit interview emails": status "Won't Do" means it will not be done; left out`},
				},
			},
		},
		{
			// The 30-column Linear header, every other row one field short,
			// a decimal estimate, Canceled, Triage and an unknown status.
			file: "linear.csv",
			want: TrackerImport{
				Layout: LayoutLinear,
				Rows: []TrackerRow{
					{Line: 2, Key: "GRO-11", Title: "Self-serve plan upgrade", Status: doing, Points: 3, Parent: "Self-serve billing"},
					{Line: 3, Key: "GRO-12", Title: "Show invoices in settings", Status: todo, Points: 2, Parent: "Self-serve billing"},
					{Line: 4, Key: "GRO-13", Title: "Annual plan discount banner", Status: todo, Points: 1, Parent: "Self-serve billing"},
					{Line: 5, Key: "GRO-14", Title: "Retry failed card payments", Status: doing, Points: 5, Parent: "Self-serve billing"},
					{Line: 6, Key: "GRO-15", Title: "Dunning email sequence", Status: done, Parent: "Reduce churn"},
					{Line: 8, Key: "GRO-17", Title: "Sort out something", Status: todo},
				},
				Problems: []RowProblem{
					{Line: 9, Msg: `status "Parked" is not one align knows; in the file, use a status such as To Do, In Progress, Done or Canceled (or todo, doing, done)`},
				},
				Skipped: []RowProblem{
					{Line: 7, Msg: `GRO-16 "Legacy coupon import": status "Canceled" means it will not be done; left out`},
				},
			},
		},
		{
			// Tab-separated, emoji statuses, keys from issue and pull
			// request URLs, a draft item with no URL and no status, and the
			// Size select ignored.
			file: "github_projects.tsv",
			want: TrackerImport{
				Layout: LayoutGitHub,
				Rows: []TrackerRow{
					{Line: 2, Key: "acme/web#412", Title: "Dark mode for the dashboard", Status: doing, Points: 3, Parent: "Q2 polish"},
					{Line: 3, Key: "acme/web#415", Title: "Keyboard shortcuts help", Status: todo, Parent: "Q2 polish"},
					{Line: 4, Key: "acme/web#420", Title: "Fix flaky login test", Status: doing, Points: 1},
					{Line: 5, Key: "acme/api#77", Title: "Export to PDF", Status: done, Points: 8, Parent: "Q2 polish"},
					{Line: 6, Title: "Try a new chart library", Status: todo},
				},
			},
		},
		{
			// Semicolon-separated, no known header: --map names the columns
			// (in any case), and Epic is still found for the parent.
			file:    "custom.csv",
			mapping: map[string]string{"Headline": "title", "ticket": "key", "STAGE": "status", " Effort ": "points"},
			want: TrackerImport{
				Layout: LayoutCustom,
				Rows: []TrackerRow{
					{Line: 2, Key: "T-1", Title: "Weekly digest email", Status: doing, Points: 2, Parent: "Engagement"},
					{Line: 3, Key: "T-2", Title: "Unsubscribe link in every email", Status: done, Points: 1, Parent: "Engagement"},
					{Line: 4, Key: "T-3", Title: "Digest preview in settings", Status: todo, Parent: "Engagement"},
				},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := parseTrackerFile(t, tt.file, tt.mapping)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestParseTrackerCSV_Map_Overrides(t *testing.T) {
	const src = "Issue key,Summary,Status,Custom field (Story Points),Custom field (Epic Link),Parent summary,Story Points\n" +
		"ACT-1,Sign up,Done,3,ACT-40,Faster onboarding,8\n"
	tests := []struct {
		name    string
		mapping map[string]string
		want    TrackerRow
	}{
		{"detected", nil, TrackerRow{Line: 2, Key: "ACT-1", Title: "Sign up", Status: model.StoryDone, Points: 3, Parent: "Faster onboarding"}},
		{"epic key as parent", map[string]string{"Custom field (Epic Link)": "parent"},
			TrackerRow{Line: 2, Key: "ACT-1", Title: "Sign up", Status: model.StoryDone, Points: 3, Parent: "ACT-40"}},
		{"other points column", map[string]string{"story points": "points"},
			TrackerRow{Line: 2, Key: "ACT-1", Title: "Sign up", Status: model.StoryDone, Points: 8, Parent: "Faster onboarding"}},
		{"mapped column not reused", map[string]string{"Custom field (Story Points)": "key", "Issue key": "title"},
			TrackerRow{Line: 2, Key: "3", Title: "ACT-1", Status: model.StoryDone, Points: 8, Parent: "Faster onboarding"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := parseTracker(t, src, tt.mapping)
			if got.Layout != LayoutJira || len(got.Problems) != 0 || len(got.Rows) != 1 {
				t.Fatalf("got %+v", got)
			}
			if got.Rows[0] != tt.want {
				t.Errorf("row = %+v, want %+v", got.Rows[0], tt.want)
			}
		})
	}
}

func TestParseTrackerCSV_Errors(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		mapping map[string]string
		want    []string // substrings of the error
	}{
		{"empty", "", nil, []string{"empty", "header"}},
		{"only BOM", "\uFEFF", nil, []string{"empty"}},
		{"only blank lines", "\n\n\r\n", nil, []string{"empty"}},
		{"no title column", "Ticket,Headline,Stage\nT-1,Hello,Done\n", nil,
			[]string{"no title column", `"Ticket", "Headline", "Stage"`, "--map", "COLUMN=title"}},
		{"jira without summary", "Issue key,Status\nA-1,Done\n", nil, []string{"this jira export", `"Issue key", "Status"`}},
		{"map unknown field", "Title\nx\n", map[string]string{"Title": "headline"}, []string{`"headline" is not a field`, "key, title, status, points or parent"}},
		{"map unknown column", "Title\nx\n", map[string]string{"Name": "title"}, []string{`no column "Name"`, `columns found: "Title"`}},
		{"map two columns to one field", "A,B\nx,y\n", map[string]string{"A": "title", "B": "title"}, []string{`both "A" and "B"`}},
		{"map one column twice", "Title,B\nx,y\n", map[string]string{"title": "title", "TITLE": "key"}, []string{`column "Title" twice`}},
		{"header not CSV", "Title,Sta\"tus\nx,y\n", nil, []string{"header row is not valid CSV", "bare"}},
		{"UTF-16", "\xff\xfeT\x00i\x00t\x00l\x00e\x00\n\x00", nil, []string{"UTF-16", "UTF-8"}},
		{"too many rows", "Title\n" + strings.Repeat("story\n", MaxTrackerRows+1), nil, []string{"more than 10000 rows"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseTrackerCSV(strings.NewReader(tt.src), tt.mapping)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestParseTrackerCSV_RowLimit_Accepted(t *testing.T) {
	got := parseTracker(t, "Title\n"+strings.Repeat("story\n", MaxTrackerRows), nil)
	if len(got.Rows) != MaxTrackerRows {
		t.Errorf("rows = %d, want %d", len(got.Rows), MaxTrackerRows)
	}
}

// endless yields 'a' forever and counts what it gave.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	e.n += int64(len(p))
	return len(p), nil
}

func TestParseTrackerCSV_Oversize_StopsReading(t *testing.T) {
	src := &endless{}
	_, err := ParseTrackerCSV(io.MultiReader(strings.NewReader("Title\n"), src), nil)
	if err == nil || !strings.Contains(err.Error(), "16 MiB") {
		t.Fatalf("err = %v, want the size limit", err)
	}
	if src.n > MaxTrackerCSVSize+1<<20 {
		t.Errorf("read %d bytes, want about %d", src.n, MaxTrackerCSVSize)
	}
}

func TestParseTrackerCSV_AtSizeLimit_Accepted(t *testing.T) {
	head := "Title\nstory\n"
	src := head + strings.Repeat(" ", MaxTrackerCSVSize-len(head))
	got := parseTracker(t, src, nil)
	if len(got.Rows) != 1 {
		t.Errorf("got %+v", got)
	}
}

func TestParseTrackerCSV_Problems_ByLine(t *testing.T) {
	long := strings.Repeat("x", model.MaxTitle+1)
	src := strings.Join([]string{
		"Key,Title,Status,Points,Parent",                  // 1
		"K-1,Fine,Done,2,Epic",                            // 2
		`K-2,Says "hi",Done,1,Epic`,                       // 3 bare quote
		"K-3,Too,many,fields,here,extra",                  // 4
		"K-4,,Done,1,Epic",                                // 5 empty title
		"K-5," + long + ",Done,1,Epic",                    // 6
		strings.Repeat("k", model.MaxKey+1) + ",T,Done,,", // 7
		"K-8,Neg,Done,-2,",                                // 8
		"K-9,Huge,Done,1001,",                             // 9
		"k-1,Again,Done,1,",                               // 10 duplicate, other case
		",,,,",                                            // 11 blank: ignored
		"K-12,Parent,Done,1," + long,                      // 12
		"K-13,Two problems,Parked,x,",                     // 13
		"K-14,Extra blank fields,Done,1,,,",               // 14 fine
		`K-15,"unclosed,Done,1,`,                          // 15 to the end
		"K-16,Swallowed,Done,1,",
	}, "\n") + "\n"
	got := parseTracker(t, src, nil)
	type lineMsg struct {
		line int
		has  string
	}
	want := []lineMsg{
		{3, `bare "`},
		{4, "has 6 fields but the header has 5"},
		{5, `the title (column "Title") is empty`},
		{6, "title is 201 characters long; at most 200"},
		{7, "is 65 characters long; at most 64"},
		{8, `points "-2" are negative`},
		{9, `points "1001" are more than 1000`},
		{10, `key "k-1" repeats the key of line 2`},
		{12, "parent (column \"Parent\") is 201 characters long"},
		{13, `status "Parked"`},
		{13, `points "x" are not a number`},
		{15, "not closed properly (read on to line 16)"},
	}
	if len(got.Problems) != len(want) {
		t.Fatalf("problems = %d, want %d:\n%+v", len(got.Problems), len(want), got.Problems)
	}
	for i, w := range want {
		p := got.Problems[i]
		if p.Line != w.line || !strings.Contains(p.Msg, w.has) {
			t.Errorf("problem %d = %+v, want line %d containing %q", i, p, w.line, w.has)
		}
	}
	var lines []int
	for _, r := range got.Rows {
		lines = append(lines, r.Line)
	}
	if !reflect.DeepEqual(lines, []int{2, 14}) {
		t.Errorf("rows on lines %v, want [2 14]", lines)
	}
}

func TestParseTrackerCSV_Text_Sanitized(t *testing.T) {
	src := "Issue key,Summary,Status,Parent summary\n" +
		"\"ACT-\x1b[31m1\",\"\x1b]0;pwned\x07Sign\tup\r\n now \u202e\",\"Done\x1b\",\"  Epic\x00 one \"\n" +
		"ACT-2,\"=HYPERLINK(\"\"http://x\"\")\",Done,\n"
	got := parseTracker(t, src, nil)
	want := []TrackerRow{
		{Line: 2, Key: "ACT-1", Title: "Sign up now", Status: model.StoryDone, Parent: "Epic one", KeepPoints: true},
		{Line: 4, Key: "ACT-2", Title: `=HYPERLINK("http://x")`, Status: model.StoryDone, KeepPoints: true},
	}
	if !reflect.DeepEqual(got.Rows, want) || len(got.Problems) != 0 {
		t.Errorf("got %+v\nwant rows %+v", got, want)
	}
}

func TestParseTrackerCSV_NotUTF8_Problem(t *testing.T) {
	got := parseTracker(t, "Title,Parent\nCaf\xe9 menu,Epic\nTea,Caf\xe9\nFine,Epic\n", nil)
	want := []RowProblem{
		{Line: 2, Msg: `the title (column "Title") is not UTF-8 text; save the file as UTF-8 (in Excel: CSV UTF-8)`},
		{Line: 3, Msg: `the parent (column "Parent") is not UTF-8 text; save the file as UTF-8 (in Excel: CSV UTF-8)`},
	}
	if !reflect.DeepEqual(got.Problems, want) || len(got.Rows) != 1 {
		t.Errorf("got %+v", got)
	}
}

func TestParseTrackerCSV_HeaderOnly_NoRows(t *testing.T) {
	got := parseTracker(t, "ID,Team,Title,Status\n", nil)
	if got.Layout != LayoutLinear || got.Rows != nil || got.Problems != nil {
		t.Errorf("got %+v", got)
	}
}

func TestParseTrackerCSV_Detection(t *testing.T) {
	tests := []struct{ header, layout string }{
		{"Issue key,Summary,Status", LayoutJira},
		{"  ISSUE   KEY ,summary", LayoutJira},
		{"Summary,Issue id,Status", LayoutJira},
		{"ID,Team,Title,Status,Estimate", LayoutLinear},
		{"Title\tURL\tAssignees\tStatus", LayoutGitHub},
		{"Title,Repository,Number,Status", LayoutGitHub},
		{"id,title,status", LayoutCustom},
		{"Story;Points;State", LayoutCustom},
	}
	for _, tt := range tests {
		got := parseTracker(t, tt.header+"\n", nil)
		if got.Layout != tt.layout {
			t.Errorf("%q: layout %q, want %q", tt.header, got.Layout, tt.layout)
		}
	}
}

func TestParseTrackerCSV_GitHubNumber_KeyedByRepository(t *testing.T) {
	src := "Title,Repository,Number,Status\nDark mode,acme/web,412,Done\nDraft,,,\n"
	got := parseTracker(t, src, nil)
	if len(got.Rows) != 2 || got.Rows[0].Key != "acme/web#412" || got.Rows[1].Key != "" {
		t.Errorf("got %+v", got)
	}
}
