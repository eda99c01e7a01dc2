package merge

// Joining two versions of one record (rules 1 and 2 of Merge) and telling
// whether they are a conflict.

import (
	"fmt"
	"time"

	"github.com/align-team/align/model"
)

// join applies rules 1 and 2 to two versions of one record and says why
// the pair is a conflict, if it is one. Which version wins never depends on
// whether the pair is a conflict.
func join(l, in *entry) (*entry, string) {
	if sameContent(l, in) {
		if in.meta.Deleted && !l.meta.Deleted {
			return in, ""
		}
		return l, ""
	}
	win := l
	if rankLess(l, in) {
		win = in
	}
	out := win
	if (l.meta.Deleted || in.meta.Deleted) && !win.meta.Deleted {
		out = win.withDeleted(true)
	}
	switch {
	case l.meta.Deleted && in.meta.Deleted:
		return out, "" // two tombstones: nothing is lost that anyone sees
	case l.meta.Deleted != in.meta.Deleted:
		live, dead := l, in
		if l.meta.Deleted {
			live, dead = in, l
		}
		if !live.meta.UpdatedAt.Before(dead.meta.UpdatedAt) {
			return out, fmt.Sprintf("edited on one side (%s) after it was deleted on the other (%s); it stays deleted",
				stamp(live.meta.UpdatedAt), stamp(dead.meta.UpdatedAt))
		}
		if concurrent(l, in) {
			return out, fmt.Sprintf("edited on one side (%s) and deleted on the other (%s), neither from the other's version; it stays deleted",
				stamp(live.meta.UpdatedAt), stamp(dead.meta.UpdatedAt))
		}
	case l.meta.UpdatedAt.Equal(in.meta.UpdatedAt):
		return out, fmt.Sprintf("both sides changed it at the same moment (%s); kept the %s one by the tie-break rule",
			stamp(l.meta.UpdatedAt), side(win == in))
	case concurrent(l, in):
		return out, fmt.Sprintf("both sides changed it, neither from the other's version; kept the later, %s one",
			side(win == in))
	}
	return out, ""
}

// concurrent reports whether two differing versions of one record are
// provably independent edits: neither is the other's base or older than it,
// so neither side had seen the other's version when it made its own.
func concurrent(a, b *entry) bool {
	baseA, okA := base(a.meta)
	baseB, okB := base(b.meta)
	return okA && okB && b.meta.UpdatedAt.After(baseA) && a.meta.UpdatedAt.After(baseB)
}

// base returns the UpdatedAt of the version m was edited from: Base, or
// CreatedAt for a version never edited (zero Base, UpdatedAt equal to
// CreatedAt). ok is false when the history is unknown: a zero Base on an
// edited version, which only a version written before Base existed has.
func base(m model.Meta) (time.Time, bool) {
	switch {
	case !m.Base.IsZero():
		return m.Base, true
	case m.UpdatedAt.Equal(m.CreatedAt):
		return m.CreatedAt, true
	}
	return time.Time{}, false
}

func side(incoming bool) string {
	if incoming {
		return "incoming"
	}
	return "local"
}

func stamp(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05.999999 UTC") }

// rankLess orders two versions of one record by rule 1: UpdatedAt, then
// the canonical encoding.
func rankLess(a, b *entry) bool {
	if c := a.meta.UpdatedAt.Compare(b.meta.UpdatedAt); c != 0 {
		return c < 0
	}
	return a.encoding() < b.encoding()
}

// sameContent reports whether two versions agree in every field but
// Deleted. Most versions a merge compares are identical, so it first tries a
// cheap comparison of the values and encodes them only when that fails
// (times in different zones, say).
func sameContent(a, b *entry) bool {
	if a.kind == b.kind && a.meta.ID == b.meta.ID && a.meta.UpdatedAt.Equal(b.meta.UpdatedAt) && model.QuickEqual(a.rec, b.rec) {
		return true
	}
	return a.encoding() == b.encoding()
}
