package store

import (
	"time"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// Records that live inside a sprint's bucket. Their SprintID names the
// bucket; for stories, assessments, outcomes and action items tied to an
// objective it is taken from the objective, so callers may leave it nil.
// A record never moves between sprints.

const planStates = "planning or assessing"

// movedErr refuses a change that would move a record to another sprint.
func movedErr(record string, id, from, to uuid.UUID) error {
	return newErr(ErrReference, nil, "%s %s is in sprint %s and cannot move to sprint %s", record, id, from, to)
}

// liveObjective returns the live objective id (looked for in sprint hint
// first) or ErrReference in the words of record.
func liveObjective(tx *bolt.Tx, id, hint uuid.UUID, record string) (model.Objective, error) {
	if id == uuid.Nil {
		return model.Objective{}, newErr(ErrReference, nil, "%s objective: none given", record)
	}
	o, _, ok, err := objectiveKind.locateLive(tx, id, hint)
	if err == nil && !ok {
		err = refErr(record, "objective", "objective", id, "")
	}
	return o, err
}

// liveMember checks that member id exists and is not deleted.
func liveMember(tx *bolt.Tx, id uuid.UUID, record, field string) error {
	_, ok, err := memberKind.getLive(tx.Bucket(bucketMembers), id)
	if err == nil && !ok {
		err = refErr(record, field, "member", id, "")
	}
	return err
}

// deleteIn tombstones sprint-scoped record id after checking that its
// sprint's state allows the change.
func deleteIn[T any](tx *bolt.Tx, k kind[T], id, hint uuid.UUID, now time.Time, allowed func(model.Sprint) error) (T, error) {
	v, sid, ok, err := k.locateLive(tx, id, hint)
	if err == nil && !ok {
		err = notFound(k.name, id)
	}
	if err != nil {
		return v, err
	}
	sp, err := liveSprint(tx, sid, k.name)
	if err != nil {
		return v, err
	}
	if err := allowed(sp); err != nil {
		return v, err
	}
	b, err := writeSub(tx, sid, k.sub)
	if err != nil {
		return v, err
	}
	return tombstone(k, b, v, now)
}

func planAllowed(what string) func(model.Sprint) error {
	return func(sp model.Sprint) error { return checkState(sp, what, model.CanEditPlan, planStates) }
}

func openAllowed(what string) func(model.Sprint) error {
	return func(sp model.Sprint) error { return checkState(sp, what, model.CanReview, "not closed") }
}

// SaveObjective normalises, validates and writes o. Objectives change only
// while their sprint is planning or assessing (ErrState; ErrSprintClosed for
// a closed sprint). Deleting an objective tombstones its stories,
// assessments, outcome and action items too.
func (s *Store) SaveObjective(o model.Objective) (model.Objective, error) {
	in := o
	err := s.update(func(tx *bolt.Tx) error { return saveObjective(tx, &o, s.clock()) })
	if err != nil {
		return in, err
	}
	return o, nil
}

// saveObjective is SaveObjective inside transaction tx: it writes *o and
// leaves in it what was written.
func saveObjective(tx *bolt.Tx, o *model.Objective, now time.Time) error {
	if o.Deleted {
		var err error
		*o, err = deleteIn(tx, objectiveKind, o.ID, o.SprintID, now, planAllowed("objectives"))
		if err != nil {
			return err
		}
		return cascadeObjective(tx, *o, now)
	}
	o.Normalize()
	if err := o.Validate(); err != nil {
		return err
	}
	var old *model.Objective
	if o.ID != uuid.Nil {
		v, sid, ok, err := objectiveKind.locateLive(tx, o.ID, o.SprintID)
		if err != nil {
			return err
		}
		if !ok {
			return notFound("objective", o.ID)
		}
		if o.SprintID != uuid.Nil && o.SprintID != sid {
			return movedErr("objective", o.ID, sid, o.SprintID)
		}
		o.SprintID, old = sid, &v
	}
	sp, err := liveSprint(tx, o.SprintID, "objective")
	if err != nil {
		return err
	}
	if err := checkState(sp, "objectives", model.CanEditPlan, planStates); err != nil {
		return err
	}
	if o.GoalID != uuid.Nil && (old == nil || old.GoalID != o.GoalID) {
		if _, ok, err := goalKind.getLive(tx.Bucket(bucketGoals), o.GoalID); err != nil {
			return err
		} else if !ok {
			return refErr("objective", "goal", "goal", o.GoalID, "")
		}
	}
	if old == nil {
		stampNew(&o.Meta, now)
	} else {
		stampUpdate(&o.Meta, old.Meta, now)
	}
	b, err := writeSub(tx, o.SprintID, subObjectives)
	if err != nil {
		return err
	}
	return objectiveKind.put(b, *o)
}

// cascadeObjective tombstones what model.CascadeSprint takes with the
// deleted objective o: everything in o's sprint that refers to it.
func cascadeObjective(tx *bolt.Tx, o model.Objective, now time.Time) error {
	sb, err := createSprintBucket(tx, o.SprintID)
	if err != nil {
		return err
	}
	sd, err := loadSprint(tx, o.SprintID, true)
	if err != nil {
		return err
	}
	return tombstoneCascade(sb, sd, now)
}

// tombstoneCascade tombstones, in sprint bucket sb, the records that
// model.CascadeSprint says the deletions in sd take with them.
func tombstoneCascade(sb *bolt.Bucket, sd model.SprintData, now time.Time) error {
	ids := model.CascadeIDs(sd)
	if len(ids) == 0 {
		return nil
	}
	for _, err := range []error{
		tombstoneWhere(objectiveKind, sb.Bucket([]byte(subObjectives)), now, func(v model.Objective) bool { return ids[v.ID] }),
		tombstoneWhere(storyKind, sb.Bucket([]byte(subStories)), now, func(v model.Story) bool { return ids[v.ID] }),
		tombstoneWhere(assessmentKind, sb.Bucket([]byte(subAssessments)), now, func(v model.Assessment) bool { return ids[v.ID] }),
		tombstoneWhere(outcomeKind, sb.Bucket([]byte(subOutcomes)), now, func(v model.Outcome) bool { return ids[v.ID] }),
		tombstoneWhere(actionKind, sb.Bucket([]byte(subActions)), now, func(v model.ActionItem) bool { return ids[v.ID] }),
	} {
		if err != nil {
			return err
		}
	}
	return nil
}

// SaveStory normalises, validates and writes st. Its objective must exist;
// st.SprintID is set from the objective. Stories change only while their
// sprint is planning or assessing.
func (s *Store) SaveStory(st model.Story) (model.Story, error) {
	in := st
	err := s.update(func(tx *bolt.Tx) error { return saveStory(tx, &st, s.clock()) })
	if err != nil {
		return in, err
	}
	return st, nil
}

// saveStory is SaveStory inside transaction tx: it writes *st and leaves
// in it what was written.
func saveStory(tx *bolt.Tx, st *model.Story, now time.Time) error {
	if st.Deleted {
		var err error
		*st, err = deleteIn(tx, storyKind, st.ID, st.SprintID, now, planAllowed("stories"))
		return err
	}
	st.Normalize()
	if err := st.Validate(); err != nil {
		return err
	}
	obj, err := liveObjective(tx, st.ObjectiveID, st.SprintID, "story")
	if err != nil {
		return err
	}
	st.SprintID = obj.SprintID
	var old *model.Story
	if st.ID != uuid.Nil {
		v, sid, ok, err := storyKind.locateLive(tx, st.ID, st.SprintID)
		if err != nil {
			return err
		}
		if !ok {
			return notFound("story", st.ID)
		}
		if sid != st.SprintID {
			return movedErr("story", st.ID, sid, st.SprintID)
		}
		old = &v
	}
	sp, err := liveSprint(tx, st.SprintID, "story")
	if err != nil {
		return err
	}
	if err := checkState(sp, "stories", model.CanEditPlan, planStates); err != nil {
		return err
	}
	if old == nil {
		stampNew(&st.Meta, now)
	} else {
		stampUpdate(&st.Meta, old.Meta, now)
	}
	b, err := writeSub(tx, st.SprintID, subStories)
	if err != nil {
		return err
	}
	return storyKind.put(b, *st)
}

// SaveAssessment normalises, validates and writes a. Its objective and
// member must exist; a.SprintID is set from the objective. There is one
// assessment per member and objective: with a nil ID, a saves over the
// member's live assessment of that objective if there is one. Members assess
// while the sprint is planning, assessing or in review; an assessment first
// saved in review is marked Late (a.Late is otherwise kept as stored).
func (s *Store) SaveAssessment(a model.Assessment) (model.Assessment, error) {
	in := a
	err := s.update(func(tx *bolt.Tx) error {
		now := s.clock()
		if a.Deleted {
			if err := checkWithdrawOpen(tx, a.ID, a.SprintID); err != nil {
				return err
			}
			var err error
			a, err = deleteIn(tx, assessmentKind, a.ID, a.SprintID, now, openAllowed("assessments"))
			return err
		}
		a.Normalize()
		if err := a.Validate(); err != nil {
			return err
		}
		obj, err := liveObjective(tx, a.ObjectiveID, a.SprintID, "assessment")
		if err != nil {
			return err
		}
		a.SprintID = obj.SprintID
		if a.MemberID == uuid.Nil {
			return newErr(ErrReference, nil, "assessment member: none given")
		}
		if err := liveMember(tx, a.MemberID, "assessment", "member"); err != nil {
			return err
		}
		sp, err := liveSprint(tx, a.SprintID, "assessment")
		if err != nil {
			return err
		}
		if err := checkState(sp, "assessments", model.CanAssess, "planning, assessing or in review"); err != nil {
			return err
		}
		if err := checkRoundOpen(tx, a.SprintID, a.ObjectiveID, a.Round2); err != nil {
			return err
		}
		b, err := writeSub(tx, a.SprintID, subAssessments)
		if err != nil {
			return err
		}
		old, err := existingPer(assessmentKind, b, a.ID, func(v model.Assessment) bool {
			return v.ObjectiveID == a.ObjectiveID && v.MemberID == a.MemberID && v.Round2 == a.Round2
		})
		if err != nil {
			return err
		}
		if old == nil {
			stampNew(&a.Meta, now)
			a.Late = sp.State == model.StateReview && !a.Round2 // round 2 is always in review
		} else {
			if old.ObjectiveID != a.ObjectiveID || old.MemberID != a.MemberID || old.Round2 != a.Round2 {
				return newErr(ErrReference, nil, "assessment %s belongs to another objective or member and cannot move", a.ID)
			}
			stampUpdate(&a.Meta, old.Meta, now)
			a.Late = old.Late
		}
		return assessmentKind.put(b, a)
	})
	if err != nil {
		return in, err
	}
	return a, nil
}
