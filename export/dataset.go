package export

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// Dataset returns the bundle's records as model values, each normalised
// (model's Normalize: text sanitised, dates truncated) and validated. Records
// are sorted by ID within each kind, sprints by ID; empty lists are nil. The
// error names the first invalid record by kind, ID and field. Besides each
// record's own rules it rejects nil or repeated IDs anywhere in the bundle,
// an update time before the creation time, and two live members with one
// handle. References between records are not resolved here: a bundle may
// refer to records that only the importing workspace holds.
func (b Bundle) Dataset() (model.Dataset, error) {
	d, err := b.checked()
	if err != nil {
		return model.Dataset{}, err
	}
	return sortedCopy(d), nil
}

// checked validates the header and a normalised copy of the records, in
// their current order so that error paths match the input.
func (b Bundle) checked() (model.Dataset, error) {
	if err := b.checkHeader(); err != nil {
		return model.Dataset{}, err
	}
	v := validator{seen: map[uuid.UUID]string{}, handles: map[string]string{}}
	d := deepCopy(b.data)
	for i := range d.Goals {
		g := &d.Goals[i]
		path := fmt.Sprintf("goals[%d]", i)
		v.meta(path, "goal", g.Meta)
		g.Normalize()
		v.valid(path, "goal", g.ID, g.Validate())
	}
	for i := range d.Members {
		m := &d.Members[i]
		path := fmt.Sprintf("members[%d]", i)
		v.meta(path, "member", m.Meta)
		m.Normalize()
		v.valid(path, "member", m.ID, m.Validate())
		if !m.Deleted && v.err == nil {
			if other, dup := v.handles[m.Handle]; dup {
				v.fail(path, "member", m.ID, "handle", "%q is also the handle of the live member at %s", m.Handle, other)
			}
			v.handles[m.Handle] = path
		}
	}
	for i := range d.Sprints {
		v.sprint(fmt.Sprintf("sprints[%d]", i), &d.Sprints[i], b.Scope == ScopeMine)
	}
	return d, v.err
}

func (b Bundle) checkHeader() error {
	hdr := func(field, format string, args ...any) error {
		return &RecordError{Kind: "header", Field: field, Msg: fmt.Sprintf(format, args...)}
	}
	switch {
	case b.Format != BundleFormat:
		return errFormat(b.Format)
	case b.Version != BundleVersion:
		return errVersion(strconv.Itoa(b.Version))
	case b.ExportedAt.IsZero():
		return hdr("exported_at", "the export time is missing")
	case b.Replica == uuid.Nil:
		return hdr("replica", "the nil UUID is not allowed")
	case b.Scope != ScopeSprint && b.Scope != ScopeAll && b.Scope != ScopeMine:
		return hdr("scope", "%q is not a scope; use %q, %q or %q", b.Scope, ScopeSprint, ScopeAll, ScopeMine)

	case b.Scope == ScopeSprint && len(b.data.Sprints) != 1:
		return hdr("scope", "a %q bundle holds exactly one sprint, this one holds %d", ScopeSprint, len(b.data.Sprints))
	}
	if n := len([]rune(b.Team)); n > model.MaxTitle {
		return hdr("team", "is %d characters long; at most %d allowed", n, model.MaxTitle)
	}
	if b.Scope == ScopeMine {
		return b.checkMine()
	}
	return nil
}

// deepCopy copies d, its slices and pointers included, keeping the order
// of every list.
func deepCopy(d model.Dataset) model.Dataset {
	out := model.Dataset{Goals: slices.Clone(d.Goals), Members: slices.Clone(d.Members)}
	for i := range out.Members {
		out.Members[i].Keys = slices.Clone(out.Members[i].Keys)
	}
	for _, sd := range d.Sprints {
		c := model.SprintData{
			Sprint:      sd.Sprint,
			Objectives:  slices.Clone(sd.Objectives),
			Stories:     slices.Clone(sd.Stories),
			Assessments: slices.Clone(sd.Assessments),
			Round2:      slices.Clone(sd.Round2),
			Outcomes:    slices.Clone(sd.Outcomes),
			Actions:     slices.Clone(sd.Actions),
		}
		for i := range c.Objectives {
			c.Objectives[i].Baseline = cloneInt(c.Objectives[i].Baseline)
		}
		for i := range c.Outcomes {
			c.Outcomes[i].Agreed = cloneInt(c.Outcomes[i].Agreed)
		}
		out.Sprints = append(out.Sprints, c)
	}
	return out
}

// validator collects the first problem found in a dataset.
type validator struct {
	err     error
	seen    map[uuid.UUID]string // id → path of the record that has it
	handles map[string]string    // live handle → path
}

func (v *validator) fail(path, kind string, id uuid.UUID, field, format string, args ...any) {
	if v.err != nil {
		return
	}
	ids := ""
	if id != uuid.Nil {
		ids = id.String()
	}
	v.err = &RecordError{Path: path, Kind: kind, ID: ids, Field: field, Msg: fmt.Sprintf(format, args...)}
}

// meta checks the fields every record has.
func (v *validator) meta(path, kind string, m model.Meta) {
	switch {
	case m.ID == uuid.Nil:
		v.fail(path, kind, m.ID, "id", "the nil UUID is not allowed")
	case m.CreatedAt.IsZero():
		v.fail(path, kind, m.ID, "created_at", "the creation time is missing")
	case m.UpdatedAt.IsZero():
		v.fail(path, kind, m.ID, "updated_at", "the update time is missing")
	case m.UpdatedAt.Before(m.CreatedAt):
		v.fail(path, kind, m.ID, "updated_at", "%s is before created_at %s",
			m.UpdatedAt.UTC().Format(time.RFC3339Nano), m.CreatedAt.UTC().Format(time.RFC3339Nano))
	case !m.Base.IsZero() && (m.Base.Before(m.CreatedAt) || !m.Base.Before(m.UpdatedAt)):
		v.fail(path, kind, m.ID, "base", "%s is not between created_at %s and updated_at %s; base is the update time of the version this one was edited from (null if never edited)",
			m.Base.UTC().Format(time.RFC3339Nano), m.CreatedAt.UTC().Format(time.RFC3339Nano), m.UpdatedAt.UTC().Format(time.RFC3339Nano))
	}
	if m.ID == uuid.Nil {
		return
	}
	if other, dup := v.seen[m.ID]; dup {
		v.fail(path, kind, m.ID, "id", "repeats the id of the record at %s", other)
	}
	v.seen[m.ID] = path
}

// ref checks that a required reference is set.
func (v *validator) ref(path, kind string, id uuid.UUID, field string, ref uuid.UUID) {
	if ref == uuid.Nil {
		v.fail(path, kind, id, field, "the nil UUID is not allowed; the %s must refer to a record", field)
	}
}

// valid turns a model validation error into a RecordError.
func (v *validator) valid(path, kind string, id uuid.UUID, err error) {
	if err == nil {
		return
	}
	var fe *model.FieldError
	if !errors.As(err, &fe) {
		v.fail(path, kind, id, "", "%v", err)
		return
	}
	v.fail(path, kind, id, wireFieldName(kind, fe.Field), "%s", fe.Msg)
}

// wireFieldName maps model's field names to the bundle's where they differ.
func wireFieldName(kind, field string) string {
	switch {
	case kind == "member" && field == "key":
		return "ssh_keys"
	case kind == "sprint" && field == "dates":
		return "start"
	}
	return field
}

// sprint checks one sprint and its records; ref is true for a "mine"
// bundle's sprint, which names the sprint by id and carries no header.
func (v *validator) sprint(path string, sd *model.SprintData, ref bool) {
	sp := &sd.Sprint
	if ref {
		v.ref(path, "sprint", sp.ID, "id", sp.ID)
	} else {
		v.meta(path, "sprint", sp.Meta)
		sp.Normalize()
		v.valid(path, "sprint", sp.ID, sp.Validate())
	}
	for i := range sd.Objectives {
		o := &sd.Objectives[i]
		rp := fmt.Sprintf("%s.objectives[%d]", path, i)
		o.SprintID = sp.ID
		v.meta(rp, "objective", o.Meta)
		o.Normalize()
		v.valid(rp, "objective", o.ID, o.Validate())
	}
	for i := range sd.Stories {
		s := &sd.Stories[i]
		rp := fmt.Sprintf("%s.stories[%d]", path, i)
		s.SprintID = sp.ID
		v.meta(rp, "story", s.Meta)
		v.ref(rp, "story", s.ID, "objective_id", s.ObjectiveID)
		s.Normalize()
		v.valid(rp, "story", s.ID, s.Validate())
	}
	for i := range sd.Assessments {
		a := &sd.Assessments[i]
		rp := fmt.Sprintf("%s.assessments[%d]", path, i)
		v.assessment(rp, sp.ID, a)
	}
	for i := range sd.Round2 {
		a := &sd.Round2[i]
		rp := fmt.Sprintf("%s.assessments[%d]", path, len(sd.Assessments)+i)
		v.assessment(rp, sp.ID, a)
	}
	for i := range sd.Outcomes {
		o := &sd.Outcomes[i]
		rp := fmt.Sprintf("%s.outcomes[%d]", path, i)
		o.SprintID = sp.ID
		v.meta(rp, "outcome", o.Meta)
		v.ref(rp, "outcome", o.ID, "objective_id", o.ObjectiveID)
		o.Normalize()
		v.valid(rp, "outcome", o.ID, o.Validate())
	}
	for i := range sd.Actions {
		a := &sd.Actions[i]
		rp := fmt.Sprintf("%s.action_items[%d]", path, i)
		a.SprintID = sp.ID
		v.meta(rp, "action item", a.Meta)
		a.Normalize()
		v.valid(rp, "action item", a.ID, a.Validate())
	}
}

// assessment checks one estimate of sprint sid (either round).
func (v *validator) assessment(rp string, sid uuid.UUID, a *model.Assessment) {
	a.SprintID = sid
	v.meta(rp, "assessment", a.Meta)
	v.ref(rp, "assessment", a.ID, "objective_id", a.ObjectiveID)
	v.ref(rp, "assessment", a.ID, "member_id", a.MemberID)
	a.Normalize()
	v.valid(rp, "assessment", a.ID, a.Validate())
}
