package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/align-team/align/model"
)

// The items as each tool prints them, as far as align reads them; other
// fields are ignored, since the tools add fields over time and print what
// the user asks for. A field of the wrong type makes the item a problem.
// Sources: cli/cli pkg/cmd/project/shared/format/json.go (gh project's
// items: "id", "content" {type, title, number, repository, url} and one
// camelCased key per project field holding its value) and api's IssueFields
// (gh issue list --json); ankitpokhrel/jira-cli internal/cmd/issue/list
// (--raw marshals []jira.Issue: key, fields{summary, status{name},
// parent{key}, ...}); glab prints GitLab's REST issues (iid, title, state
// "opened"/"closed", labels as strings, milestone, epic, weight, web_url,
// references{short, relative, full}).
type (
	ghIssueItem struct {
		Number      *int64 `json:"number"`
		Title       string `json:"title"`
		State       string `json:"state"`
		StateReason string `json:"stateReason"`
		URL         string `json:"url"`
		Labels      []struct {
			Name string `json:"name"`
		} `json:"labels"`
		Milestone *titled `json:"milestone"`
	}
	ghProjectItem struct {
		ID      string `json:"id"`
		Content *struct {
			Type  string `json:"type"`
			Title string `json:"title"`
			URL   string `json:"url"`
		} `json:"content"`
		Title string `json:"title"`
	}
	jiraItem struct {
		Key    *string `json:"key"`
		Fields *struct {
			Summary string `json:"summary"`
			Status  *struct {
				Name           string `json:"name"`
				StatusCategory *struct {
					Key  string `json:"key"`
					Name string `json:"name"`
				} `json:"statusCategory"`
			} `json:"status"`
			Parent *struct {
				Fields *struct {
					Summary string `json:"summary"`
				} `json:"fields"`
			} `json:"parent"`
		} `json:"fields"`
	}
	glabItem struct {
		IID        *int64   `json:"iid"`
		Title      string   `json:"title"`
		State      string   `json:"state"`
		WebURL     string   `json:"web_url"`
		Labels     []string `json:"labels"`
		Weight     *int64   `json:"weight"`
		Milestone  *titled  `json:"milestone"`
		Epic       *titled  `json:"epic"`
		References *struct {
			Full string `json:"full"`
		} `json:"references"`
	}
	titled struct {
		Title string `json:"title"`
	}
)

// jsonFieldNames name, per source, the field each value comes from.
var jsonFieldNames = map[string][numFields]string{
	SourceGHIssues:  {"url", "title", "state", "", "milestone"},
	SourceGHProject: {"content.url", "content.title", "status", "estimate", "milestone"},
	SourceJira:      {"key", "fields.summary", "fields.status.name", "", "fields.parent.fields.summary"},
	SourceGlab:      {"references.full", "title", "state", "weight", "epic"},
}

// readItem decodes one item of source into its values, or returns a
// message saying why it cannot be read.
func readItem(source string, raw json.RawMessage) (trackerValues, string) {
	switch source {
	case SourceGHIssues:
		var it ghIssueItem
		if err := strictItem(raw, &it); err != "" {
			return trackerValues{}, err
		}
		v := trackerValues{title: it.Title, status: openClosed(it.State, labelNames(it.Labels)), key: githubRef(it.URL), keepPoints: true}
		if v.key == "" && it.Number != nil {
			v.key = fmt.Sprintf("#%d", *it.Number)
		}
		if strings.EqualFold(it.StateReason, "not_planned") {
			v.status = "not planned"
		}
		if it.Milestone != nil {
			v.parent = it.Milestone.Title
		}
		return v, ""
	case SourceGHProject:
		return readProjectItem(raw)
	case SourceJira:
		return readJiraItem(raw)
	}
	var it glabItem
	if err := strictItem(raw, &it); err != "" {
		return trackerValues{}, err
	}
	// GitLab prints a weight of 0 (or null) for an issue without one.
	v := trackerValues{title: it.Title, status: openClosed(it.State, it.Labels), key: gitlabRef(it), keepPoints: true}
	if it.Weight != nil && *it.Weight != 0 {
		v.points, v.keepPoints = fmt.Sprint(*it.Weight), false
	}
	switch {
	case it.Epic != nil && it.Epic.Title != "":
		v.parent = it.Epic.Title
	case it.Milestone != nil:
		v.parent = it.Milestone.Title
	}
	return v, ""
}

// projectPoints are the names gh gives a project's number field for points,
// camelCased from the field's name as gh does (only the first letter
// lowered).
var projectPoints = []string{"estimate", "story Points", "storyPoints", "story points", "points"}

func readProjectItem(raw json.RawMessage) (trackerValues, string) {
	var it ghProjectItem
	if err := strictItem(raw, &it); err != "" {
		return trackerValues{}, err
	}
	var m map[string]json.RawMessage
	_ = json.Unmarshal(raw, &m)
	v := trackerValues{title: it.Title, keepPoints: true}
	if it.Content != nil {
		v.key = githubRef(it.Content.URL)
		if it.Content.Title != "" {
			v.title = it.Content.Title
		}
	}
	for _, f := range []struct {
		to    *string
		names []string
	}{{&v.status, []string{"status"}}, {&v.points, projectPoints}, {&v.parent, []string{"milestone"}}} {
		for _, name := range f.names {
			if raw, ok := m[name]; ok {
				text, err := scalarText(raw)
				if err != nil {
					return trackerValues{}, fmt.Sprintf("field %q %v", name, err)
				}
				*f.to = text
				if f.to == &v.points {
					v.keepPoints = false
				}
				break
			}
		}
	}
	return v, ""
}

func readJiraItem(raw json.RawMessage) (trackerValues, string) {
	var it jiraItem
	if err := strictItem(raw, &it); err != "" {
		return trackerValues{}, err
	}
	if it.Key == nil || it.Fields == nil {
		return trackerValues{}, `has no "key" or no "fields"; jira issue list --raw prints both for every issue`
	}
	v := trackerValues{key: model.Sanitize(*it.Key, false), title: it.Fields.Summary, keepPoints: true}
	if st := it.Fields.Status; st != nil {
		v.status = st.Name
		if c := st.StatusCategory; c != nil {
			v.hasCategory = true
			v.category = jiraCategories[strings.ToLower(c.Key)]
			if v.category == "" {
				v.category = c.Name
			}
		}
	}
	if p := it.Fields.Parent; p != nil && p.Fields != nil {
		v.parent = p.Fields.Summary
	}
	return v, ""
}

// jiraCategories map the keys of Jira's three status categories.
var jiraCategories = map[string]string{"new": "to do", "indeterminate": "in progress", "done": "done"}

// strictItem decodes raw into it, turning a type mismatch into a message
// naming the field and what was found there.
func strictItem(raw json.RawMessage, it any) string {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	err := dec.Decode(it)
	if err == nil {
		return ""
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		if te.Field == "" {
			return fmt.Sprintf("is %s, not an object describing an issue", jsonKind(raw))
		}
		found := map[string]string{"array": "a list", "object": "an object", "bool": "true or false", "string": "a string"}[te.Value]
		if found == "" {
			found = "a " + te.Value
		}
		return fmt.Sprintf("field %q is %s; the tool prints %s there", te.Field, found, jsonTypeName(te.Type.Kind().String()))
	}
	return "cannot be read: " + err.Error()
}

func jsonTypeName(kind string) string {
	switch kind {
	case "string":
		return "a string"
	case "struct", "map", "ptr":
		return "an object"
	case "slice":
		return "a list"
	case "bool":
		return "true or false"
	}
	return "a number"
}

// openClosed turns an open/closed state into a status ParseTrackerCSV's
// rules know: an open issue with a label naming a status in progress
// ("in progress", GitLab's scoped "workflow::in review") is doing.
func openClosed(state string, labels []string) string {
	switch strings.ToLower(strings.TrimSpace(state)) {
	case "open", "opened":
		for _, l := range labels {
			if _, after, ok := strings.Cut(l, "::"); ok {
				l = after
			}
			if st, ok := trackerStatus(l); ok && st == model.StoryDoing {
				return l
			}
		}
		return "open"
	case "closed":
		return "closed"
	}
	return state
}

func labelNames(ls []struct {
	Name string `json:"name"`
}) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.Name
	}
	return out
}

// gitlabRef is a glab issue's key: references.full ("group/project#12"),
// else derived from its web_url, else "#iid".
func gitlabRef(it glabItem) string {
	if it.References != nil && it.References.Full != "" {
		return model.Sanitize(it.References.Full, false)
	}
	if u, err := url.Parse(it.WebURL); err == nil && it.WebURL != "" {
		if path, n, ok := strings.Cut(strings.Trim(u.Path, "/"), "/-/issues/"); ok && isDigits(n) {
			return path + "#" + n
		}
	}
	if it.IID != nil {
		return fmt.Sprintf("#%d", *it.IID)
	}
	return ""
}

// keyText is a --map key: a GitHub URL shortened as the CSV reader does.
func keyText(s string) string {
	s = model.Sanitize(s, false)
	if ref := githubRef(s); ref != "" {
		return ref
	}
	return s
}

// scalarText is the text of a field's value: a string, a number's digits,
// "" for null or a missing field, or the title (else name) of an object
// such as a milestone or an iteration.
func scalarText(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	switch raw[0] {
	case '"':
		var s string
		err := json.Unmarshal(raw, &s)
		return s, err
	case '{':
		var o struct {
			Title *string `json:"title"`
			Name  *string `json:"name"`
		}
		if err := json.Unmarshal(raw, &o); err == nil {
			if o.Title != nil {
				return *o.Title, nil
			}
			if o.Name != nil {
				return *o.Name, nil
			}
		}
		return "", errors.New("is an object without a title or name")
	case '[', 't', 'f':
		return "", fmt.Errorf("is %s, not text or a number", jsonKind(raw))
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err != nil {
		return "", err
	}
	return n.String(), nil
}

// jsonKind names the kind of a JSON value for messages.
func jsonKind(raw []byte) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "empty"
	}
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "a list"
	case '"':
		return "a string"
	case 't', 'f':
		return "true or false"
	case 'n':
		return "null"
	}
	return "a number"
}

// describeJSONError explains a syntax error by line and column.
func describeJSONError(data []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line, col := lineCol(data, se.Offset-1)
		return fmt.Errorf("not valid JSON at line %d, column %d: %v", line, col, se)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		line, col := lineCol(data, int64(len(data)))
		return fmt.Errorf("the JSON ends early at line %d, column %d (was the output cut off?)", line, col)
	}
	return fmt.Errorf("not valid JSON: %v", err)
}

// lineCol turns a byte offset into a 1-based line and column.
func lineCol(data []byte, off int64) (int, int) {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line := bytes.Count(before, []byte{'\n'}) + 1
	col := len(before) - bytes.LastIndexByte(before, '\n')
	return line, col
}
