package export

import (
	"reflect"
	"strings"
	"testing"

	"github.com/align-team/align/model"
)

func TestTrackerStatus_Table(t *testing.T) {
	tests := []struct {
		in   string
		want model.StoryStatus
		ok   bool
	}{
		{"", model.StoryTodo, true},
		{"To Do", model.StoryTodo, true},
		{"TODO", model.StoryTodo, true},
		{"Backlog", model.StoryTodo, true},
		{"Open", model.StoryTodo, true},
		{"Triage", model.StoryTodo, true},
		{"New", model.StoryTodo, true},
		{"📋 Backlog", model.StoryTodo, true},
		{"Selected for Development", model.StoryTodo, true},
		{"In Progress", model.StoryDoing, true},
		{"IN_PROGRESS", model.StoryDoing, true},
		{"in-progress", model.StoryDoing, true},
		{"🏗 In progress", model.StoryDoing, true},
		{"In Review", model.StoryDoing, true},
		{"Doing", model.StoryDoing, true},
		{"Started", model.StoryDoing, true},
		{"Review", model.StoryDoing, true},
		{"QA", model.StoryDoing, true},
		{"Blocked", model.StoryDoing, true},
		{"Done", model.StoryDone, true},
		{"✅ Done", model.StoryDone, true},
		{"Closed", model.StoryDone, true},
		{"Resolved", model.StoryDone, true},
		{"Completed", model.StoryDone, true},
		{"Shipped", model.StoryDone, true},
		{"Canceled", statusCanceled, true},
		{"Cancelled", statusCanceled, true},
		{"Won't Do", statusCanceled, true},
		{"Duplicate", statusCanceled, true},
		{"todo", model.StoryTodo, true},
		{"doing", model.StoryDoing, true},
		{"done", model.StoryDone, true},
		{"Parked", "", false},
		{"Done-ish", "", false},
		{"🚀", model.StoryTodo, true}, // nothing but a symbol: blank
	}
	for _, tt := range tests {
		got, ok := trackerStatus(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("trackerStatus(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestTrackerStatus_EveryNameResolves(t *testing.T) {
	for st, names := range trackerStatuses {
		for _, n := range names {
			if got, ok := trackerStatus(n); !ok || got != st {
				t.Errorf("%q resolves to %q, %v; listed under %q", n, got, ok, st)
			}
		}
	}
}

func TestTrackerPoints_Table(t *testing.T) {
	tests := []struct {
		in      string
		want    int
		problem string
	}{
		{"", 0, ""},
		{"0", 0, ""},
		{"3", 3, ""},
		{"3.0", 3, ""},
		{"0.5", 1, ""},
		{"2.4", 2, ""},
		{"2.5", 3, ""},
		{"007", 7, ""},
		{"1000", 1000, ""},
		{"1000.4", 1000, ""},
		{"1000.5", 0, "more than 1000"},
		{"1001", 0, "more than 1000"},
		{strings.Repeat("9", 400), 0, "more than 1000"},
		{"-1", 0, "negative"},
		{"+1", 0, "not a number"},
		{"1e2", 0, "not a number"},
		{"NaN", 0, "not a number"},
		{"Inf", 0, "not a number"},
		{"2,5", 0, "not a number"},
		{"3 pts", 0, "not a number"},
		{".5", 0, "not a number"},
		{"5.", 0, "not a number"},
		{"1.2.3", 0, "not a number"},
	}
	for _, tt := range tests {
		got, problem := trackerPoints(tt.in)
		if got != tt.want || (tt.problem == "") != (problem == "") || !strings.Contains(problem, tt.problem) {
			t.Errorf("trackerPoints(%q) = %d, %q; want %d, %q", tt.in, got, problem, tt.want, tt.problem)
		}
	}
}

func TestGithubRef_Table(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://github.com/acme/web/issues/412", "acme/web#412"},
		{"https://github.com/acme/web/pull/9", "acme/web#9"},
		{"http://ghe.example.com/team/repo/issues/1/", "team/repo#1"},
		{"https://github.com/acme/web/issues/412#issuecomment-1", "acme/web#412"},
		{"https://github.com/acme/web/issues/", ""},
		{"https://github.com/acme/web/issues/x1", ""},
		{"https://github.com/acme/web/discussions/3", ""},
		{"https://github.com/acme/web", ""},
		{"github.com/acme/web/issues/1", ""},
		{"ACT-1", ""},
		{"https://%zz", ""},
		{"http:/// /0/pull/0", ""}, // found by FuzzParseTrackerCSV: the key kept a space
		{"https://github.com/a%1Bb/r/issues/1", ""},
		{"https://github.com/my.org/re_po-2/issues/3", "my.org/re_po-2#3"},
	}
	for _, tt := range tests {
		if got := githubRef(tt.in); got != tt.want {
			t.Errorf("githubRef(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSniffDelimiter_Table(t *testing.T) {
	tests := []struct {
		head string
		want rune
	}{
		{"", ','},
		{"Title", ','},
		{"Issue key,Summary,Status\n", ','},
		{"Title\tURL\tStatus\n", '\t'},
		{"Story;Points;State\n", ';'},
		{"\"a;b;c\",Title\n", ','},
		{"Title\tNotes, more\tStatus\n", '\t'},
		{"a,b\nc\td\te\tf\n", ','}, // only the first line counts
	}
	for _, tt := range tests {
		if got := sniffDelimiter([]byte(tt.head)); got != tt.want {
			t.Errorf("sniffDelimiter(%q) = %q, want %q", tt.head, got, tt.want)
		}
	}
}

func TestParseTrackerMap_Table(t *testing.T) {
	tests := []struct {
		in   []string
		want map[string]string
		err  string
	}{
		{nil, map[string]string{}, ""},
		{[]string{"Story Points=points", " Headline = Title "}, map[string]string{"Story Points": "points", "Headline": "title"}, ""},
		{[]string{"a=b=key"}, map[string]string{"a=b": "key"}, ""},
		{[]string{"Headline"}, nil, "expected COLUMN=FIELD"},
		{[]string{"=title"}, nil, "column name before '=' is empty"},
		{[]string{"Headline=name"}, nil, `"name" is not a field`},
		{[]string{"Headline=title", "headline =key"}, nil, "already mapped"},
	}
	for _, tt := range tests {
		got, err := ParseTrackerMap(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseTrackerMap(%q) error = %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseTrackerMap(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}
