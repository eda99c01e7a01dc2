package cli

import (
	"fmt"
	"strings"

	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
)

// This file resolves the acting member, once per command and by one rule
// for every command: the TUI (align, align demo), assess, the commands
// that check the member's authority and the export's author. What is
// passed down is the member itself (the TUI gets its id): nothing below
// looks a handle up again. align serve resolves its member from the SSH
// key (serve.MemberForKey) and passes the id down the same way.

// actingGiven returns the handle given for the acting member, from --as or
// else $ALIGN_MEMBER, and how to name where it came from in a message
// ("--as zed", "ALIGN_MEMBER=zed"); both are "" when none is given.
func (a *app) actingGiven() (handle, source string) {
	if a.asFlag != "" {
		return a.asFlag, "--as " + a.asFlag
	}
	if h := a.env.Getenv("ALIGN_MEMBER"); h != "" {
		return h, "ALIGN_MEMBER=" + h
	}
	return "", ""
}

// actingMember resolves the acting member in st; ok is false when neither
// --as nor $ALIGN_MEMBER names one. A handle that names nobody, or a member
// removed from the team, is an error.
func (a *app) actingMember(st *store.Store) (m model.Member, ok bool, err error) {
	given, source := a.actingGiven()
	if strings.TrimSpace(given) == "" {
		return model.Member{}, false, nil
	}
	ms, err := st.Members()
	if err != nil {
		return model.Member{}, false, err
	}
	m, err = actingAmong(given, source, ms)
	return m, err == nil, err
}

// requiredMember is actingMember for a command that cannot run without
// one (assess).
func (a *app) requiredMember(st *store.Store) (model.Member, error) {
	m, ok, err := a.actingMember(st)
	if err == nil && !ok {
		err = fmt.Errorf("no member given; pass --as HANDLE or set ALIGN_MEMBER (see `%s`)", kindMember.listCmd)
	}
	return m, err
}

// handleKey is how a typed handle names a member: trimmed, without a
// leading "@", lower-case (handles are stored lower-case), so that "Ana",
// "@ANA" and "ana" are the same member.
func handleKey(h string) string {
	return strings.ToLower(strings.TrimPrefix(strings.TrimSpace(h), "@"))
}

// actingAmong is the one rule for the acting member: given (as typed, see
// handleKey) names a member of ms that is not deleted and still on the
// team. source says where given came from, for the messages, which list
// the handles to choose from.
func actingAmong(given, source string, ms []model.Member) (model.Member, error) {
	want := handleKey(given)
	var handles []string
	for _, m := range ms {
		if m.Deleted {
			continue
		}
		if m.Handle == want {
			if !m.Active {
				return model.Member{}, fmt.Errorf("%s: %s was removed from the team; bring them back with `align member add %q --handle %s`", source, m.Handle, m.Name, m.Handle)
			}
			return m, nil
		}
		if m.Active {
			handles = append(handles, m.Handle)
		}
	}
	if len(handles) == 0 {
		return model.Member{}, fmt.Errorf("no member has the handle %q (%s: no such member): the workspace has no members yet; add one with `align member add NAME --handle H`", given, source)
	}
	return model.Member{}, fmt.Errorf("no member has the handle %q (%s: no such member); choose one of: %s", given, source, strings.Join(handles, ", "))
}
