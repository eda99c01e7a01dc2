package export

import (
	"encoding/json"
	"io"
	"time"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// The --json documents: status and every list command print one JSON
// document, indented by two spaces, with the shape README.md documents
// ("JSON output"). Keys are snake_case and always present; an absent value
// is null, an empty list is []. New keys may be added; none is renamed or
// removed. The types here are those documents; the functions build them
// from model values, and EncodeJSON writes them.

// EncodeJSON writes v to w as one JSON document indented by two spaces,
// with "<", ">" and "&" left as they are, and a final newline.
func EncodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// JSONDate is a calendar day as "YYYY-MM-DD" (model.DateLayout, in UTC), or
// nil (null in JSON) when t is zero.
func JSONDate(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.UTC().Format(model.DateLayout)
	return &s
}

// jsonID is an id as a string, or null when uuid.Nil.
func jsonID(id uuid.UUID) *string {
	if id == uuid.Nil {
		return nil
	}
	s := id.String()
	return &s
}

// JSONRef names another record by id and its name (the title for
// objectives and goals): the "ref" of README.md's "JSON output".
type JSONRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// refOf returns a JSONRef, or nil when id is uuid.Nil.
func refOf(id uuid.UUID, name string) *JSONRef {
	if id == uuid.Nil {
		return nil
	}
	return &JSONRef{ID: id.String(), Name: name}
}

// sprintRef names sprint d.
func sprintRef(d model.SprintData) JSONRef {
	return JSONRef{ID: d.Sprint.ID.String(), Name: d.Sprint.Name}
}

// goalTitles maps each goal's id to its title.
func goalTitles(goals []model.Goal) map[uuid.UUID]string {
	title := map[uuid.UUID]string{}
	for _, g := range goals {
		title[g.ID] = g.Title
	}
	return title
}

// nonNil returns s, or an empty slice for nil, so that JSON shows [].
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// JSONSprint is a sprint's header, in status --json and sprint list --json.
type JSONSprint struct {
	ID    string  `json:"id"`
	Name  string  `json:"name"`
	Goal  string  `json:"goal"`
	Start *string `json:"start"`
	End   *string `json:"end"`
	State string  `json:"state"`
}

// sprintJSON is sp's header.
func sprintJSON(sp model.Sprint) JSONSprint {
	return JSONSprint{ID: sp.ID.String(), Name: sp.Name, Goal: sp.Goal, Start: JSONDate(sp.Start), End: JSONDate(sp.End), State: string(sp.State)}
}
