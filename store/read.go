package store

import (
	"bytes"
	"cmp"
	"slices"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// Read methods decode inside one read transaction and return copies. They
// return live records only unless a DatasetOptions asks for tombstones.

// byCreated orders records by CreatedAt, then ID.
func byCreated(a, b model.Meta) int {
	if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
		return c
	}
	return bytes.Compare(a.ID[:], b.ID[:])
}

func sortGoals(gs []model.Goal) {
	slices.SortFunc(gs, func(a, b model.Goal) int { return byCreated(a.Meta, b.Meta) })
}

func sortMembers(ms []model.Member) {
	slices.SortFunc(ms, func(a, b model.Member) int {
		return cmp.Or(cmp.Compare(a.Handle, b.Handle), byCreated(a.Meta, b.Meta))
	})
}

func sortSprints(ss []model.Sprint) {
	slices.SortFunc(ss, func(a, b model.Sprint) int {
		return cmp.Or(a.Start.Compare(b.Start), byCreated(a.Meta, b.Meta))
	})
}

// sortSprintData puts a sprint's records in their documented order:
// objectives and stories by Order then CreatedAt, the rest by CreatedAt.
func sortSprintData(d *model.SprintData) {
	slices.SortFunc(d.Objectives, func(a, b model.Objective) int {
		return cmp.Or(cmp.Compare(a.Order, b.Order), byCreated(a.Meta, b.Meta))
	})
	slices.SortFunc(d.Stories, func(a, b model.Story) int {
		return cmp.Or(cmp.Compare(a.Order, b.Order), byCreated(a.Meta, b.Meta))
	})
	slices.SortFunc(d.Assessments, func(a, b model.Assessment) int { return byCreated(a.Meta, b.Meta) })
	slices.SortFunc(d.Round2, func(a, b model.Assessment) int { return byCreated(a.Meta, b.Meta) })
	slices.SortFunc(d.Outcomes, func(a, b model.Outcome) int { return byCreated(a.Meta, b.Meta) })
	slices.SortFunc(d.Actions, func(a, b model.ActionItem) int { return byCreated(a.Meta, b.Meta) })
}

// Goals returns the live goals, oldest first.
func (s *Store) Goals() ([]model.Goal, error) {
	var gs []model.Goal
	err := s.viewEarly(func(tx *bolt.Tx) error {
		var err error
		gs, err = goalKind.all(tx.Bucket(bucketGoals), false)
		return err
	})
	sortGoals(gs)
	return gs, err
}

// Members returns the live members (active and inactive), by handle.
func (s *Store) Members() ([]model.Member, error) {
	var ms []model.Member
	err := s.viewEarly(func(tx *bolt.Tx) error {
		var err error
		ms, err = memberKind.all(tx.Bucket(bucketMembers), false)
		return err
	})
	sortMembers(ms)
	return ms, err
}

// Sprints returns the live sprint headers, by start date (then creation).
func (s *Store) Sprints() ([]model.Sprint, error) {
	var ss []model.Sprint
	err := s.viewEarly(func(tx *bolt.Tx) error {
		var err error
		ss, err = sprintKind.all(tx.Bucket(bucketSprints), false)
		return err
	})
	sortSprints(ss)
	return ss, err
}

// SprintData loads one sprint with its live records, reading that sprint's
// header and nested bucket only: its cost does not grow with history. A
// missing or deleted sprint is ErrNotFound. Objectives and stories come by
// Order then CreatedAt; assessments, outcomes and action items by CreatedAt.
func (s *Store) SprintData(id uuid.UUID) (model.SprintData, error) {
	var d model.SprintData
	err := s.viewSprint(id, func(tx *bolt.Tx) error {
		var err error
		d, err = loadSprint(tx, id, false)
		return err
	})
	return d, err
}

// loadSprint reads sprint id's header and records; withDeleted includes
// tombstones (and a tombstoned header).
func loadSprint(tx *bolt.Tx, id uuid.UUID, withDeleted bool) (model.SprintData, error) {
	var d model.SprintData
	sp, ok, err := sprintKind.get(tx.Bucket(bucketSprints), id)
	if err != nil {
		return d, err
	}
	if !ok || (sp.Deleted && !withDeleted) {
		return d, notFound("sprint", id)
	}
	d.Sprint = sp
	sb := sprintBucket(tx, id)
	if sb == nil {
		return d, nil // a sprint saved by hand without records; Check reports it
	}
	sub := func(name string) *bolt.Bucket { return sb.Bucket([]byte(name)) }
	if d.Objectives, err = objectiveKind.all(sub(subObjectives), withDeleted); err != nil {
		return d, err
	}
	if d.Stories, err = storyKind.all(sub(subStories), withDeleted); err != nil {
		return d, err
	}
	if d.Assessments, err = assessmentKind.all(sub(subAssessments), withDeleted); err != nil {
		return d, err
	}
	// Both rounds share the bucket; readers see them apart.
	d.Assessments, d.Round2 = model.SplitRounds(d.Assessments)
	if d.Outcomes, err = outcomeKind.all(sub(subOutcomes), withDeleted); err != nil {
		return d, err
	}
	if d.Actions, err = actionKind.all(sub(subActions), withDeleted); err != nil {
		return d, err
	}
	sortSprintData(&d)
	return d, nil
}

// Dataset returns the records selected by opt: every goal and member, and
// either the one sprint opt.Sprint (ErrNotFound if it does not exist) or
// every sprint by start date. Tombstones are left out unless
// opt.IncludeDeleted is set; then a deleted sprint can be selected too.
func (s *Store) Dataset(opt DatasetOptions) (model.Dataset, error) {
	var d model.Dataset
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		if d.Goals, err = goalKind.all(tx.Bucket(bucketGoals), opt.IncludeDeleted); err != nil {
			return err
		}
		if d.Members, err = memberKind.all(tx.Bucket(bucketMembers), opt.IncludeDeleted); err != nil {
			return err
		}
		ids := []uuid.UUID{opt.Sprint}
		if opt.Sprint == uuid.Nil {
			headers, err := sprintKind.all(tx.Bucket(bucketSprints), opt.IncludeDeleted)
			if err != nil {
				return err
			}
			sortSprints(headers)
			ids = ids[:0]
			for _, h := range headers {
				ids = append(ids, h.ID)
			}
		}
		for _, id := range ids {
			sd, err := loadSprint(tx, id, opt.IncludeDeleted)
			if err != nil {
				return err
			}
			d.Sprints = append(d.Sprints, sd)
		}
		return nil
	})
	sortGoals(d.Goals)
	sortMembers(d.Members)
	return d, err
}
