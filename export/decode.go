package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// RecordError reports a bundle record that fails a check, naming where it is
// in the file, which record it is and which field is wrong.
type RecordError struct {
	Path  string // JSON path of the record, e.g. "sprints[0].assessments[2]"; "" for the header
	Kind  string // record kind, e.g. "assessment", or "header"
	ID    string // the record's id as written ("" when unknown)
	Field string // JSON field name ("" when about the whole record)
	Msg   string // what is wrong and what is allowed
}

func (e *RecordError) Error() string {
	var b strings.Builder
	b.WriteString("bundle: ")
	b.WriteString(e.Kind)
	if e.ID != "" {
		b.WriteString(" " + e.ID)
	}
	if e.Path != "" {
		b.WriteString(" (" + e.Path + ")")
	}
	if e.Field != "" {
		b.WriteString(": " + e.Field)
	}
	b.WriteString(": " + e.Msg)
	return b.String()
}

// DecodeBundle reads one bundle from r and checks all of it: at most
// MaxBundleSize bytes (enforced while reading), valid JSON with exactly the
// documented keys (unknown, repeated, missing or case-variant keys are
// errors), this format and version, nothing after the closing brace,
// canonical non-nil UUIDs, RFC 3339 UTC timestamps, and every record valid
// (text is sanitised as model.Sanitize does). The first problem is returned
// as an error naming the record and field.
func DecodeBundle(r io.Reader) (Bundle, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBundleSize+1))
	if err != nil {
		return Bundle{}, fmt.Errorf("bundle: reading: %w", err)
	}
	if len(data) > MaxBundleSize {
		return Bundle{}, fmt.Errorf("bundle: larger than the %d MiB limit", MaxBundleSize>>20)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return Bundle{}, fmt.Errorf("bundle: the input is empty; expected a JSON object with \"format\": %q", BundleFormat)
	}
	if peekScope(data) == ScopeMine {
		return decodeMine(data)
	}
	if err := checkShape(data, reflect.TypeFor[wireBundle]()); err != nil {
		// A bundle of another format or version is reported as such,
		// rather than by the first field this version does not know.
		if herr := checkHeader(data); herr != nil {
			return Bundle{}, herr
		}
		return Bundle{}, err
	}
	var w wireBundle
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&w); err != nil {
		return Bundle{}, fmt.Errorf("bundle: %w", err)
	}
	b, err := fromWire(w)
	if err != nil {
		return Bundle{}, err
	}
	b.Team = model.Sanitize(b.Team, false)
	d, err := b.checked()
	if err != nil {
		return Bundle{}, err
	}
	b.data = sortedCopy(d)
	return b, nil
}

// checkHeader looks only at format and version, leniently, so that a bundle
// from a newer align is reported as such rather than by its unknown fields.
// Input that is not a JSON object is left to checkShape to explain.
func checkHeader(data []byte) error {
	var h struct {
		Format  *string          `json:"format"`
		Version *json.RawMessage `json:"version"`
	}
	if json.Unmarshal(data, &h) != nil {
		return nil
	}
	if h.Format == nil {
		return fmt.Errorf("bundle: not an align bundle: the \"format\" field is missing (want %q)", BundleFormat)
	}
	if *h.Format != BundleFormat {
		return errFormat(*h.Format)
	}
	if h.Version == nil {
		return fmt.Errorf("bundle: the \"version\" field is missing (this align reads version %d)", BundleVersion)
	}
	if v := string(*h.Version); v != fmt.Sprint(BundleVersion) {
		return errVersion(v)
	}
	return nil
}

func errFormat(got string) error {
	return fmt.Errorf("bundle: not an align bundle: format is %q, want %q", got, BundleFormat)
}

// errVersion reports an unsupported version, as written in the input.
func errVersion(got string) error {
	if n, err := strconv.Atoi(got); err == nil && n < BundleVersion {
		return fmt.Errorf("bundle: version %s was written by an older align: this align reads version %d only; export it again with this align", got, BundleVersion)
	}
	return fmt.Errorf("bundle: version %s is not supported: this align reads version %d only; upgrade align to read newer bundles", got, BundleVersion)
}

// parser converts wire records to model values, remembering the first error.
type parser struct {
	err error
}

func (p *parser) fail(path, kind, id, field, format string, args ...any) {
	if p.err == nil {
		p.err = &RecordError{Path: path, Kind: kind, ID: id, Field: field, Msg: fmt.Sprintf(format, args...)}
	}
}

// id parses a required canonical UUID.
func (p *parser) id(path, kind, recID, field, s string) uuid.UUID {
	u, err := uuid.Parse(s)
	if err != nil || u.String() != s {
		p.fail(path, kind, recID, field, "%q is not a canonical UUID (want 8-4-4-4-12 lower-case hex digits)", s)
		return uuid.Nil
	}
	return u
}

// optID parses a nullable UUID; null is uuid.Nil.
func (p *parser) optID(path, kind, recID, field string, s *string) uuid.UUID {
	if s == nil {
		return uuid.Nil
	}
	if *s == uuid.Nil.String() {
		p.fail(path, kind, recID, field, "the nil UUID is not allowed; write null when there is none")
		return uuid.Nil
	}
	return p.id(path, kind, recID, field, *s)
}

func (p *parser) time(path, kind, recID, field, s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil || !strings.HasSuffix(s, "Z") {
		p.fail(path, kind, recID, field, "%q is not an RFC 3339 time in UTC (e.g. 2026-03-02T09:30:00.000000000Z)", s)
		return time.Time{}
	}
	return t.UTC()
}

func (p *parser) date(path, kind, recID, field, s string) time.Time {
	t, err := time.Parse(model.DateLayout, s)
	if err != nil {
		p.fail(path, kind, recID, field, "%q is not a date (YYYY-MM-DD)", s)
	}
	return t
}

// optDate parses an optional date: "" is none.
func (p *parser) optDate(path, kind, recID, field, s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	return p.date(path, kind, recID, field, s)
}

func (p *parser) meta(path, kind string, m wireMeta) model.Meta {
	return model.Meta{
		ID:        p.id(path, kind, m.ID, "id", m.ID),
		CreatedAt: p.time(path, kind, m.ID, "created_at", m.CreatedAt),
		UpdatedAt: p.time(path, kind, m.ID, "updated_at", m.UpdatedAt),
		Base:      p.optTime(path, kind, m.ID, "base", m.Base),
		Deleted:   m.Deleted,
	}
}

// optTime parses a nullable time; null is the zero time.
func (p *parser) optTime(path, kind, recID, field string, s *string) time.Time {
	if s == nil {
		return time.Time{}
	}
	return p.time(path, kind, recID, field, *s)
}

func fromWire(w wireBundle) (Bundle, error) {
	var p parser
	b := Bundle{Format: w.Format, Version: w.Version, Team: w.Team, Scope: w.Scope}
	b.ExportedAt = p.time("", "header", "", "exported_at", w.ExportedAt)
	b.Replica = p.id("", "header", "", "replica", w.Replica)
	b.Author = p.optID("", "header", "", "author", w.Author)
	for i, g := range w.Goals {
		path := fmt.Sprintf("goals[%d]", i)
		b.data.Goals = append(b.data.Goals, model.Goal{
			Meta: p.meta(path, "goal", g.wireMeta), Title: g.Title, Description: g.Description, Archived: g.Archived,
		})
	}
	for i, m := range w.Members {
		path := fmt.Sprintf("members[%d]", i)
		var keys []string
		if len(m.Keys) > 0 {
			keys = m.Keys
		}
		b.data.Members = append(b.data.Members, model.Member{
			Meta: p.meta(path, "member", m.wireMeta), Name: m.Name, Handle: m.Handle,
			Active: m.Active, Facilitator: m.Facilitator, Keys: keys, NoEstimates: m.NoEstimates,
		})
	}
	for i, ws := range w.Sprints {
		b.data.Sprints = append(b.data.Sprints, p.sprint(fmt.Sprintf("sprints[%d]", i), ws))
	}
	return b, p.err
}

func (p *parser) sprint(path string, ws wireSprint) model.SprintData {
	sp := model.Sprint{
		Meta: p.meta(path, "sprint", ws.wireMeta), Name: ws.Name, Goal: ws.Goal,
		Start: p.date(path, "sprint", ws.ID, "start", ws.Start),
		End:   p.date(path, "sprint", ws.ID, "end", ws.End),
		State: model.SprintState(ws.State),
	}
	if !contains(model.SprintStates, sp.State) {
		p.fail(path, "sprint", ws.ID, "state", "%q is not a state; use planning, assessing, review or closed", ws.State)
	}
	sd := model.SprintData{Sprint: sp}
	for i, o := range ws.Objectives {
		rp := fmt.Sprintf("%s.objectives[%d]", path, i)
		sd.Objectives = append(sd.Objectives, model.Objective{
			Meta: p.meta(rp, "objective", o.wireMeta), SprintID: sp.ID, Title: o.Title, Description: o.Description,
			GoalID: p.optID(rp, "objective", o.ID, "goal_id", o.GoalID), Order: o.Order,
			CarriedFrom: p.optID(rp, "objective", o.ID, "carried_from", o.CarriedFrom), Baseline: o.Baseline,
			Stretch: o.Stretch,
		})
	}
	for i, s := range ws.Stories {
		rp := fmt.Sprintf("%s.stories[%d]", path, i)
		st := model.Story{
			Meta: p.meta(rp, "story", s.wireMeta), SprintID: sp.ID,
			ObjectiveID: p.id(rp, "story", s.ID, "objective_id", s.ObjectiveID), Title: s.Title,
			Points: s.Points, Status: model.StoryStatus(s.Status), Key: s.Key, Order: s.Order,
		}
		if !contains(model.StoryStatuses, st.Status) {
			p.fail(rp, "story", s.ID, "status", "%q is not a status; use todo, doing or done", s.Status)
		}
		sd.Stories = append(sd.Stories, st)
	}
	sd.Assessments, sd.Round2 = model.SplitRounds(p.assessments(path, sp.ID, ws.Assessments))
	for i, o := range ws.Outcomes {
		rp := fmt.Sprintf("%s.outcomes[%d]", path, i)
		sd.Outcomes = append(sd.Outcomes, model.Outcome{
			Meta: p.meta(rp, "outcome", o.wireMeta), SprintID: sp.ID,
			ObjectiveID: p.id(rp, "outcome", o.ID, "objective_id", o.ObjectiveID),
			Agreed:      o.Agreed, Notes: o.Notes, Discussed: o.Discussed, Revealed: o.Revealed, Sealed: o.Sealed, Minutes: o.Minutes,
			Round2Open: o.Round2Open, Round2Revealed: o.Round2Revealed,
			Uncertain: o.Uncertain, Question: o.Question, QuestionOwner: p.optID(rp, "outcome", o.ID, "question_owner_id", o.QuestionOwner),
		})
	}
	for i, a := range ws.Actions {
		rp := fmt.Sprintf("%s.action_items[%d]", path, i)
		sd.Actions = append(sd.Actions, model.ActionItem{
			Meta: p.meta(rp, "action item", a.wireMeta), SprintID: sp.ID,
			ObjectiveID: p.optID(rp, "action item", a.ID, "objective_id", a.ObjectiveID), Text: a.Text,
			OwnerID: p.optID(rp, "action item", a.ID, "owner_id", a.OwnerID), Done: a.Done,
			Due: p.optDate(rp, "action item", a.ID, "due", a.Due),
		})
	}
	return sd
}

func contains[T comparable](s []T, v T) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// assessments parses the estimates of the sprint at path.
func (p *parser) assessments(path string, sprint uuid.UUID, ws []wireAssessment) []model.Assessment {
	var out []model.Assessment
	for i, a := range ws {
		rp := fmt.Sprintf("%s.assessments[%d]", path, i)
		out = append(out, model.Assessment{
			Meta: p.meta(rp, "assessment", a.wireMeta), SprintID: sprint,
			ObjectiveID: p.id(rp, "assessment", a.ID, "objective_id", a.ObjectiveID),
			MemberID:    p.id(rp, "assessment", a.ID, "member_id", a.MemberID),
			Progress:    a.Progress, Confidence: a.Confidence, Note: a.Note,
			Abstain: a.Abstain, Submitted: a.Submitted, Late: a.Late, Round2: a.Round == 2,
		})
		if a.Round < 0 || a.Round > 2 {
			p.fail(rp, "assessment", a.ID, "round", "is %d; an estimate is of round 1 or 2", a.Round)
		}
	}
	return out
}
