package export

// The "mine" scope: one member's own records, nothing of anybody else's.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// ScopeMine is the scope of a member's own bundle (align export --mine): the
// author's member record and their estimates of one sprint, which the
// bundle names by id only. It carries no sprint header, no other member and
// no plan, so it cannot change them; the importing workspace must already
// hold the sprint.
const ScopeMine = "mine"

// wireMineBundle is the JSON shape of a "mine" bundle.
type wireMineBundle struct {
	Format     string          `json:"format"`
	Version    int             `json:"version"`
	ExportedAt string          `json:"exported_at"`
	Team       string          `json:"team"`
	Replica    string          `json:"replica"`
	Scope      string          `json:"scope"`
	Author     *string         `json:"author"`
	Members    []wireMember    `json:"members"`
	Sprints    []wireSprintRef `json:"sprints"`
}

// wireSprintRef names a sprint by id and carries the author's estimates in it.
type wireSprintRef struct {
	ID          string           `json:"id"`
	Assessments []wireAssessment `json:"assessments"`
}

// peekScope reads the scope leniently; "" when there is none to read.
func peekScope(data []byte) string {
	var h struct {
		Scope string `json:"scope"`
	}
	if json.Unmarshal(data, &h) != nil {
		return ""
	}
	return h.Scope
}

func toWireMine(b Bundle) wireMineBundle {
	full := toWire(b)
	w := wireMineBundle{
		Format: full.Format, Version: full.Version, ExportedAt: full.ExportedAt, Team: full.Team,
		Replica: full.Replica, Scope: full.Scope, Author: full.Author, Members: full.Members,
		Sprints: []wireSprintRef{},
	}
	for _, s := range full.Sprints {
		w.Sprints = append(w.Sprints, wireSprintRef{ID: s.ID, Assessments: s.Assessments})
	}
	return w
}

// decodeMine decodes and checks a "mine" bundle, as DecodeBundle does the
// others.
func decodeMine(data []byte) (Bundle, error) {
	if err := checkShape(data, reflect.TypeFor[wireMineBundle]()); err != nil {
		if herr := checkHeader(data); herr != nil {
			return Bundle{}, herr
		}
		return Bundle{}, err
	}
	var w wireMineBundle
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&w); err != nil {
		return Bundle{}, fmt.Errorf("bundle: %w", err)
	}
	full := wireBundle{Format: w.Format, Version: w.Version, ExportedAt: w.ExportedAt, Team: w.Team,
		Replica: w.Replica, Scope: w.Scope, Author: w.Author, Members: w.Members}
	b, err := fromWire(full)
	if err != nil {
		return Bundle{}, err
	}
	var p parser
	for i, s := range w.Sprints {
		path := fmt.Sprintf("sprints[%d]", i)
		id := p.id(path, "sprint", s.ID, "id", s.ID)
		as, r2 := model.SplitRounds(p.assessments(path, id, s.Assessments))
		b.data.Sprints = append(b.data.Sprints, model.SprintData{Sprint: model.Sprint{Meta: model.Meta{ID: id}},
			Assessments: as, Round2: r2})
	}
	if p.err != nil {
		return Bundle{}, p.err
	}
	b.Team = model.Sanitize(b.Team, false)
	d, err := b.checked()
	if err != nil {
		return Bundle{}, err
	}
	b.data = sortedCopy(d)
	return b, nil
}

// checkMine checks what a "mine" bundle may hold: an author, at most that
// author's own member record, and one sprint of the author's estimates.
func (b Bundle) checkMine() error {
	hdr := func(field, format string, args ...any) error {
		return &RecordError{Kind: "header", Field: field, Msg: fmt.Sprintf(format, args...)}
	}
	switch {
	case b.Author == uuid.Nil:
		return hdr("author", "a %q bundle needs its author", ScopeMine)
	case len(b.data.Goals) > 0:
		return hdr("scope", "a %q bundle holds no goals", ScopeMine)
	case len(b.data.Sprints) != 1:
		return hdr("scope", "a %q bundle holds exactly one sprint, this one holds %d", ScopeMine, len(b.data.Sprints))
	}
	for i, m := range b.data.Members {
		if m.ID != b.Author {
			return &RecordError{Path: fmt.Sprintf("members[%d]", i), Kind: "member", ID: m.ID.String(), Field: "id",
				Msg: fmt.Sprintf("a %q bundle holds only its author's own member record (%s)", ScopeMine, b.Author)}
		}
	}
	sd := b.data.Sprints[0]
	if len(sd.Objectives)+len(sd.Stories)+len(sd.Outcomes)+len(sd.Actions) > 0 {
		return hdr("scope", "a %q bundle holds only its author's estimates", ScopeMine)
	}
	for i, a := range slices.Concat(sd.Assessments, sd.Round2) {
		if a.MemberID != b.Author {
			return &RecordError{Path: fmt.Sprintf("sprints[0].assessments[%d]", i), Kind: "assessment", ID: a.ID.String(), Field: "member_id",
				Msg: fmt.Sprintf("a %q bundle holds only its author's own estimates (%s)", ScopeMine, b.Author)}
		}
	}
	return nil
}

// NeedsSprint returns the sprint a "mine" bundle's estimates belong to; the
// importing workspace supplies its header, which the bundle does not carry.
// uuid.Nil for other scopes.
func (b Bundle) NeedsSprint() uuid.UUID {
	if b.Scope != ScopeMine || len(b.data.Sprints) != 1 {
		return uuid.Nil
	}
	return b.data.Sprints[0].Sprint.ID
}
