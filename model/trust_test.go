package model

import (
	"strings"
	"testing"

	"github.com/google/uuid"
)

func TestKeyedFacilitator(t *testing.T) {
	fac := fxMember(1, "fay", true)
	fac.Facilitator, fac.Keys = true, []string{"ssh-ed25519 AAAA fay"}
	noKeys := fac
	noKeys.ID, noKeys.Keys = fxID(2), nil
	gone := fac
	gone.ID, gone.Active = fxID(3), false
	member := fac
	member.ID, member.Facilitator = fxID(4), false
	ms := []Member{fac, noKeys, gone, member}
	for _, tc := range []struct {
		id   uuid.UUID
		want bool
	}{{fac.ID, true}, {noKeys.ID, false}, {gone.ID, false}, {member.ID, false}, {fxID(9), false}} {
		if h, ok := KeyedFacilitator(ms, tc.id); ok != tc.want || ok && h != "fay" {
			t.Errorf("KeyedFacilitator(%s) = %q, %v; want %v", tc.id, h, ok, tc.want)
		}
	}
}

func TestCheckSigner(t *testing.T) {
	fay, bo := fxMember(1, "fay", true), fxMember(2, "bo", true)
	gone := fxMember(3, "cy", false)
	ms := []Member{fay, bo, gone}
	for _, tc := range []struct {
		name   string
		author uuid.UUID
		owner  *Member
		want   string // "" when accepted
	}{
		{"the author's own key", fay.ID, &fay, ""},
		{"no author", uuid.Nil, &fay, "names no author"},
		{"not a member", fxID(9), &fay, "not a member of this workspace"},
		{"removed from the team", gone.ID, &gone, "cy, who was removed from the team"},
		{"nobody's key", fay.ID, nil, "not one of fay's registered keys"},
		{"another member's key", fay.ID, &bo, "names fay as its author but is signed with bo's key"},
	} {
		me, err := CheckSigner(ms, tc.author, "SHA256:x", tc.owner)
		switch {
		case tc.want == "" && (err != nil || me.ID != tc.author):
			t.Errorf("%s: %v, %v", tc.name, me.ID, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: %v, want an error with %q", tc.name, err, tc.want)
		}
	}
}
