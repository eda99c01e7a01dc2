package model

// Who may change what, applied to one write of a live session: the same
// rules CheckAuthority applies to a bundle's author, checked record by
// record inside the store's write transaction.

import (
	"fmt"

	"github.com/google/uuid"
)

// removed reports whether m may change nothing: deleted or no longer on
// the team.
func removed(m Member) bool { return m.Deleted || !m.Active }

// removedRefusal is the refusal of every change by a removed member.
func removedRefusal(m Member) Refusal {
	return Refusal{Record: "bundle", Msg: fmt.Sprintf("%s was removed from the team, so may change nothing", m.Handle)}
}

// CheckWrite returns why the acting member may not write rec, or nothing
// when they may. me is the acting member as stored now (found is false when
// no record of them exists); old is the stored version of rec, nil when rec
// is new; names holds the members and objectives messages may name. The rules are CheckAuthority's: a removed member may change
// nothing, a member only their own estimates, their own name and the Done
// of their own action items, a facilitator everything. A session has proved
// its member's key, so it counts as signed: a facilitator may change roles
// and keys.
func CheckWrite(me Member, found bool, old, rec any, names Dataset) []Refusal {
	if rs := CheckStanding(me, found); rs != nil {
		return rs
	}
	loc := map[uuid.UUID]any{}
	if old != nil {
		if SameVersion(old, rec) {
			return nil
		}
		loc[MetaOf(old).ID] = old
	}
	n := newAuthNames(names)
	n.handles[me.ID] = me.Handle
	for _, r := range []any{old, rec} {
		switch v := r.(type) {
		case Member:
			n.handles[v.ID] = v.Handle
		case Objective:
			n.titles[v.ID] = v.Title
		}
	}
	c := authCheck{me: me, facilitator: me.Facilitator, signed: true, n: n, loc: loc}
	return c.record(rec)
}

// CheckStanding returns why the acting member may change nothing at all:
// no record of them (found false) or removed from the team.
func CheckStanding(me Member, found bool) []Refusal {
	switch {
	case !found:
		return []Refusal{{Record: "bundle", Msg: fmt.Sprintf("member %s is not a member of this workspace, so may change nothing", me.ID)}}
	case removed(me):
		return []Refusal{removedRefusal(me)}
	}
	return nil
}

// CheckSettingsWrite returns why the acting member may not change the
// team's name or settings (anonymous reveal, time box, …): only a
// facilitator may. me and found are as for CheckWrite.
func CheckSettingsWrite(me Member, found bool) []Refusal {
	if rs := CheckStanding(me, found); rs != nil || me.Facilitator {
		return rs
	}
	return []Refusal{{Record: "settings", Msg: me.Handle + " may not change the team's name or settings"}}
}
