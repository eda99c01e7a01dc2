package model

// Who may sign a bundle, and when an unsigned one is refused: the trust
// rules of align import. The signature's cryptography is the command
// line's; these rules decide what its result means.

import (
	"fmt"

	"github.com/google/uuid"
)

// KeyedFacilitator returns the handle of the member id names when that
// member is an active facilitator with registered keys in ms. Such a
// facilitator can sign, so an unsigned bundle in their name is refused:
// after the first import, plans must be signed by a facilitator known from
// before. Teams that register no keys are not affected.
func KeyedFacilitator(ms []Member, id uuid.UUID) (string, bool) {
	for _, m := range ms {
		if m.ID == id && m.Facilitator && m.Active && !m.Deleted && len(m.Keys) > 0 {
			return m.Handle, true
		}
	}
	return "", false
}

// CheckSigner decides whether a bundle signed with the key of fingerprint
// fp may count as written by author: author must be named, be an active
// member of ms, and own the key; owner is the live member of ms who
// registered the key (nil when none did). It returns the author's record.
// The signature itself must still verify over the bundle's bytes.
func CheckSigner(ms []Member, author uuid.UUID, fp string, owner *Member) (Member, error) {
	var me *Member
	for i := range ms {
		if ms[i].ID == author {
			me = &ms[i]
		}
	}
	switch {
	case author == uuid.Nil:
		return Member{}, fmt.Errorf("it is signed with %s but names no author to check the key against", fp)
	case me == nil:
		return Member{}, fmt.Errorf("it names author %s, who is not a member of this workspace", author)
	case me.Deleted || !me.Active:
		return Member{}, fmt.Errorf("it is signed by %s, who was removed from the team, so their keys no longer sign bundles", me.Handle)
	case owner == nil:
		return Member{}, fmt.Errorf("it is signed with the key %s, which is not one of %s's registered keys (no member of this workspace has it)", fp, me.Handle)
	case owner.ID != me.ID:
		return Member{}, fmt.Errorf("it names %s as its author but is signed with %s's key %s", me.Handle, owner.Handle, fp)
	}
	return *me, nil
}
