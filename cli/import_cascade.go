package cli

// Deletions that follow from others: what hangs off a deleted objective or
// sprint is deleted with it.

import (
	"fmt"
	"slices"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// withCascaded folds the cascaded deletions into a merge's changes: a
// record the bundle brought in live but that must be deleted is reported
// once, as deleted (a conflict stays a conflict), with both notes; the
// others are appended.
func withCascaded(changes, cascaded []model.Change) []model.Change {
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
		if out[i].Kind != model.ChangeConflict {
			out[i].Kind = model.ChangeDeleted
		}
		if out[i].Note == "" {
			out[i].Note = c.Note
		} else {
			out[i].Note += "; " + c.Note
		}
	}
	return out
}

// cascadeDeletions finds the live records of merged that hang off a deleted
// sprint or objective and returns tombstones for them, with one change each.
//
// A bundle that deletes an objective carries the tombstones its own
// workspace made for the objective's stories and estimates, but this
// workspace may hold records that one never saw (an estimate made here, a
// story imported from a tracker). The store refuses live records under a
// deleted objective or sprint, so they are deleted with it, as
// align objective rm deletes them. A cascaded tombstone keeps every field and
// the update time of the record it deletes: it is the same version with
// Deleted set, so every workspace that cascades the same deletion writes
// the same bytes, and merges of it converge whatever the order.
func cascadeDeletions(merged model.Dataset) (model.Dataset, []model.Change) {
	var out model.Dataset
	var changes []model.Change
	members := make(map[uuid.UUID]string, len(merged.Members))
	for _, m := range merged.Members {
		members[m.ID] = m.Handle
	}
	for _, sd := range merged.Sprints {
		dead := map[uuid.UUID]string{} // deleted objective → its title
		for _, o := range sd.Objectives {
			if o.Deleted {
				dead[o.ID] = o.Title
			}
		}
		titles := map[uuid.UUID]string{}
		for _, o := range sd.Objectives {
			titles[o.ID] = o.Title
		}
		why := func(objective uuid.UUID) (string, bool) {
			if sd.Sprint.Deleted {
				return fmt.Sprintf("its sprint %q is deleted, so it is deleted too", sd.Sprint.Name), true
			}
			if t, ok := dead[objective]; ok {
				return fmt.Sprintf("its objective %q is deleted, so it is deleted too", t), true
			}
			return "", false
		}
		var c model.SprintData
		add := func(record string, m model.Meta, label, note string) {
			changes = append(changes, model.Change{Kind: model.ChangeDeleted, Record: record, ID: m.ID, Label: label, Note: note})
		}
		if sd.Sprint.Deleted {
			for _, o := range sd.Objectives {
				if !o.Deleted {
					o.Deleted = true
					c.Objectives = append(c.Objectives, o)
					add("objective", o.Meta, o.Title, fmt.Sprintf("its sprint %q is deleted, so it is deleted too", sd.Sprint.Name))
				}
			}
		}
		for _, s := range sd.Stories {
			if note, ok := why(s.ObjectiveID); ok && !s.Deleted {
				s.Deleted = true
				c.Stories = append(c.Stories, s)
				add("story", s.Meta, storyLabel(s), note)
			}
		}
		for _, x := range slices.Concat(sd.Assessments, sd.Round2) {
			if note, ok := why(x.ObjectiveID); ok && !x.Deleted {
				x.Deleted = true
				c.Assessments = append(c.Assessments, x)
				add("assessment", x.Meta, orID(members[x.MemberID], x.MemberID)+" on "+orID(titles[x.ObjectiveID], x.ObjectiveID), note)
			}
		}
		for _, x := range sd.Outcomes {
			if note, ok := why(x.ObjectiveID); ok && !x.Deleted {
				x.Deleted = true
				c.Outcomes = append(c.Outcomes, x)
				add("outcome", x.Meta, orID(titles[x.ObjectiveID], x.ObjectiveID), note)
			}
		}
		for _, x := range sd.Actions {
			if note, ok := why(x.ObjectiveID); ok && !x.Deleted {
				x.Deleted = true
				c.Actions = append(c.Actions, x)
				add("action item", x.Meta, x.Text, note)
			}
		}
		if len(c.Objectives)+len(c.Stories)+len(c.Assessments)+len(c.Outcomes)+len(c.Actions) > 0 {
			c.Sprint = sd.Sprint
			out.Sprints = append(out.Sprints, c)
		}
	}
	return out, changes
}

// storyLabel names a story as merge reports do: its key, then its title.
func storyLabel(s model.Story) string {
	if s.Key != "" {
		return s.Key + " " + s.Title
	}
	return s.Title
}

// orID returns name, or the id when name is empty.
func orID(name string, id uuid.UUID) string {
	if name != "" {
		return name
	}
	return id.String()
}
