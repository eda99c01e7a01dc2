package model

// Deletions that follow from others: what hangs off a deleted sprint or
// objective is deleted with it. The one rule, used by the store when a
// sprint or objective is deleted and by an import when a bundle deletes one.

import (
	"fmt"
	"slices"

	"github.com/google/uuid"
)

// Cascaded is one live record that a deletion takes with it.
type Cascaded struct {
	// Record is the record with Deleted set and every other field kept.
	Record any
	// Why says which deleted sprint or objective takes it, e.g. `its
	// objective "Checkout" is deleted, so it is deleted too`.
	Why string
}

// CascadeSprint returns the live records of sd that must be deleted: every
// record of a deleted sprint, and every story, assessment (both rounds),
// outcome and action item of a deleted objective. They come in the order
// objectives, stories, assessments, outcomes, action items. The store
// refuses live records under a deleted sprint or objective, so whatever
// deletes one deletes these too.
func CascadeSprint(sd SprintData) []Cascaded {
	dead := map[uuid.UUID]string{} // deleted objective → its title
	for _, o := range sd.Objectives {
		if o.Deleted {
			dead[o.ID] = o.Title
		}
	}
	sprintGone := fmt.Sprintf("its sprint %q is deleted, so it is deleted too", sd.Sprint.Name)
	why := func(objective uuid.UUID) (string, bool) {
		if sd.Sprint.Deleted {
			return sprintGone, true
		}
		if t, ok := dead[objective]; ok {
			return fmt.Sprintf("its objective %q is deleted, so it is deleted too", t), true
		}
		return "", false
	}
	var out []Cascaded
	add := func(rec any, objective uuid.UUID) {
		if note, ok := why(objective); ok && !MetaOf(rec).Deleted {
			out = append(out, Cascaded{Record: WithDeleted(rec, true), Why: note})
		}
	}
	if sd.Sprint.Deleted {
		for _, o := range sd.Objectives {
			if !o.Deleted {
				out = append(out, Cascaded{Record: WithDeleted(o, true), Why: sprintGone})
			}
		}
	}
	for _, s := range sd.Stories {
		add(s, s.ObjectiveID)
	}
	for _, x := range slices.Concat(sd.Assessments, sd.Round2) {
		add(x, x.ObjectiveID)
	}
	for _, x := range sd.Outcomes {
		add(x, x.ObjectiveID)
	}
	for _, x := range sd.Actions {
		add(x, x.ObjectiveID)
	}
	return out
}

// CascadeIDs returns the IDs of the records CascadeSprint returns: what the
// store tombstones when it deletes a sprint or objective.
func CascadeIDs(sd SprintData) map[uuid.UUID]bool {
	ids := map[uuid.UUID]bool{}
	for _, c := range CascadeSprint(sd) {
		ids[MetaOf(c.Record).ID] = true
	}
	return ids
}

// CascadeDeletions finds the live records of merged that hang off a
// deleted sprint or objective (CascadeSprint) and returns tombstones for
// them, with one deleted change each.
//
// A bundle that deletes an objective carries the tombstones its own
// workspace made for the objective's stories and estimates, but this
// workspace may hold records that one never saw (an estimate made here, a
// story imported from a tracker). A cascaded tombstone keeps every field and
// the update time of the record it deletes: it is the same version with
// Deleted set, so every workspace that cascades the same deletion writes
// the same bytes, and merges of it converge whatever the order.
func CascadeDeletions(merged Dataset) (Dataset, []Change) {
	var changes []Change
	members := make(map[uuid.UUID]string, len(merged.Members))
	for _, m := range merged.Members {
		members[m.ID] = m.Handle
	}
	b := NewBuilder()
	for _, sd := range merged.Sprints {
		titles := map[uuid.UUID]string{}
		for _, o := range sd.Objectives {
			titles[o.ID] = o.Title
		}
		for _, c := range CascadeSprint(sd) {
			kind, m, _, _ := Describe(c.Record)
			label := untruncatedLabel(c.Record)
			switch r := c.Record.(type) {
			case Assessment:
				label = orID(members[r.MemberID], r.MemberID) + " on " + orID(titles[r.ObjectiveID], r.ObjectiveID)
			case Outcome:
				label = orID(titles[r.ObjectiveID], r.ObjectiveID)
			}
			changes = append(changes, Change{Kind: ChangeDeleted, Record: kind.String(), ID: m.ID, Label: label, Note: c.Why})
			b.Put(c.Record, sd.Sprint)
		}
	}
	return b.Dataset(), changes
}

// untruncatedLabel names an objective, story or action item in full, as
// cascaded changes always have.
func untruncatedLabel(rec any) string {
	switch r := rec.(type) {
	case Story:
		if r.Key != "" {
			return r.Key + " " + r.Title
		}
		return r.Title
	case Objective:
		return r.Title
	case ActionItem:
		return r.Text
	}
	return RecordLabel(rec)
}

// orID returns name, or the id when name is empty.
func orID(name string, id uuid.UUID) string {
	if name != "" {
		return name
	}
	return id.String()
}

// WithCascaded folds the cascaded deletions into a merge's changes: a
// record the bundle brought in live but that must be deleted is reported
// once, as deleted (a conflict stays a conflict), with both notes; the
// others are appended.
func WithCascaded(changes, cascaded []Change) []Change {
	out := slices.Clone(changes)
	at := make(map[uuid.UUID]int, len(out))
	for i, c := range out {
		at[c.ID] = i
	}
	for _, c := range cascaded {
		i, ok := at[c.ID]
		if !ok {
			out = append(out, c)
			continue
		}
		if out[i].Kind != ChangeConflict {
			out[i].Kind = ChangeDeleted
		}
		if out[i].Note == "" {
			out[i].Note = c.Note
		} else {
			out[i].Note += "; " + c.Note
		}
	}
	return out
}
