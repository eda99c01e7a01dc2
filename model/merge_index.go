package model

// Indexing and validation of the records a merge works on.

import (
	"fmt"
	"reflect"
	"time"

	"github.com/google/uuid"
)

// RecordError reports a record that cannot be merged: its type, ID, label
// when known, the field at fault and what is wrong. Err is the underlying
// validation error, if any.
type RecordError struct {
	Record string // "goal", "member", "sprint", "objective", "story", "assessment", "outcome", "action item"
	ID     uuid.UUID
	Label  string
	Field  string
	Msg    string
	Err    error
}

// Error names the record (type, ID, label), then the field and what is
// wrong with it.
func (e *RecordError) Error() string {
	who := e.Record + " " + e.ID.String()
	if e.Label != "" {
		who += fmt.Sprintf(" (%q)", e.Label)
	}
	return fmt.Sprintf("%s: %s: %s", who, e.Field, e.Msg)
}

// Unwrap returns the underlying validation error.
func (e *RecordError) Unwrap() error { return e.Err }

// mrgKind is a record type, in the order changes are reported.
type mrgKind int

const (
	mrgGoal mrgKind = iota
	mrgMember
	mrgSprint
	mrgObjective
	mrgStory
	mrgAssessment
	mrgOutcome
	mrgAction
)

var mrgKindNames = [...]string{"goal", "member", "sprint", "objective", "story", "assessment", "outcome", "action item"}

func (k mrgKind) name() string { return mrgKindNames[k] }

// mrgEntry is one version of one record, of any type.
type mrgEntry struct {
	kind   mrgKind
	meta   Meta
	sprint uuid.UUID // the sprint it belongs to: its own ID for a sprint, nil for goals and members
	rec    any       // Goal, Member, Sprint, Objective, Story, Assessment, Outcome or ActionItem
	enc    string    // canonical encoding without Deleted; computed on first use
	hasEnc bool
}

func mrgNewEntry(rec any) *mrgEntry {
	e := &mrgEntry{rec: rec}
	switch r := rec.(type) {
	case Goal:
		e.kind, e.meta = mrgGoal, r.Meta
	case Member:
		e.kind, e.meta = mrgMember, r.Meta
	case Sprint:
		e.kind, e.meta, e.sprint = mrgSprint, r.Meta, r.ID
	case Objective:
		e.kind, e.meta, e.sprint = mrgObjective, r.Meta, r.SprintID
	case Story:
		e.kind, e.meta, e.sprint = mrgStory, r.Meta, r.SprintID
	case Assessment:
		e.kind, e.meta, e.sprint = mrgAssessment, r.Meta, r.SprintID
	case Outcome:
		e.kind, e.meta, e.sprint = mrgOutcome, r.Meta, r.SprintID
	case ActionItem:
		e.kind, e.meta, e.sprint = mrgAction, r.Meta, r.SprintID
	}
	return e
}

// encoding returns the canonical encoding of every field but Deleted.
func (e *mrgEntry) encoding() string {
	if !e.hasEnc {
		e.enc, e.hasEnc = mrgEncode(e.rec), true
	}
	return e.enc
}

// same reports whether two versions are identical.
func (e *mrgEntry) same(o *mrgEntry) bool {
	return e.meta.Deleted == o.meta.Deleted && mrgSameContent(e, o)
}

// withDeleted returns a copy of e with its Deleted flag set to d.
func (e *mrgEntry) withDeleted(d bool) *mrgEntry {
	out := *e
	out.meta.Deleted = d
	switch r := e.rec.(type) {
	case Goal:
		r.Deleted = d
		out.rec = r
	case Member:
		r.Deleted = d
		out.rec = r
	case Sprint:
		r.Deleted = d
		out.rec = r
	case Objective:
		r.Deleted = d
		out.rec = r
	case Story:
		r.Deleted = d
		out.rec = r
	case Assessment:
		r.Deleted = d
		out.rec = r
	case Outcome:
		r.Deleted = d
		out.rec = r
	case ActionItem:
		r.Deleted = d
		out.rec = r
	}
	return &out
}

func (e *mrgEntry) fail(field, format string, args ...any) *RecordError {
	return &RecordError{Record: e.kind.name(), ID: e.meta.ID, Label: mrgOwnLabel(e.rec), Field: field, Msg: fmt.Sprintf(format, args...)}
}

// mrgFlatten lists every record of d with the sprint it is listed under.
func mrgFlatten(d Dataset, visit func(rec any, listedUnder uuid.UUID) error) error {
	for _, g := range d.Goals {
		if err := visit(g, uuid.Nil); err != nil {
			return err
		}
	}
	for _, m := range d.Members {
		if err := visit(m, uuid.Nil); err != nil {
			return err
		}
	}
	for _, sd := range d.Sprints {
		sid := sd.Sprint.ID
		if err := visit(sd.Sprint, sid); err != nil {
			return err
		}
		for _, r := range sd.Objectives {
			if err := visit(r, sid); err != nil {
				return err
			}
		}
		for _, r := range sd.Stories {
			if err := visit(r, sid); err != nil {
				return err
			}
		}
		for _, r := range sd.Assessments {
			if err := visit(r, sid); err != nil {
				return err
			}
		}
		for _, r := range sd.Round2 {
			if err := visit(r, sid); err != nil {
				return err
			}
		}
		for _, r := range sd.Outcomes {
			if err := visit(r, sid); err != nil {
				return err
			}
		}
		for _, r := range sd.Actions {
			if err := visit(r, sid); err != nil {
				return err
			}
		}
	}
	return nil
}

// mrgLocal indexes the workspace's records by ID.
type mrgLocal struct {
	byID map[uuid.UUID]*mrgEntry
}

func mrgIndexLocal(d Dataset) (*mrgLocal, error) {
	loc := &mrgLocal{byID: make(map[uuid.UUID]*mrgEntry)}
	err := mrgFlatten(d, func(rec any, _ uuid.UUID) error {
		e := mrgNewEntry(rec)
		if prev := loc.byID[e.meta.ID]; prev != nil {
			return e.fail("id", "appears twice in this workspace (also as %s %q); run align check", prev.kind.name(), mrgOwnLabel(prev.rec))
		}
		loc.byID[e.meta.ID] = e
		return nil
	})
	return loc, err
}

// mrgIncoming holds the incoming records, copied, normalised and validated,
// in the order they came.
type mrgIncoming struct {
	list []*mrgEntry
	byID map[uuid.UUID]*mrgEntry
}

func mrgPrepareIncoming(d Dataset, now time.Time, maxSkew time.Duration) (*mrgIncoming, error) {
	inc := &mrgIncoming{byID: make(map[uuid.UUID]*mrgEntry)}
	limit := now.Add(maxSkew)
	err := mrgFlatten(d, func(rec any, listedUnder uuid.UUID) error {
		e := mrgNewEntry(mrgNormalizedCopy(rec))
		if err := mrgCheckMeta(e, now, limit); err != nil {
			return err
		}
		if err := mrgValidate(e); err != nil {
			return err
		}
		if e.kind != mrgGoal && e.kind != mrgMember && e.sprint != listedUnder {
			if e.sprint == uuid.Nil {
				return e.fail("sprint", "is missing; it must be the sprint the record is listed under (%s)", listedUnder)
			}
			return e.fail("sprint", "is %s, but the record is listed under sprint %s", e.sprint, listedUnder)
		}
		if prev := inc.byID[e.meta.ID]; prev != nil {
			return e.fail("id", "appears twice in the bundle (also as %s %q); every record needs its own id", prev.kind.name(), mrgOwnLabel(prev.rec))
		}
		inc.byID[e.meta.ID] = e
		inc.list = append(inc.list, e)
		return nil
	})
	return inc, err
}

func mrgCheckMeta(e *mrgEntry, now, limit time.Time) error {
	if e.meta.ID == uuid.Nil {
		return e.fail("id", "is missing (the nil UUID); every record needs a unique id")
	}
	for _, f := range []struct {
		name string
		t    time.Time
	}{{"created-at", e.meta.CreatedAt}, {"updated-at", e.meta.UpdatedAt}} {
		if f.t.IsZero() {
			return e.fail(f.name, "is missing; every record carries the time it was created and last updated")
		}
		if f.t.After(limit) {
			return e.fail(f.name, "%s is in the future: this machine's clock says %s and allows at most %s ahead; check the clock of the machine that exported it",
				f.t.Format(time.RFC3339), now.Format(time.RFC3339), limit.Sub(now))
		}
	}
	if b := e.meta.Base; !b.IsZero() && (!b.Before(e.meta.UpdatedAt) || b.Before(e.meta.CreatedAt)) {
		return e.fail("base", "%s is not between created-at %s and updated-at %s; base is the update time of the version this one was edited from",
			b.Format(time.RFC3339Nano), e.meta.CreatedAt.Format(time.RFC3339Nano), e.meta.UpdatedAt.Format(time.RFC3339Nano))
	}
	return nil
}

func mrgValidate(e *mrgEntry) error {
	var err error
	if r, ok := e.rec.(interface{ Validate() error }); ok {
		err = r.Validate()
	}
	if err == nil {
		return nil
	}
	re := e.fail("value", "%v", err)
	re.Err = err
	if fe, ok := err.(*FieldError); ok {
		re.Field, re.Msg = fe.Field, fe.Msg
	}
	return re
}

// mrgNormalizedCopy returns a deep copy of rec with its text normalised and
// its times in UTC. Normalize has a pointer receiver, so the copy is made
// addressable first.
func mrgNormalizedCopy(rec any) any {
	c := reflect.New(reflect.TypeOf(rec))
	c.Elem().Set(reflect.ValueOf(mrgDeepCopy(rec)))
	if r, ok := c.Interface().(mrgNormalizer); ok {
		mrgUTC(r.mrgMeta())
		r.Normalize()
	}
	return c.Elem().Interface()
}

// mrgNormalizer is what a pointer to any record offers: Normalize, and its
// Meta through the method promoted from the embedded field.
type mrgNormalizer interface {
	Normalize()
	mrgMeta() *Meta
}

func (m *Meta) mrgMeta() *Meta { return m }

func mrgUTC(m *Meta) {
	m.CreatedAt = m.CreatedAt.UTC()
	m.UpdatedAt = m.UpdatedAt.UTC()
	m.Base = m.Base.UTC()
}

// mrgDeepCopy copies rec so that the copy shares no memory with it.
func mrgDeepCopy(rec any) any {
	switch r := rec.(type) {
	case Member:
		if r.Keys != nil {
			r.Keys = append([]string(nil), r.Keys...)
		}
		return r
	case Objective:
		r.Baseline = mrgCopyInt(r.Baseline)
		return r
	case Outcome:
		r.Agreed = mrgCopyInt(r.Agreed)
		return r
	default:
		return rec // the other records hold no pointers or slices
	}
}

func mrgCopyInt(p *int) *int {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
