package export

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/align-team/align/model"
)

func TestParseTrackerJSON_Tools(t *testing.T) {
	const (
		todo  = model.StoryTodo
		doing = model.StoryDoing
		done  = model.StoryDone
	)
	tests := []struct {
		file, source string
		mapping      map[string]string
		want         TrackerImport
	}{
		{
			// A label in progress makes an open issue doing; NOT_PLANNED is
			// left out; the milestone is the parent.
			file: "gh_issues.json", source: SourceGHIssues,
			want: TrackerImport{Layout: "json-gh-issues", Unit: UnitItem,
				Rows: []TrackerRow{
					{Line: 1, Key: "acme/shop#41", Title: "Remember the card for next time", Status: doing, Parent: "Checkout in three steps", KeepPoints: true},
					{Line: 2, Key: "acme/shop#42", Title: "Drop the address step for digital goods", Status: done, Parent: "Checkout in three steps", KeepPoints: true},
					{Line: 3, Key: "acme/shop#43", Title: "Typo tolerance in product search", Status: todo, Parent: "faster search", KeepPoints: true},
				},
				Skipped: []RowProblem{{Line: 4, Msg: `acme/shop#44 "Old search page": status "not planned" means it will not be done; left out`}},
			},
		},
		{
			// Emoji statuses, a decimal estimate rounded, a pull request
			// keyed like an issue, a draft without a key and without status.
			file: "gh_project.json", source: SourceGHProject,
			want: TrackerImport{Layout: "json-gh-project", Unit: UnitItem,
				Rows: []TrackerRow{
					{Line: 1, Key: "acme/shop#41", Title: "Remember the card for next time", Status: doing, Points: 5, Parent: "Checkout in three steps"},
					{Line: 2, Key: "acme/shop#57", Title: "Drop the address step for digital goods", Status: done, Points: 3, Parent: "Checkout in three steps"},
					{Line: 3, Title: "Search suggestions while typing", Status: todo, Parent: "Faster search", KeepPoints: true},
				},
			},
		},
		{
			file: "jira_cli.json", source: SourceJira,
			want: TrackerImport{Layout: "json-jira", Unit: UnitItem,
				Rows: []TrackerRow{
					{Line: 1, Key: "SHOP-1", Title: "Pay with a saved card", Status: done, KeepPoints: true},
					{Line: 2, Key: "SHOP-2", Title: "Remove the address step", Status: doing, KeepPoints: true},
					{Line: 3, Key: "SHOP-4", Title: "Guest checkout", Status: todo, KeepPoints: true},
				},
			},
		},
		{
			// The epic wins over the milestone (a sprint); a scoped label
			// in review is doing; the weight is the points.
			file: "glab.json", source: SourceGlab,
			want: TrackerImport{Layout: "json-glab", Unit: UnitItem,
				Rows: []TrackerRow{
					{Line: 1, Key: "acme/shop#12", Title: "Remember the card for next time", Status: doing, Points: 5, Parent: "Checkout in three steps"},
					{Line: 2, Key: "acme/shop#13", Title: "Typo tolerance in product search", Status: done, Parent: "Faster search", KeepPoints: true},
				},
			},
		},
		{
			// --map reads the sprint iteration's title as the parent.
			file: "gh_project.json", source: SourceGHProject, mapping: map[string]string{"Sprint": "parent"},
			want: TrackerImport{Layout: "json-gh-project", Unit: UnitItem,
				Rows: []TrackerRow{
					{Line: 1, Key: "acme/shop#41", Title: "Remember the card for next time", Status: doing, Points: 5, Parent: "Sprint 14"},
					{Line: 2, Key: "acme/shop#57", Title: "Drop the address step for digital goods", Status: done, Points: 3},
					{Line: 3, Title: "Search suggestions while typing", Status: todo, KeepPoints: true},
				},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.source, func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata", "tracker", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got, err := ParseTrackerJSON(f, tt.source, tt.mapping)
			if err != nil {
				t.Fatalf("ParseTrackerJSON: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

func TestParseTrackerJSON_ItemProblems(t *testing.T) {
	doc := `[
 {"number": 1, "title": "Fine", "state": "OPEN", "url": "https://github.com/a/b/issues/1"},
 {"number": "2", "title": "Number as text", "state": "OPEN"},
 {"number": 3, "title": "", "state": "OPEN"},
 {"number": 4, "title": "Odd state", "state": "DRAFT"},
 "not an issue",
 {"number": 6, "title": "Repeat", "state": "OPEN", "url": "https://github.com/a/b/issues/1"}
]`
	got, err := ParseTrackerJSON(strings.NewReader(doc), SourceGHIssues, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []RowProblem{
		{Line: 2, Msg: `field "number" is a string; the tool prints a number there`},
		{Line: 3, Msg: `the title (field "title") is empty`},
		{Line: 4, Msg: `status "DRAFT" is not one align knows; in the file, use a status such as To Do, In Progress, Done or Canceled (or todo, doing, done)`},
		{Line: 5, Msg: `is a string, not an object describing an issue`},
		{Line: 6, Msg: `key "a/b#1" repeats the key of item 1; each issue may appear once`},
	}
	if !reflect.DeepEqual(got.Problems, want) {
		t.Errorf("problems\n%+v\nwant\n%+v", got.Problems, want)
	}
	if len(got.Rows) != 1 || got.Where(2) != "item 2" {
		t.Errorf("rows %+v, Where(2) = %q", got.Rows, got.Where(2))
	}
}

// TestParseTrackerJSON_RefusedWhole: a document that cannot be used is
// refused with an error that says why, and returns nothing.
func TestParseTrackerJSON_RefusedWhole(t *testing.T) {
	glab, err := os.ReadFile(filepath.Join("testdata", "tracker", "glab.json"))
	if err != nil {
		t.Fatal(err)
	}
	big := append([]byte(`["`), bytes.Repeat([]byte("x"), MaxTrackerJSONSize)...)
	tests := []struct {
		name, source, doc, want string
		mapping                 map[string]string
	}{
		{"syntax", SourceGHIssues, "[\n {\"number\": 1,\n  \"title\": \"x\"\n  \"state\": \"OPEN\"}\n]", "not valid JSON at line 4, column 3", nil},
		{"cut off", SourceJira, `[{"key": "SHOP-1", "fields": {"summary": "x"`, "the JSON ends early at line 1", nil},
		{"trailing", SourceGHIssues, `[] []`, "more data follows the JSON document at line 1, column 4", nil},
		{"empty", SourceGlab, "  \n", "the input is empty; expected what `glab issue list --output json` prints", nil},
		{"not utf8", SourceGHIssues, "[{\"number\": 1, \"title\": \"caf\xe9\"}]", "not UTF-8", nil},
		{"too large", SourceGHIssues, string(big), "larger than the 16 MiB limit", nil},
		{"project as issues", SourceGHIssues, `{"items": [], "totalCount": 0}`, "use --from gh-project", nil},
		{"issues as project", SourceGHProject, `[{"number": 1}]`, "use --from gh-issues", nil},
		{"glab as gh", SourceGHIssues, string(glab), `no item has a "number" field`, nil},
		{"scalar", SourceJira, `42`, "the document is a number, not a list of issues", nil},
		{"unknown source", "trello", `[]`, `unknown tracker "trello"`, nil},
		{"map typo", SourceGlab, string(glab), `--map "wieght=points": no item has a field "wieght"`, map[string]string{"wieght": "points"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseTrackerJSON(strings.NewReader(tt.doc), tt.source, tt.mapping)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
			if !reflect.DeepEqual(got, TrackerImport{}) {
				t.Errorf("a refused document returned %+v", got)
			}
		})
	}
}

func TestParseTrackerJSON_JiraRESTCategories(t *testing.T) {
	doc := `{"startAt": 0, "total": 2, "issues": [
 {"key": "OPS-1", "fields": {"summary": "Rotate keys", "status": {"name": "Waiting for vendor", "statusCategory": {"key": "indeterminate", "name": "In Progress"}},
   "parent": {"key": "OPS-9", "fields": {"summary": "Safer deploys"}}}},
 {"key": "OPS-2", "fields": {"summary": "Audit log", "status": {"name": "Parked", "statusCategory": {"key": "new", "name": "To Do"}}, "customfield_10016": 3}}
]}`
	got, err := ParseTrackerJSON(strings.NewReader(doc), SourceJira, map[string]string{"customfield_10016": "points"})
	if err != nil {
		t.Fatal(err)
	}
	want := []TrackerRow{
		{Line: 1, Key: "OPS-1", Title: "Rotate keys", Status: model.StoryDoing, Parent: "Safer deploys", KeepPoints: true},
		{Line: 2, Key: "OPS-2", Title: "Audit log", Status: model.StoryTodo, Points: 3},
	}
	if !reflect.DeepEqual(got.Rows, want) || len(got.Problems) != 0 {
		t.Errorf("rows %+v problems %+v, want %+v", got.Rows, got.Problems, want)
	}
}
