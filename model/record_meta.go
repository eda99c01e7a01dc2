package model

// The rules for the fields every record carries (ID, times, base) and for
// the sprint a record belongs to: one function decides them, in one order
// and one wording, for every way a record comes in (a bundle's decoder, a
// merge, the store's Apply).

import (
	"fmt"
	"time"

	"github.com/google/uuid"
)

// MetaNames spells the fields CheckMeta reports as the caller's format
// spells them (a bundle's keys, a merge's field names).
type MetaNames struct {
	ID, Created, Updated, Base, Sprint string
}

// BundleMetaNames are the bundle's keys for the fields every record has.
var BundleMetaNames = MetaNames{ID: "id", Created: "created_at", Updated: "updated_at", Base: "base", Sprint: "sprint"}

// MetaFault is what is wrong with a record's common fields: the field (as
// MetaNames spell it) and why.
type MetaFault struct {
	Field string
	Msg   string
}

// Error returns the field and what is wrong with it.
func (f *MetaFault) Error() string { return f.Field + ": " + f.Msg }

// CheckMeta decides whether the common fields of rec, listed under sprint
// listedUnder (nil for goals and members), may be stored. In this order:
// the ID is not the nil UUID; the creation, then the update time is set
// and not more than maxSkew after now (a zero now skips that check: the
// caller has no clock to trust); the update is not before the creation; a base, when
// set, is from the creation up to but not including the update; a
// sprint's record says the sprint it is listed under. It returns the
// first fault, or nil.
func CheckMeta(rec any, listedUnder uuid.UUID, now time.Time, maxSkew time.Duration, names MetaNames) *MetaFault {
	kind, m, sprint, ok := Describe(rec)
	if !ok {
		return &MetaFault{Field: names.ID, Msg: fmt.Sprintf("%T is not a record", rec)}
	}
	fault := func(field, format string, args ...any) *MetaFault {
		return &MetaFault{Field: field, Msg: fmt.Sprintf(format, args...)}
	}
	if m.ID == uuid.Nil {
		return fault(names.ID, "the nil UUID is not allowed; every record needs a unique id")
	}
	for _, f := range []struct {
		name string
		t    time.Time
	}{{names.Created, m.CreatedAt}, {names.Updated, m.UpdatedAt}} {
		if f.t.IsZero() {
			return fault(f.name, "is missing: created and updated times are required on every record")
		}
		if !now.IsZero() && f.t.After(now.Add(maxSkew)) {
			return fault(f.name, "%s is in the future: this machine's clock says %s and allows at most %s ahead; check the clock of the machine that exported it",
				f.t.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339), maxSkew)
		}
	}
	if m.UpdatedAt.Before(m.CreatedAt) {
		return fault(names.Updated, "%s is before %s %s", stamp(m.UpdatedAt), names.Created, stamp(m.CreatedAt))
	}
	if b := m.Base; !b.IsZero() && (b.Before(m.CreatedAt) || !b.Before(m.UpdatedAt)) {
		return fault(names.Base, "%s is not between %s %s and %s %s; base is the update time of the version this one was edited from (null if never edited)",
			stamp(b), names.Created, stamp(m.CreatedAt), names.Updated, stamp(m.UpdatedAt))
	}
	if kind.InSprint() && kind != KindSprint && sprint != listedUnder {
		if sprint == uuid.Nil {
			return fault(names.Sprint, "is missing; it must be the sprint the record is listed under (%s)", listedUnder)
		}
		return fault(names.Sprint, "it says sprint %s but is listed under sprint %s", sprint, listedUnder)
	}
	return nil
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }
