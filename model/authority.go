package model

// Who may change what: the rules an import applies to a bundle's author.

import (
	"fmt"
	"slices"

	"github.com/google/uuid"
)

// Author is the member a bundle names as its writer, and whether a
// signature by one of that member's registered keys proves it.
type Author struct {
	ID uuid.UUID
	// Signed is true when the bundle's signature was verified against a key
	// the importing workspace already knew for this member.
	Signed bool
}

// Refusal is one change that a bundle's author may not make, or a reason
// why the author may make none at all (then ID is uuid.Nil).
type Refusal struct {
	// Record is the record type ("member", "sprint", …) or "bundle".
	Record string
	ID     uuid.UUID
	// Msg names the author, the record and what the bundle tried, e.g.
	// "bo may not change fay's keys".
	Msg string
}

// CheckAuthority returns every change in write that author may not make to
// local, in a stable order; none means the bundle may be applied. write
// holds the records a merge would write (merge.Result.Write); a record equal
// to its local version is no change and needs no authority.
//
// The rules, decided by the roles held in local, never by the bundle:
//   - a member may change their own estimates (add, edit, withdraw them)
//     and their own display name, nothing else;
//   - a facilitator may change everything else: goals, sprints and their
//     state, objectives, stories, outcomes, action items, members, roles and
//     keys. Keys and roles change only when Signed: an unsigned bundle
//     cannot be told apart from one anybody wrote, and keys and roles decide
//     who may sign and change what, so a forged plan must not hand them out;
//   - the owner of an action item may also tick it off (change Done only);
//   - the author must be an active member of local. A local workspace with
//     no members at all trusts its first bundle whole (trust on first use):
//     there is nobody to protect yet, and that bundle names the team.
func CheckAuthority(local, write Dataset, author Author) []Refusal {
	if len(local.Members) == 0 {
		return nil
	}
	loc := map[uuid.UUID]any{}
	_ = EachRecord(local, func(rec any, _ uuid.UUID) error {
		loc[MetaOf(rec).ID] = rec
		return nil
	})
	var changed []any
	_ = EachRecord(write, func(rec any, _ uuid.UUID) error {
		if l, ok := loc[MetaOf(rec).ID]; ok && SameVersion(l, rec) {
			return nil
		}
		changed = append(changed, rec)
		return nil
	})
	if len(changed) == 0 {
		return nil
	}
	n := newAuthNames(local, write)
	me, ok := loc[author.ID].(Member)
	switch {
	case author.ID == uuid.Nil:
		return []Refusal{{Record: "bundle", Msg: "the bundle names no author, so nobody may make its changes; export it again with --as HANDLE"}}
	case !ok:
		return []Refusal{{Record: "bundle", Msg: fmt.Sprintf("the bundle's author %s is not a member of this workspace, so may change nothing", author.ID)}}
	case removed(me):
		return []Refusal{removedRefusal(me)}
	}
	c := authCheck{me: me, facilitator: me.Facilitator, signed: author.Signed, n: n, loc: loc}
	var out []Refusal
	for _, rec := range changed {
		out = append(out, c.record(rec)...)
	}
	return out
}

// authCheck checks the changes of one bundle by one author.
type authCheck struct {
	me          Member
	facilitator bool
	signed      bool
	n           authNames
	loc         map[uuid.UUID]any
}

// record returns the refusals of one changed record.
func (c authCheck) record(rec any) []Refusal {
	kind, meta, _, _ := Describe(rec)
	l, exists := c.loc[meta.ID]
	refuse := func(what string) []Refusal {
		return []Refusal{{Record: kind.String(), ID: meta.ID, Msg: c.me.Handle + " may not " + what}}
	}
	verb := "change"
	switch {
	case !exists:
		verb = "add"
	case meta.Deleted && !MetaOf(l).Deleted:
		verb = "delete"
	}
	switch r := rec.(type) {
	case Member:
		var lm *Member
		if exists {
			m := l.(Member)
			lm = &m
		}
		return c.member(r, lm)
	case Assessment:
		if c.facilitator || r.MemberID == c.me.ID {
			return nil
		}
		return refuse(fmt.Sprintf("%s %s's estimate on %q", verb, c.n.member(r.MemberID), c.n.objective(r.ObjectiveID)))
	case ActionItem:
		if c.facilitator {
			return nil
		}
		if exists {
			la := l.(ActionItem)
			if la.OwnerID == c.me.ID && onlyDoneChanged(la, r) {
				return nil
			}
		}
		return refuse(fmt.Sprintf("%s action item %q", verb, Truncate(r.Text, 60)))
	case Outcome:
		if c.facilitator {
			return nil
		}
		return refuse(fmt.Sprintf("%s the outcome of %q", verb, c.n.objective(r.ObjectiveID)))
	case Sprint:
		if c.facilitator {
			return nil
		}
		what := fmt.Sprintf("%s sprint %q", verb, r.Name)
		if exists && l.(Sprint).State != r.State {
			what += fmt.Sprintf(" (state %s → %s)", l.(Sprint).State, r.State)
		}
		return refuse(what)
	}
	if c.facilitator {
		return nil
	}
	return refuse(fmt.Sprintf("%s %s %q", verb, kind, RecordLabel(rec)))
}

// onlyDoneChanged reports whether b differs from a at most in Done and in
// the version's times; a deletion is more than that.
func onlyDoneChanged(a, b ActionItem) bool {
	if a.Deleted != b.Deleted {
		return false
	}
	b.Meta, b.Done = a.Meta, a.Done
	return a == b
}

// member returns the refusals of one changed member record; l is the local
// version, nil when the member is new here.
func (c authCheck) member(m Member, l *Member) []Refusal {
	var out []Refusal
	refuse := func(what string) {
		out = append(out, Refusal{Record: "member", ID: m.ID, Msg: c.me.Handle + " may not " + what})
	}
	if l == nil {
		switch {
		case !c.facilitator:
			refuse(fmt.Sprintf("add member %s", m.Handle))
		case len(m.Keys) > 0 && !c.signed:
			out = append(out, unsigned(m.Handle, "keys change"))
		case m.Facilitator && !c.signed:
			out = append(out, unsigned(m.Handle, "role changes"))
		}
		return out
	}
	own := m.ID == c.me.ID
	whose := l.Handle + "'s"
	if l.Deleted != m.Deleted && !c.facilitator {
		refuse("delete member " + l.Handle)
	}
	if l.Name != m.Name && !own && !c.facilitator {
		refuse(fmt.Sprintf("change %s name (%q → %q)", whose, l.Name, m.Name))
	}
	if l.Handle != m.Handle && !c.facilitator {
		refuse(fmt.Sprintf("change %s handle (%s → %s)", whose, l.Handle, m.Handle))
	}
	if l.Active != m.Active && !c.facilitator {
		refuse(fmt.Sprintf("change whether %s is on the team (active %t → %t)", l.Handle, l.Active, m.Active))
	}
	if l.NoEstimates != m.NoEstimates && !c.facilitator {
		refuse(fmt.Sprintf("change whether %s estimates (no-estimates %t → %t)", l.Handle, l.NoEstimates, m.NoEstimates))
	}
	if l.Facilitator != m.Facilitator {
		switch {
		case !c.facilitator:
			refuse(fmt.Sprintf("change %s role (%s → %s)", whose, RoleName(l.Facilitator), RoleName(m.Facilitator)))
		case !c.signed:
			out = append(out, unsigned(l.Handle, "role changes"))
		}
	}
	if !slices.Equal(l.Keys, m.Keys) {
		switch {
		case !c.facilitator:
			refuse(fmt.Sprintf("change %s keys", whose))
		case !c.signed:
			out = append(out, unsigned(l.Handle, "keys change"))
		}
	}
	return out
}

// unsigned refuses a change of keys or role that comes without a signature.
func unsigned(handle, what string) Refusal {
	return Refusal{Record: "member", Msg: fmt.Sprintf("%s's %s only in a bundle signed by a facilitator, and this one is not signed", handle, what)}
}

// RoleName is "facilitator" or "member".
func RoleName(facilitator bool) string {
	if facilitator {
		return "facilitator"
	}
	return "member"
}

// authNames looks up handles and objective titles in local and incoming
// records, for messages.
type authNames struct {
	handles, titles map[uuid.UUID]string
}

func newAuthNames(ds ...Dataset) authNames {
	n := authNames{handles: map[uuid.UUID]string{}, titles: map[uuid.UUID]string{}}
	for _, d := range ds {
		for _, m := range d.Members {
			if _, ok := n.handles[m.ID]; !ok {
				n.handles[m.ID] = m.Handle
			}
		}
		for _, sd := range d.Sprints {
			for _, o := range sd.Objectives {
				if _, ok := n.titles[o.ID]; !ok {
					n.titles[o.ID] = o.Title
				}
			}
		}
	}
	return n
}

func (n authNames) member(id uuid.UUID) string {
	if h, ok := n.handles[id]; ok {
		return h
	}
	return "member " + id.String()
}

func (n authNames) objective(id uuid.UUID) string {
	if t, ok := n.titles[id]; ok {
		return Truncate(t, 60)
	}
	return id.String()
}
