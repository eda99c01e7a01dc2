package export

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/align-team/align/model"
)

// trackerField is a story field a column can feed.
type trackerField int

const (
	fieldKey trackerField = iota
	fieldTitle
	fieldStatus
	fieldPoints
	fieldParent
	numFields
)

// trackerFieldNames are the FIELD names of --map COLUMN=FIELD, by trackerField.
var trackerFieldNames = [numFields]string{"key", "title", "status", "points", "parent"}

const fieldList = "key, title, status, points or parent"

func parseField(s string) (trackerField, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	for f, name := range trackerFieldNames {
		if s == name {
			return trackerField(f), true
		}
	}
	return 0, false
}

// trackerColumns says which header column feeds which field; -1 is none.
type trackerColumns struct {
	layout   string
	idx      [numFields]int
	names    [numFields]string // header names as written, for messages
	category int               // Jira's "Status Category", read when Status is unknown
	repo     int               // GitHub's "Repository", prefixing a bare issue number
}

// layoutSpec describes one tracker's export: how to recognise its header
// and, per field, the candidate column names in order of preference
// (normalised as normHeader does).
type layoutSpec struct {
	name   string
	detect func(has func(string) bool) bool
	cols   [numFields][]string
}

// trackerLayouts are tried in order; the last one matches any header.
//
// What each is based on:
//
//   - Jira ("Export CSV (all fields)" / "current fields"): headers as in
//     real exports, e.g. "Issue key,Issue id,Summary,Issue Type,Status,
//     Project key,...,Sprint,Parent,Parent summary,Labels"; custom fields are
//     written "Custom field (NAME)": "Custom field (Story Points)" in
//     company-managed projects, "Custom field (Story point estimate)" in
//     team-managed ones; some columns repeat (Labels, Sprint), so the first
//     matching column is used. "Parent" holds the parent's numeric issue id
//     and "Custom field (Epic Link)" the epic's key, not a title, so only
//     "Parent summary" is read as the parent by default; teams whose
//     objectives are named by epic key can --map "Custom field (Epic
//     Link)=parent". "Status Category" (To Do / In Progress / Done), when
//     exported, resolves custom workflow statuses. Sources: Atlassian's CSV
//     export and import documentation, and header lines of published Jira
//     importers' test fixtures.
//   - Linear (Settings → Import/Export → Export CSV): "ID,Team,Title,
//     Description,Status,Estimate,Priority,Project ID,Project,Creator,
//     Assignee,Labels,Cycle Number,Cycle Name,Cycle Start,Cycle End,Created,
//     Updated,Started,Triaged,Completed,Canceled,Archived,Due Date,Parent
//     issue,...". "Parent issue" holds the parent's identifier (ENG-12), so
//     the parent title is the "Project" name. Real exports have rows one
//     field shorter than the header, which ParseTrackerCSV accepts. Sources:
//     Linear's export documentation and header lines of published Linear
//     CSV importers' fixtures.
//   - GitHub Projects ("Export view data", docs.github.com, "Exporting your
//     project's data"): a tab-separated file of the view's visible fields,
//     by default "Title, URL, Assignees, Status" plus any shown field
//     (Labels, Milestone, Repository, Parent issue, Estimate...). The key is
//     derived from the issue URL as "owner/repo#N" (draft issues have none);
//     the built-in "Size" field is a single select (XS...XL), not points, so
//     it is not read; statuses of the project templates carry emoji, which
//     trackerStatus ignores.
var trackerLayouts = []layoutSpec{
	{
		name:   LayoutJira,
		detect: func(has func(string) bool) bool { return has("issue key") || has("summary") && has("issue id") },
		cols: [numFields][]string{
			fieldKey:    {"issue key"},
			fieldTitle:  {"summary"},
			fieldStatus: {"status"},
			fieldPoints: {"custom field (story points)", "custom field (story point estimate)", "story points", "story point estimate"},
			fieldParent: {"parent summary", "epic link summary"},
		},
	},
	{
		name:   LayoutLinear,
		detect: func(has func(string) bool) bool { return has("id") && has("team") && has("title") },
		cols: [numFields][]string{
			fieldKey:    {"id"},
			fieldTitle:  {"title"},
			fieldStatus: {"status"},
			fieldPoints: {"estimate"},
			fieldParent: {"project"},
		},
	},
	{
		name: LayoutGitHub,
		detect: func(has func(string) bool) bool {
			return has("title") && (has("url") || has("assignees") || has("repository") || has("linked pull requests"))
		},
		cols: [numFields][]string{
			fieldKey:    {"url", "number"},
			fieldTitle:  {"title"},
			fieldStatus: {"status"},
			fieldPoints: {"estimate", "story points", "points"},
			fieldParent: {"parent issue", "milestone"},
		},
	},
	{
		name:   LayoutCustom,
		detect: func(func(string) bool) bool { return true },
		cols: [numFields][]string{
			fieldKey:    {"key", "issue key", "external key", "id", "identifier"},
			fieldTitle:  {"title", "summary", "story", "user story", "name"},
			fieldStatus: {"status", "state"},
			fieldPoints: {"points", "story points", "estimate", "story point estimate"},
			fieldParent: {"objective", "parent", "epic", "parent summary", "project"},
		},
	},
}

// normHeader normalises a header name for matching: sanitised, lower case,
// inner white space collapsed to one space.
func normHeader(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(model.Sanitize(s, false))), " ")
}

// resolveColumns applies the --map overrides, detects the layout and picks
// the column of every other field from it.
func resolveColumns(header []string, mapping map[string]string) (trackerColumns, error) {
	norm := make([]string, len(header))
	for i, h := range header {
		norm[i] = normHeader(h)
	}
	find := func(name string) int { return slices.Index(norm, name) }
	has := func(name string) bool { return find(name) >= 0 }

	cols := trackerColumns{category: -1, repo: -1}
	for f := range cols.idx {
		cols.idx[f] = -1
	}
	claimed := map[int]bool{}
	columns := make([]string, 0, len(mapping))
	for c := range mapping {
		columns = append(columns, c)
	}
	slices.Sort(columns) // deterministic errors
	for _, c := range columns {
		f, ok := parseField(mapping[c])
		if !ok {
			return cols, fmt.Errorf("tracker CSV: --map %s=%s: %q is not a field; use %s", c, mapping[c], mapping[c], fieldList)
		}
		i := find(normHeader(c))
		if i < 0 {
			return cols, fmt.Errorf("tracker CSV: --map %s=%s: the header has no column %q; columns found: %s", c, mapping[c], c, listColumns(header))
		}
		if claimed[i] {
			return cols, fmt.Errorf("tracker CSV: --map maps column %q twice; map each column to one field", header[i])
		}
		if cols.idx[f] >= 0 {
			return cols, fmt.Errorf("tracker CSV: --map maps both %q and %q to %s; map one column per field", header[cols.idx[f]], header[i], trackerFieldNames[f])
		}
		cols.idx[f], cols.names[f] = i, model.Sanitize(header[i], false)
		claimed[i] = true
	}

	var spec layoutSpec
	for _, s := range trackerLayouts {
		if s.detect(has) {
			spec = s
			break
		}
	}
	cols.layout = spec.name
	for f := range numFields {
		if cols.idx[f] >= 0 {
			continue
		}
		for _, name := range spec.cols[f] {
			if i := find(name); i >= 0 && !claimed[i] {
				cols.idx[f], cols.names[f] = i, model.Sanitize(header[i], false)
				claimed[i] = true
				break
			}
		}
	}
	if i := find("status category"); spec.name == LayoutJira && i >= 0 && !claimed[i] {
		cols.category = i
	}
	if i := find("repository"); spec.name == LayoutGitHub && i >= 0 && !claimed[i] && cols.idx[fieldKey] == find("number") {
		cols.repo = i
	}
	if cols.idx[fieldTitle] < 0 {
		what := "this " + spec.name + " export"
		if spec.name == LayoutCustom {
			what = "this file (no Jira, Linear or GitHub Projects header recognised)"
		}
		return cols, fmt.Errorf("tracker CSV: no title column in %s; columns found: %s; name the title column with --map, e.g. --map %q",
			what, listColumns(header), "COLUMN=title")
	}
	return cols, nil
}

// listColumns quotes the header's names for a message, at most 30 of them.
func listColumns(header []string) string {
	const most = 30
	var b strings.Builder
	for i, h := range header {
		if i == most {
			fmt.Fprintf(&b, " and %d more", len(header)-most)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(clip(model.Sanitize(h, false)))
	}
	if len(header) == 0 {
		return "none"
	}
	return b.String()
}

// key reads a row's key: sanitised, a GitHub issue or pull request URL
// shortened to "owner/repo#N", a bare GitHub issue number prefixed with its
// repository.
func (c trackerColumns) key(get func(int) string) string {
	k := model.Sanitize(get(c.idx[fieldKey]), false)
	if k == "" {
		return ""
	}
	if ref := githubRef(k); ref != "" {
		return ref
	}
	if c.repo >= 0 && isDigits(k) {
		if repo := model.Sanitize(get(c.repo), false); repo != "" {
			return repo + "#" + k
		}
	}
	return k
}

// githubRef returns "owner/repo#N" for an http(s) URL whose path is
// /owner/repo/issues/N or /owner/repo/pull/N, on any host (GitHub
// Enterprise included), and "" for anything else.
func githubRef(s string) string {
	if !strings.HasPrefix(s, "https://") && !strings.HasPrefix(s, "http://") {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	if len(parts) != 4 || !githubName(parts[0]) || !githubName(parts[1]) || (parts[2] != "issues" && parts[2] != "pull") || !isDigits(parts[3]) {
		return ""
	}
	return parts[0] + "/" + parts[1] + "#" + parts[3]
}

// githubName reports whether s can be a GitHub owner or repository name:
// ASCII letters, digits, '-', '_' and '.'. Anything else (a space, an
// escaped control character) means the URL is not an issue's.
func githubName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.'
		if !ok {
			return false
		}
	}
	return true
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// ParseTrackerMap parses --map values of the form COLUMN=FIELD, where
// COLUMN is a header name as written in the file and FIELD is key, title,
// status, points or parent, into the mapping ParseTrackerCSV takes. A
// column named twice is an error.
func ParseTrackerMap(specs []string) (map[string]string, error) {
	out := make(map[string]string, len(specs))
	seen := map[string]string{}
	for _, s := range specs {
		i := strings.LastIndex(s, "=")
		if i < 0 {
			return nil, fmt.Errorf("--map %q: expected COLUMN=FIELD, e.g. --map \"Story Points=points\"", s)
		}
		col, field := strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
		if col == "" {
			return nil, fmt.Errorf("--map %q: the column name before '=' is empty", s)
		}
		f, ok := parseField(field)
		if !ok {
			return nil, fmt.Errorf("--map %q: %q is not a field; use %s", s, field, fieldList)
		}
		norm := normHeader(col)
		if prev, dup := seen[norm]; dup {
			return nil, fmt.Errorf("--map %q: column %q is already mapped by --map %q", s, col, prev)
		}
		seen[norm] = s
		out[col] = trackerFieldNames[f]
	}
	return out, nil
}
