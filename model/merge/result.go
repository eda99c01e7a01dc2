package merge

// Building a merge's result, and applying it to a Dataset.

import (
	"sort"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// buildResult lists the changes and the records to write.
func buildResult(loc *localIndex, inc *incomingSet, merged map[uuid.UUID]*entry,
	conflict map[uuid.UUID]bool, notes map[uuid.UUID]string, lost map[uuid.UUID]keyLoss) Result {
	ids := make([]uuid.UUID, 0, len(inc.list)+len(lost))
	for _, e := range inc.list {
		ids = append(ids, e.meta.ID)
	}
	for id := range lost {
		if inc.byID[id] == nil {
			ids = append(ids, id)
		}
	}
	res := Result{Counts: make(map[model.ChangeKind]int)}
	var written []*entry
	name := namer(merged)
	for _, id := range ids {
		m, l, in := merged[id], loc.byID[id], inc.byID[id]
		write := l == nil || !l.same(m)
		c := model.Change{Record: m.kind.String(), ID: id, Label: label(m, merged), Note: notes[id]}
		switch {
		case conflict[id]:
			c.Kind = model.ChangeConflict
		case l == nil && !m.meta.Deleted:
			c.Kind = model.ChangeAdded
		case !write:
			c.Kind = model.ChangeUnchanged
			if in != nil && !l.same(in) {
				c.Note = "this workspace holds a newer version; the incoming one is older and is ignored"
			}
		case m.meta.Deleted:
			c.Kind = model.ChangeDeleted
			switch {
			case l == nil:
				c.Note = "deleted elsewhere; recorded so that an older copy cannot bring it back"
			case l.meta.Deleted:
				c.Note = "already deleted here; the newer tombstone is recorded"
			}
		default:
			c.Kind = model.ChangeUpdated
		}
		if kl, ok := lost[id]; ok {
			a, b := pickPair(loc, inc, id, kl.survivor)
			c.Local, c.Incoming = renderPair(a, b, name)
		} else if l != nil && in != nil && !l.same(in) {
			c.Local, c.Incoming = renderPair(l, in, name)
		} else if c.Kind == model.ChangeDeleted && l == nil {
			_, c.Incoming = renderPair(nil, in, name)
		}
		res.Changes = append(res.Changes, c)
		res.Counts[c.Kind]++
		if write {
			written = append(written, m)
		}
	}
	sort.Slice(res.Changes, func(i, j int) bool {
		a, b := res.Changes[i], res.Changes[j]
		if ka, kb := merged[a.ID].kind, merged[b.ID].kind; ka != kb {
			return ka < kb
		}
		return model.IDLess(a.ID, b.ID)
	})
	res.Write = writeSet(written, merged)
	return res
}

// pickPair chooses what to show for a record x that lost its natural key
// to survivor s: preferably x on one side against s on the other.
func pickPair(loc *localIndex, inc *incomingSet, x, s uuid.UUID) (*entry, *entry) {
	lx, ls, ix, is := loc.byID[x], loc.byID[s], inc.byID[x], inc.byID[s]
	switch {
	case lx != nil && is != nil:
		return lx, is
	case ls != nil && ix != nil:
		return ls, ix
	case lx != nil && ix != nil:
		return lx, ix
	}
	first := func(a, b *entry) *entry {
		if a != nil {
			return a
		}
		return b
	}
	return first(lx, ls), first(ix, is)
}

// writeSet builds the Dataset of records to write, each sprint's records
// under their merged sprint header, sorted by ID.
func writeSet(written []*entry, merged map[uuid.UUID]*entry) model.Dataset {
	acc := model.NewBuilder()
	for _, e := range written {
		var header model.Sprint
		if e.kind.InSprint() {
			header = merged[e.sprint].rec.(model.Sprint)
		}
		acc.Put(e.rec, header)
	}
	return acc.Dataset()
}
