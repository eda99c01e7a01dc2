package export

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/align-team/align/model"
)

// DecodeSummaryRecent reads a summary's header and its newest n sprints,
// and stops: the sprints are newest first, so a roll-up's cost does not
// grow with the teams' history, and the older sprints are not read at all.
// What it reads is checked for unknown fields, types and values as
// DecodeSummary checks them, in one pass; unlike DecodeSummary it lets a
// sprint's field be left out, which then reads as null or empty and
// fails the value checks where that matters (a state, a date, a level, a
// title).
func DecodeSummaryRecent(r io.Reader, n int) (model.TeamSummary, error) {
	dec := json.NewDecoder(io.LimitReader(r, MaxSummarySize+1))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		if errors.Is(err, io.EOF) {
			return model.TeamSummary{}, fmt.Errorf("summary: the file is empty; %s", summaryFileKind.empty)
		}
		return model.TeamSummary{}, fmt.Errorf("summary: not a JSON object (a team writes its summary with align export --format summary)")
	}
	var w wireSummary
	fields := map[string]any{"format": &w.Format, "version": &w.Version, "team": &w.Team, "organisation": &w.Org,
		"exported_at": &w.ExportedAt, "sprint_count": &w.Count}
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return model.TeamSummary{}, fmt.Errorf("summary: %v", err)
		}
		key, _ := tok.(string)
		if seen[key] {
			return model.TeamSummary{}, fmt.Errorf("summary: duplicate key %q", key)
		}
		seen[key] = true
		if key == "sprints" {
			return recentSprints(dec, w, seen, n)
		}
		dst, ok := fields[key]
		if !ok {
			return model.TeamSummary{}, fmt.Errorf("summary: unknown field %q", key)
		}
		if err := dec.Decode(dst); err != nil {
			return model.TeamSummary{}, fmt.Errorf("summary: %s: %v", key, plainJSONError(err))
		}
	}
	return model.TeamSummary{}, fmt.Errorf("summary: the \"sprints\" field is missing")
}

// recentSprints checks the header read so far and decodes the first n
// sprints of the array dec is at.
func recentSprints(dec *json.Decoder, w wireSummary, seen map[string]bool, n int) (model.TeamSummary, error) {
	for _, f := range []string{"format", "version", "team", "organisation", "exported_at", "sprint_count"} {
		if !seen[f] {
			return model.TeamSummary{}, fmt.Errorf("summary: the %q field is missing (the header comes before the sprints)", f)
		}
	}
	head, _ := json.Marshal(map[string]any{"format": w.Format, "version": w.Version})
	if err := headerOf(head, SummaryFormat, SummaryVersion, "summary"); err != nil {
		return model.TeamSummary{}, err
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return model.TeamSummary{}, fmt.Errorf("summary: sprints: expected an array")
	}
	dec.DisallowUnknownFields()
	for i := 0; i < n && dec.More(); i++ {
		var ws wireSprintSummary
		if err := dec.Decode(&ws); err != nil {
			return model.TeamSummary{}, fmt.Errorf("summary: sprints[%d]: %v", i, plainJSONError(err))
		}
		w.Sprints = append(w.Sprints, ws)
	}
	return fromWireSummary(w)
}

// plainJSONError drops encoding/json's Go type names from an error.
func plainJSONError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Errorf("expected %s, found a JSON %s", describeType(te.Type), te.Value)
	}
	return err
}
