package model

// An organisation's goals: one file in the repository the teams share,
// kept and signed by a few keepers, imported by every team so that all
// teams' objectives link to the same goal records (the same IDs).

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
)

// Org is an organisation's goals file: its name, the keepers whose SSH keys
// may sign it, and the goals (archived ones included, so that old
// objectives still find theirs).
type Org struct {
	Name      string
	UpdatedAt time.Time
	Keepers   []Keeper
	Goals     []Goal
}

// Keeper is a person who keeps the organisation's goals: a name and one
// public SSH key in authorized_keys form.
type Keeper struct {
	Name string
	Key  string
}

// MaxKeepers bounds an organisation's keepers; a real one has a handful.
const MaxKeepers = 50

// MaxOrgGoals bounds an organisation's goals, archived ones included.
const MaxOrgGoals = 1000

// NewOrg returns a new organisation with one keeper and no goals.
func NewOrg(name string, keeper Keeper, now time.Time) (Org, error) {
	o := Org{Name: Sanitize(name, false), UpdatedAt: now.UTC(), Keepers: []Keeper{normKeeper(keeper)}}
	return o, o.Validate()
}

func normKeeper(k Keeper) Keeper {
	return Keeper{Name: Sanitize(k.Name, false), Key: strings.TrimSpace(k.Key)}
}

// Validate reports the first problem of the organisation: a missing name,
// no keeper, a key that is not a public SSH key, a key listed twice, an
// invalid goal, a goal ID listed twice, or two live goals with one title.
func (o Org) Validate() error {
	if err := checkText("organisation", "name", o.Name, MaxTitle, true); err != nil {
		return err
	}
	if len(o.Keepers) == 0 {
		return fieldErr("organisation", "keepers", "there must be at least one keeper to sign the goals")
	}
	if len(o.Keepers) > MaxKeepers {
		return fieldErr("organisation", "keepers", "%d keepers is more than the %d allowed", len(o.Keepers), MaxKeepers)
	}
	if len(o.Goals) > MaxOrgGoals {
		return fieldErr("organisation", "goals", "%d goals is more than the %d allowed", len(o.Goals), MaxOrgGoals)
	}
	fps := map[string]string{}
	for _, k := range o.Keepers {
		if err := checkText("keeper", "name", k.Name, MaxTitle, true); err != nil {
			return err
		}
		kl, ok := ParseKeyLine(k.Key)
		if !ok {
			return fieldErr("keeper", "key", "%s's key is not a public SSH key (\"TYPE BASE64 [COMMENT]\")", k.Name)
		}
		if other, dup := fps[kl.Fingerprint]; dup {
			return fieldErr("keeper", "key", "%s and %s have the same key %s", other, k.Name, kl.Fingerprint)
		}
		fps[kl.Fingerprint] = k.Name
	}
	ids := map[uuid.UUID]bool{}
	titles := map[string]string{}
	for _, g := range o.Goals {
		if g.ID == uuid.Nil {
			return fieldErr("goal", "id", "goal %q has no id", g.Title)
		}
		if ids[g.ID] {
			return fieldErr("goal", "id", "%s is listed twice", g.ID)
		}
		ids[g.ID] = true
		if err := g.Validate(); err != nil {
			return err
		}
		if g.Archived || g.Deleted {
			continue
		}
		key := strings.ToLower(g.Title)
		if other, dup := titles[key]; dup {
			return fieldErr("goal", "title", "%q and %q: two live goals may not share a title", other, g.Title)
		}
		titles[key] = g.Title
	}
	return nil
}

// KeeperFingerprints returns the SHA256 fingerprints of o's keepers' keys.
func (o Org) KeeperFingerprints() map[string]string {
	out := make(map[string]string, len(o.Keepers))
	for _, k := range o.Keepers {
		if kl, ok := ParseKeyLine(k.Key); ok {
			out[kl.Fingerprint] = k.Name
		}
	}
	return out
}

// AddGoal returns o with a new goal, and the goal.
func (o Org) AddGoal(title, desc string, now time.Time) (Org, Goal, error) {
	g := Goal{Meta: NewMeta(now), Title: title, Description: desc}
	g.Normalize()
	out := o.clone()
	out.Goals = append(out.Goals, g)
	out.UpdatedAt = now.UTC()
	return out, g, out.Validate()
}

// GoalEdit is a change to one goal; nil fields stay as they are.
type GoalEdit struct {
	Title, Description *string
	Archived           *bool
}

// EditGoal returns o with the goal id changed by e, and the goal.
func (o Org) EditGoal(id uuid.UUID, e GoalEdit, now time.Time) (Org, Goal, error) {
	out := o.clone()
	i := slices.IndexFunc(out.Goals, func(g Goal) bool { return g.ID == id })
	if i < 0 {
		return o, Goal{}, fmt.Errorf("the organisation has no goal %s", id)
	}
	g := out.Goals[i]
	before := g
	if e.Title != nil {
		g.Title = *e.Title
	}
	if e.Description != nil {
		g.Description = *e.Description
	}
	if e.Archived != nil {
		g.Archived = *e.Archived
	}
	g.Normalize()
	if g == before {
		return o, g, nil
	}
	g.Touch(now)
	out.Goals[i] = g
	out.UpdatedAt = now.UTC()
	return out, g, out.Validate()
}

// AddKeeper returns o with one more keeper.
func (o Org) AddKeeper(k Keeper, now time.Time) (Org, error) {
	out := o.clone()
	out.Keepers = append(out.Keepers, normKeeper(k))
	out.UpdatedAt = now.UTC()
	return out, out.Validate()
}

func (o Org) clone() Org {
	o.Keepers = slices.Clone(o.Keepers)
	o.Goals = slices.Clone(o.Goals)
	return o
}

// FindOrgGoal finds the goal ref names: its title (ignoring case; live
// goals first), its id, or a unique id prefix.
func FindOrgGoal(o Org, ref string) (Goal, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return Goal{}, fmt.Errorf("no goal given")
	}
	var byTitle []Goal
	for _, g := range o.Goals {
		if strings.EqualFold(g.Title, ref) {
			byTitle = append(byTitle, g)
		}
	}
	slices.SortStableFunc(byTitle, func(a, b Goal) int { return boolOrder(a.Archived, b.Archived) })
	if len(byTitle) > 0 {
		return byTitle[0], nil
	}
	var byID []Goal
	low := strings.ToLower(ref)
	for _, g := range o.Goals {
		if strings.HasPrefix(g.ID.String(), low) {
			byID = append(byID, g)
		}
	}
	switch len(byID) {
	case 1:
		return byID[0], nil
	case 0:
		return Goal{}, fmt.Errorf("the organisation %q has no goal titled or with an id starting %q (see align org list)", o.Name, ref)
	}
	return Goal{}, fmt.Errorf("%q is the start of %d goal ids; give more of it (see align org list)", ref, len(byID))
}

func boolOrder(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}
