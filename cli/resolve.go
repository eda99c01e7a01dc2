package cli

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// minPrefix is the shortest id prefix accepted as a reference, in hex digits.
const minPrefix = 4

// shortIDLen is the shortest id shown in lists, in hex digits. UUIDv7 ids
// begin with a millisecond timestamp, so records made together share their
// first digits; lists grow the shown length until every id is distinct.
const shortIDLen = 8

// refKind describes one kind of record for reference errors.
type refKind struct {
	noun    string // "story"
	nouns   string // "stories"
	listCmd string // "align story list"
}

var (
	kindSprint    = refKind{"sprint", "sprints", "align sprint list"}
	kindObjective = refKind{"objective", "objectives", "align objective list"}
	kindStory     = refKind{"story", "stories", "align story list"}
	kindGoal      = refKind{"goal", "goals", "align goal list"}
	kindMember    = refKind{"member", "members", "align member list"}
)

// resolve finds the one item that ref names: a full id wins outright;
// otherwise every item whose title equals ref (ignoring case) or whose id
// starts with ref (at least minPrefix hex digits, dashes optional) is a
// candidate, and exactly one candidate must remain.
func resolve[T any](k refKind, ref string, items []T, idOf func(T) uuid.UUID, titleOf func(T) string) (T, error) {
	var zero T
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return zero, fmt.Errorf("empty %s reference; give a title or an id from `%s`", k.noun, k.listCmd)
	}
	if id, err := uuid.Parse(ref); err == nil {
		for _, it := range items {
			if idOf(it) == id {
				return it, nil
			}
		}
	}
	prefix, isPrefix := hexPrefix(ref)
	var found []T
	for _, it := range items {
		if strings.EqualFold(titleOf(it), ref) ||
			(isPrefix && strings.HasPrefix(hexID(idOf(it)), prefix)) {
			found = append(found, it)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return zero, fmt.Errorf("no %s matches %q; see `%s` for titles and ids", k.noun, ref, k.listCmd)
	}
	ids := make([]uuid.UUID, len(found))
	for i, it := range found {
		ids[i] = idOf(it)
	}
	short := shortIDs(ids)
	names := make([]string, len(found))
	for i, it := range found {
		names[i] = fmt.Sprintf("%q (%s)", titleOf(it), short[idOf(it)])
	}
	return zero, fmt.Errorf("%q matches %d %s: %s; use a longer id prefix", ref, len(found), k.nouns, strings.Join(names, ", "))
}

// hexPrefix returns ref without dashes, lower-cased, when it can be an id
// prefix: at least minPrefix hex digits.
func hexPrefix(ref string) (string, bool) {
	p := strings.ToLower(strings.ReplaceAll(ref, "-", ""))
	if len(p) < minPrefix || len(p) > 32 {
		return "", false
	}
	for _, r := range p {
		if !strings.ContainsRune("0123456789abcdef", r) {
			return "", false
		}
	}
	return p, true
}

// hexID is id as 32 lower-case hex digits without dashes.
func hexID(id uuid.UUID) string { return strings.ReplaceAll(id.String(), "-", "") }

// shortIDs returns, for each id, its shortest prefix (at least shortIDLen hex
// digits, the same length for all) that tells the ids apart, written with
// the dashes of the full form so that it can be pasted back as a reference.
func shortIDs(ids []uuid.UUID) map[uuid.UUID]string {
	hexes := make([]string, 0, len(ids))
	for _, id := range ids {
		hexes = append(hexes, hexID(id))
	}
	sort.Strings(hexes)
	n := shortIDLen
	for i := 1; i < len(hexes); i++ {
		if hexes[i] == hexes[i-1] {
			continue
		}
		common := 0
		for common < 32 && hexes[i][common] == hexes[i-1][common] {
			common++
		}
		n = max(n, common+1)
	}
	out := make(map[uuid.UUID]string, len(ids))
	for _, id := range ids {
		out[id] = dashedPrefix(id, n)
	}
	return out
}

// dashedPrefix is the first n hex digits of id in its dashed form.
func dashedPrefix(id uuid.UUID, n int) string {
	s := id.String()
	digits := 0
	for i, r := range s {
		if r == '-' {
			continue
		}
		digits++
		if digits == n {
			return s[:i+1]
		}
	}
	return s
}

// resolveSprint finds the sprint that ref names: "current" (or empty) is the
// open sprint whose dates include today, else the latest open one (see
// model.CurrentSprint); "reviewed" is the sprint just reviewed
// (model.ReviewedSprint); else a
// name (ignoring case), an id or a unique id prefix.
func resolveSprint(ref string, sprints []model.Sprint, today time.Time) (model.Sprint, error) {
	if len(sprints) == 0 {
		return model.Sprint{}, fmt.Errorf("there are no sprints yet; add one with `align sprint add NAME --start YYYY-MM-DD --end YYYY-MM-DD`")
	}
	if strings.EqualFold(strings.TrimSpace(ref), "reviewed") {
		sp, ok := model.ReviewedSprint(sprints, today)
		if !ok {
			return model.Sprint{}, fmt.Errorf("no sprint was reviewed yet; name one with --sprint (see `align sprint list`)")
		}
		return sp, nil
	}
	if r := strings.TrimSpace(ref); r == "" || strings.EqualFold(r, "current") {
		sp, ok := model.CurrentSprint(sprints, today)
		if !ok {
			return model.Sprint{}, fmt.Errorf("no current sprint; name one with --sprint (see `align sprint list`)")
		}
		return sp, nil
	}
	return resolve(kindSprint, ref, sprints,
		func(s model.Sprint) uuid.UUID { return s.ID },
		func(s model.Sprint) string { return s.Name })
}

// resolveObjective finds the objective that ref names among objs.
func resolveObjective(ref string, objs []model.Objective) (model.Objective, error) {
	return resolve(kindObjective, ref, objs,
		func(o model.Objective) uuid.UUID { return o.ID },
		func(o model.Objective) string { return o.Title })
}

// resolveStory finds the story that ref names among stories; a story's
// tracker key counts as a title too.
func resolveStory(ref string, stories []model.Story) (model.Story, error) {
	var byKey []model.Story
	for _, s := range stories {
		if s.Key != "" && strings.EqualFold(s.Key, strings.TrimSpace(ref)) {
			byKey = append(byKey, s)
		}
	}
	if len(byKey) > 1 {
		// Keys that differ only in case ("K1", "k1") are different stories;
		// an exact match settles it.
		var exact []model.Story
		for _, s := range byKey {
			if s.Key == strings.TrimSpace(ref) {
				exact = append(exact, s)
			}
		}
		if len(exact) == 1 {
			return exact[0], nil
		}
	}
	if len(byKey) > 0 {
		return resolve(kindStory, ref, byKey,
			func(s model.Story) uuid.UUID { return s.ID },
			func(s model.Story) string { return s.Key })
	}
	return resolve(kindStory, ref, stories,
		func(s model.Story) uuid.UUID { return s.ID },
		func(s model.Story) string { return s.Title })
}

// resolveGoal finds the goal that ref names among goals.
func resolveGoal(ref string, goals []model.Goal) (model.Goal, error) {
	return resolve(kindGoal, ref, goals,
		func(g model.Goal) uuid.UUID { return g.ID },
		func(g model.Goal) string { return g.Title })
}

// resolveMember finds the member with handle h (ignoring case and a leading
// "@", see handleKey). The acting member is actingMember's, not this.
func resolveMember(h string, members []model.Member) (model.Member, error) {
	want := handleKey(h)
	if want == "" {
		return model.Member{}, fmt.Errorf("no member given; pass --as HANDLE or set ALIGN_MEMBER (see `%s`)", kindMember.listCmd)
	}
	for _, m := range members {
		if m.Handle == want {
			return m, nil
		}
	}
	return model.Member{}, fmt.Errorf("no member has the handle %q; see `%s`", h, kindMember.listCmd)
}
