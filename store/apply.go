package store

import (
	"errors"
	"fmt"
	"time"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// Apply writes every record of d verbatim (upsert by ID) in one transaction.
//
// Records keep their IDs and timestamps; text is sanitised as in Save.
// Before anything is written, every record must validate and have an ID and
// both times, every sprint-scoped record must name the sprint it is listed
// under, no ID may appear twice or belong to another kind of record (or
// another sprint) in the workspace, and the workspace as it would be after
// applying d must keep its integrity (the rules of Check) in the sprints d
// touches and among members. Any failure returns an error and writes
// nothing. Sprint states are not enforced: merges may bring history into a
// closed sprint.
func (s *Store) Apply(d model.Dataset) error {
	d = copyDataset(d)
	if err := prepareDataset(&d); err != nil {
		return err
	}
	return s.update(func(tx *bolt.Tx) error {
		if err := checkLocations(tx, d); err != nil {
			return err
		}
		if err := checkMerged(tx, d); err != nil {
			return err
		}
		return writeDataset(tx, d)
	})
}

// copyDataset copies d's slices (and the slices inside its records), so that
// normalising never writes into the caller's memory.
func copyDataset(d model.Dataset) model.Dataset {
	out := model.Dataset{Goals: append([]model.Goal(nil), d.Goals...), Members: append([]model.Member(nil), d.Members...)}
	for i := range out.Members {
		out.Members[i].Keys = copyStrings(out.Members[i].Keys)
	}
	for _, sd := range d.Sprints {
		out.Sprints = append(out.Sprints, model.SprintData{
			Sprint:     sd.Sprint,
			Objectives: append([]model.Objective(nil), sd.Objectives...),
			Stories:    append([]model.Story(nil), sd.Stories...),
			// Both rounds share one bucket: the store handles them as one list.
			Assessments: append(append([]model.Assessment(nil), sd.Assessments...), sd.Round2...),
			Outcomes:    append([]model.Outcome(nil), sd.Outcomes...),
			Actions:     append([]model.ActionItem(nil), sd.Actions...),
		})
	}
	return out
}

// applyErr reports a record of d that cannot be applied.
func applyErr(kind error, name string, id uuid.UUID, format string, args ...any) error {
	return newErr(kind, nil, "cannot apply: %s %s: %s", name, id, fmt.Sprintf(format, args...))
}

// prepareDataset normalises and validates every record of d in place, by
// model's rules (model.NormalizeAll, model.ValidateRecord, model.CheckMeta
// for IDs, times and sprint membership), and refuses an ID used twice.
func prepareDataset(d *model.Dataset) error {
	seen := map[uuid.UUID]string{}
	model.NormalizeAll(d)
	return model.EachRecord(*d, func(rec any, listedUnder uuid.UUID) error {
		kind, m, _, _ := model.Describe(rec)
		name := kind.String()
		if err := model.ValidateRecord(rec); err != nil {
			return newErr(errInvalid, err, "cannot apply: %s %s: %v", name, m.ID, err)
		}
		if f := model.CheckMeta(rec, listedUnder, time.Time{}, 0, model.BundleMetaNames); f != nil {
			errKind := errInvalid
			if f.Field == model.BundleMetaNames.ID || f.Field == model.BundleMetaNames.Sprint {
				errKind = ErrReference
			}
			return applyErr(errKind, name, m.ID, "%v", f)
		}
		if other, dup := seen[m.ID]; dup {
			return applyErr(ErrDuplicate, name, m.ID, "the ID appears twice in the dataset (also as %s)", other)
		}
		seen[m.ID] = name
		return nil
	})
}

// checkLocations refuses records of d whose ID the workspace already uses
// for another kind of record or in another sprint. It reads the ID index
// (idindex.go) only.
func checkLocations(tx *bolt.Tx, d model.Dataset) error {
	want := func(id uuid.UUID, name string, loc Location) error {
		got, ok, err := lookupLocation(tx, id)
		if err != nil || !ok || got == loc {
			return err
		}
		return applyErr(ErrDuplicate, name, id, "the workspace already has this ID as %s", got.describe())
	}
	return model.EachRecord(d, func(rec any, _ uuid.UUID) error {
		kind, m, sprint, _ := model.Describe(rec)
		name := kind.String() // sprint records are named by their sub-bucket
		if sub, ok := kindSub[kind]; ok {
			name = sub
		}
		return want(m.ID, name, Location{Kind: kind, Sprint: sprint})
	})
}

// overlay replaces the records of base that have an ID in top and appends the
// others.
func overlay[T any](k kind[T], base, top []T) []T {
	at := map[uuid.UUID]int{}
	for i := range base {
		at[k.meta(&base[i]).ID] = i
	}
	for _, v := range top {
		if i, ok := at[k.meta(&v).ID]; ok {
			base[i] = v
		} else {
			base = append(base, v)
		}
	}
	return base
}

// checkMerged checks the integrity of the workspace as it would be after
// applying d: its members, and every sprint d touches.
func checkMerged(tx *bolt.Tx, d model.Dataset) error {
	goals, err := goalKind.all(tx.Bucket(bucketGoals), true)
	if err != nil {
		return err
	}
	members, err := memberKind.all(tx.Bucket(bucketMembers), true)
	if err != nil {
		return err
	}
	goals = overlay(goalKind, goals, d.Goals)
	members = overlay(memberKind, members, d.Members)
	fs := checkMembers(members)
	r := refs{goals: map[uuid.UUID]bool{}, members: map[uuid.UUID]bool{}}
	for _, g := range goals {
		r.goals[g.ID] = true
	}
	for _, m := range members {
		r.members[m.ID] = true
	}
	for _, sd := range d.Sprints {
		cur, err := loadSprint(tx, sd.Sprint.ID, true)
		if err != nil && !isNotFound(err) {
			return err
		}
		cur.Sprint = sd.Sprint
		cur.Objectives = overlay(objectiveKind, cur.Objectives, sd.Objectives)
		cur.Stories = overlay(storyKind, cur.Stories, sd.Stories)
		cur.Assessments = overlay(assessmentKind, append(cur.Assessments, cur.Round2...), sd.Assessments)
		cur.Round2 = nil
		cur.Outcomes = overlay(outcomeKind, cur.Outcomes, sd.Outcomes)
		cur.Actions = overlay(actionKind, cur.Actions, sd.Actions)
		fs = append(fs, checkSprintView(cur, r, fmt.Sprintf("sprint %q", sd.Sprint.Name))...)
	}
	return summarize("cannot apply:", fs)
}

// writeDataset writes every record of d under its ID.
func writeDataset(tx *bolt.Tx, d model.Dataset) error {
	if err := putAll(goalKind, tx.Bucket(bucketGoals), d.Goals); err != nil {
		return err
	}
	if err := putAll(memberKind, tx.Bucket(bucketMembers), d.Members); err != nil {
		return err
	}
	for _, sd := range d.Sprints {
		if err := putAll(sprintKind, tx.Bucket(bucketSprints), []model.Sprint{sd.Sprint}); err != nil {
			return err
		}
		sb, err := createSprintBucket(tx, sd.Sprint.ID)
		if err != nil {
			return err
		}
		sub := func(name string) *bolt.Bucket { return sb.Bucket([]byte(name)) }
		for _, err := range []error{
			putAll(objectiveKind, sub(subObjectives), sd.Objectives),
			putAll(storyKind, sub(subStories), sd.Stories),
			putAll(assessmentKind, sub(subAssessments), sd.Assessments),
			putAll(outcomeKind, sub(subOutcomes), sd.Outcomes),
			putAll(actionKind, sub(subActions), sd.Actions),
		} {
			if err != nil {
				return err
			}
		}
	}
	return nil
}

func putAll[T any](k kind[T], b *bolt.Bucket, vs []T) error {
	for _, v := range vs {
		if err := firstErr(k.put(b, v), failAt("apply.put")); err != nil {
			return err
		}
	}
	return nil
}

func isNotFound(err error) bool { return errors.Is(err, ErrNotFound) }
