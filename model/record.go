package model

// The eight record kinds, in one table: what every kind is called, where
// its Meta and sprint are, and how to copy, label and compare a record of
// any kind. Code that must treat every kind alike (merge, authority, the
// store's codec, imports) goes through these functions instead of a type
// switch of its own, so that a kind added later is handled everywhere.

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"unicode/utf8"

	"github.com/google/uuid"
)

// RecordKind is one of the eight record types, in the order reports list
// them.
type RecordKind int

// The record kinds.
const (
	KindGoal RecordKind = iota
	KindMember
	KindSprint
	KindObjective
	KindStory
	KindAssessment
	KindOutcome
	KindAction
)

// RecordKinds lists every kind in report order.
var RecordKinds = []RecordKind{KindGoal, KindMember, KindSprint, KindObjective, KindStory, KindAssessment, KindOutcome, KindAction}

var kindNames = [...]string{"goal", "member", "sprint", "objective", "story", "assessment", "outcome", "action item"}

// String is the word users see for the kind: "goal", …, "action item".
func (k RecordKind) String() string { return kindNames[k] }

// InSprint reports whether records of the kind belong to a sprint (all
// but goals and members).
func (k RecordKind) InSprint() bool { return k != KindGoal && k != KindMember }

// Describe returns rec's kind, its Meta and the sprint it belongs to (its
// own ID for a sprint, nil for goals and members). ok is false when rec is
// not one of the eight records.
func Describe(rec any) (kind RecordKind, meta Meta, sprint uuid.UUID, ok bool) {
	switch r := rec.(type) {
	case Goal:
		return KindGoal, r.Meta, uuid.Nil, true
	case Member:
		return KindMember, r.Meta, uuid.Nil, true
	case Sprint:
		return KindSprint, r.Meta, r.ID, true
	case Objective:
		return KindObjective, r.Meta, r.SprintID, true
	case Story:
		return KindStory, r.Meta, r.SprintID, true
	case Assessment:
		return KindAssessment, r.Meta, r.SprintID, true
	case Outcome:
		return KindOutcome, r.Meta, r.SprintID, true
	case ActionItem:
		return KindAction, r.Meta, r.SprintID, true
	}
	return 0, Meta{}, uuid.Nil, false
}

// MetaOf returns the Meta of a record of any kind.
func MetaOf(rec any) Meta {
	_, m, _, _ := Describe(rec)
	return m
}

// WithDeleted returns a copy of rec with its Deleted flag set to d.
func WithDeleted(rec any, d bool) any {
	switch r := rec.(type) {
	case Goal:
		r.Deleted = d
		return r
	case Member:
		r.Deleted = d
		return r
	case Sprint:
		r.Deleted = d
		return r
	case Objective:
		r.Deleted = d
		return r
	case Story:
		r.Deleted = d
		return r
	case Assessment:
		r.Deleted = d
		return r
	case Outcome:
		r.Deleted = d
		return r
	case ActionItem:
		r.Deleted = d
		return r
	}
	return rec
}

// meta is promoted to a pointer to every record, giving NormalizedCopy
// the record's Meta.
func (m *Meta) meta() *Meta { return m }

// EachRecord visits every record of d with the sprint it is listed under
// (nil for goals and members): goals, members, then each sprint's header,
// objectives, stories, assessments (both rounds), outcomes and actions.
// It stops at, and returns, the first error visit returns.
func EachRecord(d Dataset, visit func(rec any, listedUnder uuid.UUID) error) error {
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
		if err := EachSprintRecord(sd, func(rec any) error { return visit(rec, sd.Sprint.ID) }); err != nil {
			return err
		}
	}
	return nil
}

// EachSprintRecord visits a sprint's header and every record listed under
// it, in EachRecord's order.
func EachSprintRecord(sd SprintData, visit func(rec any) error) error {
	if err := visit(sd.Sprint); err != nil {
		return err
	}
	lists := []func() error{
		func() error { return visitAll(sd.Objectives, visit) },
		func() error { return visitAll(sd.Stories, visit) },
		func() error { return visitAll(sd.Assessments, visit) },
		func() error { return visitAll(sd.Round2, visit) },
		func() error { return visitAll(sd.Outcomes, visit) },
		func() error { return visitAll(sd.Actions, visit) },
	}
	for _, l := range lists {
		if err := l(); err != nil {
			return err
		}
	}
	return nil
}

func visitAll[T any](list []T, visit func(rec any) error) error {
	for _, r := range list {
		if err := visit(r); err != nil {
			return err
		}
	}
	return nil
}

// CopyRecord copies rec so that the copy shares no memory with it.
func CopyRecord(rec any) any {
	switch r := rec.(type) {
	case Member:
		if r.Keys != nil {
			r.Keys = append([]string(nil), r.Keys...)
		}
		return r
	case Objective:
		r.Baseline = copyInt(r.Baseline)
		return r
	case Outcome:
		r.Agreed = copyInt(r.Agreed)
		return r
	default:
		return rec // the other records hold no pointers or slices
	}
}

func copyInt(p *int) *int {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// NormalizedCopy returns a deep copy of rec with its text normalised and
// its times in UTC: the form in which an incoming record is validated and
// stored.
func NormalizedCopy(rec any) any {
	c := reflect.New(reflect.TypeOf(rec))
	c.Elem().Set(reflect.ValueOf(CopyRecord(rec)))
	if r, ok := c.Interface().(interface {
		Normalize()
		meta() *Meta
	}); ok {
		m := r.meta()
		m.CreatedAt, m.UpdatedAt, m.Base = m.CreatedAt.UTC(), m.UpdatedAt.UTC(), m.Base.UTC()
		r.Normalize()
	}
	return c.Elem().Interface()
}

// RecordLabel names a record from its own fields: a title, a handle, a
// sprint's name, a story's key and title, an action's text; "" for the
// kinds that are named by what they refer to (assessments, outcomes).
func RecordLabel(rec any) string {
	var s string
	switch r := rec.(type) {
	case Goal:
		s = r.Title
	case Member:
		s = r.Handle
	case Sprint:
		s = r.Name
	case Objective:
		s = r.Title
	case Story:
		s = r.Title
		if r.Key != "" {
			s = r.Key + " " + s
		}
	case ActionItem:
		s = r.Text
	}
	return Truncate(s, 60)
}

// Truncate shortens s to at most n runes, marking the cut with "…".
func Truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// IDLess orders IDs by their bytes; IDs are UUIDv7, so this is the order
// they were created in.
func IDLess(a, b uuid.UUID) bool { return bytes.Compare(a[:], b[:]) < 0 }

// SameVersion reports whether two records are identical versions: equal
// in every field, Deleted included.
func SameVersion(a, b any) bool {
	return MetaOf(a).Deleted == MetaOf(b).Deleted && SameContent(a, b)
}

// SameContent reports whether two records agree in every field but
// Deleted. Most records compared are identical, so it first tries a cheap
// comparison and encodes them (Encode) only when that fails.
func SameContent(a, b any) bool { return QuickEqual(a, b) || Encode(a) == Encode(b) }

// QuickEqual compares two records of one kind with ==, ignoring Deleted;
// false means "not known to be equal" (times in different zones, say).
func QuickEqual(a, b any) bool {
	switch x := a.(type) {
	case Goal:
		y, ok := b.(Goal)
		x.Deleted, y.Deleted = false, false
		return ok && x == y
	case Member:
		y, ok := b.(Member)
		if !ok || !slices.Equal(x.Keys, y.Keys) {
			return false
		}
		x.Deleted, y.Deleted, x.Keys, y.Keys = false, false, nil, nil
		return reflect.DeepEqual(x, y)
	case Sprint:
		y, ok := b.(Sprint)
		x.Deleted, y.Deleted = false, false
		return ok && x == y
	case Objective:
		y, ok := b.(Objective)
		if !ok || !equalInt(x.Baseline, y.Baseline) {
			return false
		}
		x.Deleted, y.Deleted, x.Baseline, y.Baseline = false, false, nil, nil
		return x == y
	case Story:
		y, ok := b.(Story)
		x.Deleted, y.Deleted = false, false
		return ok && x == y
	case Assessment:
		y, ok := b.(Assessment)
		x.Deleted, y.Deleted = false, false
		return ok && x == y
	case Outcome:
		y, ok := b.(Outcome)
		if !ok || !equalInt(x.Agreed, y.Agreed) {
			return false
		}
		x.Deleted, y.Deleted, x.Agreed, y.Agreed = false, false, nil, nil
		return x == y
	case ActionItem:
		y, ok := b.(ActionItem)
		x.Deleted, y.Deleted = false, false
		return ok && x == y
	}
	return false
}

func equalInt(a, b *int) bool { return a == nil && b == nil || a != nil && b != nil && *a == *b }

// NormalizeAll normalises every record of d in place (each kind's
// Normalize): the one normalisation every way in (the store's Apply, a
// merge's incoming records through NormalizedCopy) uses. d's slices are
// written to: copy them first when they are the caller's.
func NormalizeAll(d *Dataset) {
	normalizeEach(d.Goals)
	normalizeEach(d.Members)
	for i := range d.Sprints {
		sd := &d.Sprints[i]
		sd.Sprint.Normalize()
		normalizeEach(sd.Objectives)
		normalizeEach(sd.Stories)
		normalizeEach(sd.Assessments)
		normalizeEach(sd.Round2)
		normalizeEach(sd.Outcomes)
		normalizeEach(sd.Actions)
	}
}

func normalizeEach[T any, P interface {
	*T
	Normalize()
}](xs []T) {
	for i := range xs {
		P(&xs[i]).Normalize()
	}
}

// ValidateRecord checks a record of any kind by its own rules (its
// Validate method): the validation that decides whether a record may be
// stored, whichever way it comes in.
func ValidateRecord(rec any) error {
	if r, ok := rec.(interface{ Validate() error }); ok {
		return r.Validate()
	}
	return fmt.Errorf("%T is not a record", rec)
}
