package merge

// Indexing and validation of the records a merge works on.

import (
	"fmt"
	"time"

	"github.com/align-team/align/model"
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

// entry is one version of one record, of any type.
type entry struct {
	kind   model.RecordKind
	meta   model.Meta
	sprint uuid.UUID // the sprint it belongs to: its own ID for a sprint, nil for goals and members
	rec    any       // Goal, Member, Sprint, Objective, Story, Assessment, Outcome or ActionItem
	enc    string    // canonical encoding without Deleted; computed on first use
	hasEnc bool
}

func newEntry(rec any) *entry {
	e := &entry{rec: rec}
	e.kind, e.meta, e.sprint, _ = model.Describe(rec)
	return e
}

// encoding returns the canonical encoding of every field but Deleted.
func (e *entry) encoding() string {
	if !e.hasEnc {
		e.enc, e.hasEnc = model.Encode(e.rec), true
	}
	return e.enc
}

// same reports whether two versions are identical.
func (e *entry) same(o *entry) bool {
	return e.meta.Deleted == o.meta.Deleted && sameContent(e, o)
}

// withDeleted returns a copy of e with its Deleted flag set to d.
func (e *entry) withDeleted(d bool) *entry {
	out := *e
	out.meta.Deleted = d
	out.rec = model.WithDeleted(e.rec, d)
	return &out
}

func (e *entry) fail(field, format string, args ...any) *RecordError {
	return &RecordError{Record: e.kind.String(), ID: e.meta.ID, Label: model.RecordLabel(e.rec), Field: field, Msg: fmt.Sprintf(format, args...)}
}

// localIndex indexes the workspace's records by ID.
type localIndex struct {
	byID map[uuid.UUID]*entry
}

func indexLocal(d model.Dataset) (*localIndex, error) {
	loc := &localIndex{byID: make(map[uuid.UUID]*entry)}
	err := model.EachRecord(d, func(rec any, _ uuid.UUID) error {
		e := newEntry(rec)
		if prev := loc.byID[e.meta.ID]; prev != nil {
			return e.fail("id", "appears twice in this workspace (also as %s %q); run align check", prev.kind.String(), model.RecordLabel(prev.rec))
		}
		loc.byID[e.meta.ID] = e
		return nil
	})
	return loc, err
}

// incomingSet holds the incoming records, copied, normalised and validated,
// in the order they came.
type incomingSet struct {
	list []*entry
	byID map[uuid.UUID]*entry
}

func prepareIncoming(d model.Dataset, now time.Time, maxSkew time.Duration) (*incomingSet, error) {
	inc := &incomingSet{byID: make(map[uuid.UUID]*entry)}
	err := model.EachRecord(d, func(rec any, listedUnder uuid.UUID) error {
		e := newEntry(model.NormalizedCopy(rec))
		if f := model.CheckMeta(e.rec, listedUnder, now, maxSkew, metaNames); f != nil {
			return e.fail(f.Field, "%s", f.Msg)
		}
		if err := validate(e); err != nil {
			return err
		}
		if prev := inc.byID[e.meta.ID]; prev != nil {
			return e.fail("id", "appears twice in the bundle (also as %s %q); every record needs its own id", prev.kind.String(), model.RecordLabel(prev.rec))
		}
		inc.byID[e.meta.ID] = e
		inc.list = append(inc.list, e)
		return nil
	})
	return inc, err
}

// metaNames are the field names a merge reports the common fields by.
var metaNames = model.MetaNames{ID: "id", Created: "created-at", Updated: "updated-at", Base: "base", Sprint: "sprint"}

func validate(e *entry) error {
	err := model.ValidateRecord(e.rec)
	if err == nil {
		return nil
	}
	re := e.fail("value", "%v", err)
	re.Err = err
	if fe, ok := err.(*model.FieldError); ok {
		re.Field, re.Msg = fe.Field, fe.Msg
	}
	return re
}
