package cli

import (
	"encoding/json"
	"time"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
	"github.com/spf13/cobra"
)

// The --json outputs: each command prints one JSON document, indented by
// two spaces, with the shape README.md documents ("JSON output"). Keys are
// snake_case and always present; an absent value is null, an empty list is
// []. New keys may be added; none is renamed or removed.

// jsonFlag registers --json on cmd.
func jsonFlag(cmd *cobra.Command, v *bool) {
	cmd.Flags().BoolVar(v, "json", false, "print JSON (the shape is documented in README.md, \"JSON output\")")
}

// writeJSON prints v as indented JSON.
func (a *app) writeJSON(v any) error {
	enc := json.NewEncoder(a.out())
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// jsonDate is a calendar day as "YYYY-MM-DD", or null when zero.
func jsonDate(t time.Time) *string {
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

// jsonRef names a record by id and its name or title.
type jsonRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// refOf returns a jsonRef, or nil when id is uuid.Nil.
func refOf(id uuid.UUID, name string) *jsonRef {
	if id == uuid.Nil {
		return nil
	}
	return &jsonRef{ID: id.String(), Name: name}
}
