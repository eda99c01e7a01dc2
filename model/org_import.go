package model

import (
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"
)

// OrgKeepersOf returns the keeper keys a workspace trusts for the
// organisation it follows (Settings.OrgKeys, one key line per line).
func OrgKeepersOf(s Settings) []string {
	var out []string
	for _, l := range strings.Split(s.OrgKeys, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// TrustOrg returns s following organisation o: its name, and its keepers'
// keys as the ones the next goals file must be signed with.
func TrustOrg(s Settings, o Org) Settings {
	keys := make([]string, len(o.Keepers))
	for i, k := range o.Keepers {
		keys[i] = k.Key
	}
	s.Org, s.OrgKeys = o.Name, strings.Join(keys, "\n")
	return s
}

// CheckOrgSigner decides whether a goals file o, whose signature verified
// with the key of fingerprint fp, may be imported into a workspace with
// settings s. The key must be one of the file's own keepers'. A workspace
// that follows no organisation yet trusts the file's keepers on first use
// (firstUse true: show their fingerprints). One that follows an
// organisation takes only that organisation's goals, signed with a key it
// already trusts: a keeper may add or replace keepers, but a file signed
// by a newcomer alone is refused.
func CheckOrgSigner(s Settings, o Org, fp string) (firstUse bool, err error) {
	name, ok := o.KeeperFingerprints()[fp]
	if !ok {
		return false, fmt.Errorf("it is signed with the key %s, which is not one of the file's keepers' keys", fp)
	}
	if s.Org == "" {
		return true, nil
	}
	if !strings.EqualFold(s.Org, o.Name) {
		return false, fmt.Errorf("this workspace follows the organisation %q, and the file holds the goals of %q", s.Org, o.Name)
	}
	for _, line := range OrgKeepersOf(s) {
		if k, ok := ParseKeyLine(line); ok && k.Fingerprint == fp {
			return false, nil
		}
	}
	return false, fmt.Errorf("it is signed by %s with %s, a key this workspace does not yet trust for %q; a keeper it trusts must sign the file that adds %s (this workspace trusts: %s)",
		name, fp, s.Org, name, strings.Join(fingerprintsOf(OrgKeepersOf(s)), ", "))
}

func fingerprintsOf(lines []string) []string {
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		if k, ok := ParseKeyLine(l); ok {
			out = append(out, k.Fingerprint)
		}
	}
	return out
}

// OrgImport works out what importing the organisation's goals into a
// workspace with goals local writes: every goal of the file that is new or
// differs, verbatim (same ID, the organisation's version wins, since its
// keepers own it). changes describes each write; notes names the team's
// own live goals that share a title with an organisation goal, so that
// the team can relink their objectives.
func OrgImport(local []Goal, o Org) (write []Goal, changes, notes []string) {
	byID := make(map[uuid.UUID]Goal, len(local))
	for _, g := range local {
		byID[g.ID] = g
	}
	orgTitle := map[string]Goal{}
	for _, g := range o.Goals {
		if !g.Archived && !g.Deleted {
			orgTitle[strings.ToLower(g.Title)] = g
		}
		old, ok := byID[g.ID]
		switch {
		case !ok:
			changes = append(changes, fmt.Sprintf("added    goal %q", g.Title))
		case sameGoal(old, g):
			continue
		default:
			changes = append(changes, "updated  goal "+goalDiff(old, g))
		}
		write = append(write, g)
	}
	for _, g := range local {
		og, clash := orgTitle[strings.ToLower(g.Title)]
		if clash && og.ID != g.ID && !g.Deleted && !g.Archived {
			notes = append(notes, fmt.Sprintf("the team's own goal %q has the title of the organisation's goal %s; link objectives to the organisation's with align objective set O --goal %s, then archive your own with align goal archive",
				g.Title, og.ID, og.ID))
		}
	}
	slices.Sort(notes)
	return write, changes, notes
}

func sameGoal(a, b Goal) bool {
	return a.Title == b.Title && a.Description == b.Description && a.Archived == b.Archived && a.Deleted == b.Deleted
}

func goalDiff(old, g Goal) string {
	var parts []string
	if old.Title != g.Title {
		parts = append(parts, fmt.Sprintf("title %q → %q", old.Title, g.Title))
	}
	if old.Description != g.Description {
		parts = append(parts, "description changed")
	}
	if old.Archived != g.Archived {
		parts = append(parts, map[bool]string{true: "archived", false: "restored"}[g.Archived])
	}
	if old.Deleted != g.Deleted {
		parts = append(parts, "restored from the deleted")
	}
	return fmt.Sprintf("%q: %s", g.Title, strings.Join(parts, ", "))
}
