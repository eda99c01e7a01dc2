package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// Tracker command-line tools whose JSON ParseTrackerJSON reads, as named
// by `align story import --from`.
const (
	// SourceGHIssues is `gh issue list --json number,title,state,labels,milestone,url`.
	SourceGHIssues = "gh-issues"
	// SourceGHProject is `gh project item-list N --owner O --format json`.
	SourceGHProject = "gh-project"
	// SourceJira is jira-cli's `jira issue list --raw` (ankitpokhrel/jira-cli).
	SourceJira = "jira"
	// SourceGlab is `glab issue list --output json`.
	SourceGlab = "glab"
)

// TrackerSources lists the sources ParseTrackerJSON accepts, in the order
// help text names them.
var TrackerSources = []string{SourceGHIssues, SourceGHProject, SourceJira, SourceGlab}

// JSONLayout is the TrackerImport.Layout of a document read from source.
func JSONLayout(source string) string { return "json-" + source }

// MaxTrackerJSONSize is the largest document ParseTrackerJSON reads, in
// bytes; the limit is enforced while reading.
const MaxTrackerJSONSize = MaxTrackerCSVSize

// trackerCommands are the command lines whose output each source is.
var trackerCommands = map[string]string{
	SourceGHIssues:  "gh issue list --json number,title,state,labels,milestone,url",
	SourceGHProject: "gh project item-list N --owner OWNER --format json",
	SourceJira:      "jira issue list --raw",
	SourceGlab:      "glab issue list --output json",
}

// TrackerCommand is the command line whose output source names.
func TrackerCommand(source string) string { return trackerCommands[source] }

// ParseTrackerJSON reads stories from what a tracker's own command-line
// tool prints (see the Source constants), so that align never needs the
// tracker's credentials. Each item of the document becomes a TrackerRow, a
// Problem or a Skipped entry under exactly the rules of ParseTrackerCSV
// (statuses, points, titles, repeated keys, canceled work), numbered by its
// 1-based position in the list (TrackerImport.Unit is UnitItem).
//
// What each item gives:
//   - gh-issues: key owner/repo#N from the url (else #N), title, status
//     from the state (OPEN → todo, or doing when a label names a status in
//     progress; CLOSED → done, canceled when its stateReason is NOT_PLANNED),
//     parent from the milestone's title; no points.
//   - gh-project: key from the content's url (draft issues have none), the
//     content's title, the project's Status field, points from a number
//     field called Estimate, Story Points or Points, parent from the
//     Milestone field.
//   - jira: key, summary, the status's name (its statusCategory when the
//     name is not one align knows and the document carries it), parent from
//     the parent's summary when present; jira-cli prints no story points.
//   - glab: key group/project#N from references.full, title, state (opened
//     → todo or doing by label, closed → done), points from the weight,
//     parent from the epic's title, else the milestone's.
//
// mapping holds --map overrides, a key of each item (for jira, of its
// "fields") → key, title, status, points or parent; the value may be a
// string, a number, or an object whose title or name is read.
//
// The error is for a document that cannot be used at all, and nothing of it
// is returned: an unknown source, larger than MaxTrackerJSONSize, not UTF-8,
// not valid JSON (with the line and column), trailing data after it, the
// wrong shape for the tool (e.g. gh project output given as gh-issues), more
// than MaxTrackerRows items, or a --map naming a field no item has.
func ParseTrackerJSON(r io.Reader, source string, mapping map[string]string) (TrackerImport, error) {
	cmd, ok := trackerCommands[source]
	if !ok {
		return TrackerImport{}, fmt.Errorf("unknown tracker %q; use csv, %s", source, strings.Join(TrackerSources, ", "))
	}
	fail := func(format string, args ...any) (TrackerImport, error) {
		return TrackerImport{}, fmt.Errorf("%s JSON: %s", source, fmt.Sprintf(format, args...))
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxTrackerJSONSize+1))
	if err != nil {
		return fail("reading: %v", err)
	}
	if len(data) > MaxTrackerJSONSize {
		return fail("larger than the %d MiB limit; list fewer issues at a time", MaxTrackerJSONSize>>20)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return fail("the input is empty; expected what `%s` prints", cmd)
	}
	if !utf8.Valid(data) {
		return fail("the input is not UTF-8 text; pipe the tool's output in unchanged")
	}
	items, err := jsonItems(data, source)
	if err != nil {
		return fail("%v; expected what `%s` prints", err, cmd)
	}
	if len(items) > MaxTrackerRows {
		return fail("more than %d items; import at most %d stories at a time", MaxTrackerRows, MaxTrackerRows)
	}
	objs, err := itemObjects(items, source)
	if err != nil {
		return fail("%v", err)
	}
	if err := checkJSONMapping(objs, mapping); err != nil {
		return fail("%v", err)
	}
	p := trackerParser{keys: map[string]int{}}
	p.out.Layout, p.out.Unit = JSONLayout(source), UnitItem
	where := func(f trackerField) string { return fmt.Sprintf("field %q", jsonFieldNames[source][f]) }
	for i, raw := range items {
		n := i + 1
		v, msg := readItem(source, raw)
		if msg == "" {
			msg = applyJSONMapping(&v, objs[i], mapping)
		}
		if msg != "" {
			p.problem(n, "%s", msg)
			continue
		}
		p.add(n, v, where)
	}
	return p.out, nil
}

// jsonItems decodes the document as exactly one JSON value and returns the
// list of items the source prints: a top-level array (gh-issues, glab,
// jira-cli), gh project's {"items": [...], "totalCount": N}, or a Jira REST
// search result's {"issues": [...]}.
func jsonItems(data []byte, source string) ([]json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var top json.RawMessage
	if err := dec.Decode(&top); err != nil {
		return nil, describeJSONError(data, err)
	}
	end := dec.InputOffset()
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		rest := data[end:]
		line, col := lineCol(data, end+int64(len(rest)-len(bytes.TrimLeft(rest, " \t\r\n"))))
		return nil, fmt.Errorf("more data follows the JSON document at line %d, column %d (one document is read)", line, col)
	}
	trimmed := bytes.TrimSpace(top)
	switch {
	case trimmed[0] == '[' && source != SourceGHProject:
		var items []json.RawMessage
		return items, json.Unmarshal(trimmed, &items)
	case trimmed[0] == '{' && source == SourceGHProject:
		var doc struct {
			Items      *[]json.RawMessage `json:"items"`
			TotalCount *json.Number       `json:"totalCount"`
		}
		if err := json.Unmarshal(trimmed, &doc); err != nil || doc.Items == nil {
			return nil, errors.New(`the document has no "items" list`)
		}
		return *doc.Items, nil
	case trimmed[0] == '{' && source == SourceJira:
		var doc struct {
			Issues *[]json.RawMessage `json:"issues"`
		}
		if err := json.Unmarshal(trimmed, &doc); err != nil || doc.Issues == nil {
			return nil, errors.New(`the document is an object without an "issues" list`)
		}
		return *doc.Issues, nil
	case trimmed[0] == '{':
		var probe map[string]json.RawMessage
		_ = json.Unmarshal(trimmed, &probe)
		if _, ok := probe["items"]; ok {
			return nil, errors.New("the document is an object with \"items\", as `gh project item-list` prints; use --from gh-project")
		}
		return nil, errors.New("the document is an object, not the list of issues")
	case source == SourceGHProject:
		return nil, errors.New("the document is a list, not gh project's {\"items\": [...]} (is it `gh issue list` output? then use --from gh-issues)")
	}
	return nil, fmt.Errorf("the document is %s, not a list of issues", jsonKind(trimmed))
}

// itemObjects decodes each item as an object, for --map and for naming the
// wrong tool: when no item carries the field every item of source has, the
// document is another tool's output and is refused whole.
func itemObjects(items []json.RawMessage, source string) ([]map[string]json.RawMessage, error) {
	objs := make([]map[string]json.RawMessage, len(items))
	need := requiredField[source]
	found := len(items) == 0
	for i, raw := range items {
		var m map[string]json.RawMessage
		if json.Unmarshal(raw, &m) != nil {
			continue // readItem reports it, naming the item
		}
		if _, ok := m[need]; ok {
			found = true
		}
		if source == SourceJira {
			var f map[string]json.RawMessage
			_ = json.Unmarshal(m["fields"], &f)
			m = f
		}
		objs[i] = m
	}
	if !found {
		return nil, fmt.Errorf("no item has a %q field, which `%s` always prints; is this another tool's output? (--from %s)",
			need, trackerCommands[source], strings.Join(TrackerSources, ", --from "))
	}
	return objs, nil
}

// requiredField is a field every item of the source carries and the other
// sources' items do not.
var requiredField = map[string]string{
	SourceGHIssues: "number", SourceGHProject: "content", SourceJira: "key", SourceGlab: "iid",
}

// checkJSONMapping refuses a --map naming a field that no item has: most
// likely a typo, which would otherwise read as blank everywhere.
func checkJSONMapping(objs []map[string]json.RawMessage, mapping map[string]string) error {
	if len(objs) == 0 {
		return nil
	}
	names := make([]string, 0, len(mapping))
	for name := range mapping {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		seen := map[string]bool{}
		for _, m := range objs {
			if _, ok := lookupField(m, name); ok {
				seen = nil
				break
			}
			for k := range m {
				seen[k] = true
			}
		}
		if seen != nil {
			keys := make([]string, 0, len(seen))
			for k := range seen {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			return fmt.Errorf("--map %q: no item has a field %q; the items' fields are %s", name+"="+mapping[name], name, strings.Join(keys, ", "))
		}
	}
	return nil
}

// lookupField finds name among m's keys: exactly, else ignoring case and
// spacing as header names are matched.
func lookupField(m map[string]json.RawMessage, name string) (json.RawMessage, bool) {
	if v, ok := m[name]; ok {
		return v, true
	}
	for k, v := range m {
		if normHeader(k) == normHeader(name) {
			return v, true
		}
	}
	return nil, false
}

// applyJSONMapping overrides v's fields with the --map fields of the item
// obj; a missing field reads as blank (gh project leaves out fields that
// have no value), and missing points leave the story's points as they are.
// It returns a message for a value that is not text.
func applyJSONMapping(v *trackerValues, obj map[string]json.RawMessage, mapping map[string]string) string {
	for name, field := range mapping {
		raw, found := lookupField(obj, name)
		text, err := scalarText(raw)
		if err != nil {
			return fmt.Sprintf("field %q (--map %s=%s) %v", name, name, field, err)
		}
		f, _ := parseField(field)
		switch f {
		case fieldKey:
			v.key = keyText(text)
		case fieldTitle:
			v.title = text
		case fieldStatus:
			v.status, v.category, v.hasCategory = text, "", false
		case fieldPoints:
			v.points, v.keepPoints = text, !found
		case fieldParent:
			v.parent = text
		}
	}
	return ""
}
