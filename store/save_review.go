package store

import (
	"github.com/align-team/align/model"
	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// Review records: outcomes and action items, written in any sprint state
// but closed.

// existingPer returns the stored record a save updates: record id when id is
// set (ErrNotFound when it is not live in b), else the live record that same
// selects (one per member and objective, or one per objective), else nil.
func existingPer[T any](k kind[T], b *bolt.Bucket, id uuid.UUID, same func(T) bool) (*T, error) {
	if id != uuid.Nil {
		v, err := requireLive(k, b, id)
		if err != nil {
			return nil, err
		}
		return &v, nil
	}
	live, err := k.all(b, false)
	if err != nil {
		return nil, err
	}
	for i := range live {
		if same(live[i]) {
			return &live[i], nil
		}
	}
	return nil, nil
}

// SaveOutcome normalises, validates and writes o. Its objective must exist;
// o.SprintID is set from it. There is one outcome per objective: with a nil
// ID, o saves over the objective's live outcome if there is one. Outcomes
// change in any state but closed.
func (s *Store) SaveOutcome(o model.Outcome) (model.Outcome, error) {
	in := o
	err := s.update(func(tx *bolt.Tx) error {
		now := s.clock()
		if o.Deleted {
			if err := checkOutcomeSeal(tx, o.ID, o.SprintID); err != nil {
				return err
			}
			var err error
			o, err = deleteIn(tx, outcomeKind, o.ID, o.SprintID, now, openAllowed("outcomes"))
			return err
		}
		o.Normalize()
		if err := o.Validate(); err != nil {
			return err
		}
		obj, err := liveObjective(tx, o.ObjectiveID, o.SprintID, "outcome")
		if err != nil {
			return err
		}
		o.SprintID = obj.SprintID
		sp, err := liveSprint(tx, o.SprintID, "outcome")
		if err != nil {
			return err
		}
		if err := checkState(sp, "outcomes", model.CanReview, "not closed"); err != nil {
			return err
		}
		b, err := writeSub(tx, o.SprintID, subOutcomes)
		if err != nil {
			return err
		}
		old, err := existingPer(outcomeKind, b, o.ID, func(v model.Outcome) bool { return v.ObjectiveID == o.ObjectiveID })
		if err != nil {
			return err
		}
		if old == nil {
			stampNew(&o.Meta, now)
		} else {
			if old.ObjectiveID != o.ObjectiveID {
				return newErr(ErrReference, nil, "outcome %s belongs to another objective and cannot move", o.ID)
			}
			stampUpdate(&o.Meta, old.Meta, now)
		}
		o = model.KeepSeal(old, o)
		return outcomeKind.put(b, o)
	})
	if err != nil {
		return in, err
	}
	return o, nil
}

// SaveAction normalises, validates and writes a. Its sprint is the one of
// its objective when it has one, else a.SprintID; its owner, when set, must
// be a live member. Action items change in any state but closed; in a closed
// sprint an existing item may still be followed up — ticked off or
// unticked, reassigned, given another due date — so that later reviews can
// see what an earlier one decided through to done; its text, objective and
// existence stay as the closed sprint recorded them.
func (s *Store) SaveAction(a model.ActionItem) (model.ActionItem, error) {
	in := a
	err := s.update(func(tx *bolt.Tx) error {
		now := s.clock()
		if a.Deleted {
			var err error
			a, err = deleteIn(tx, actionKind, a.ID, a.SprintID, now, openAllowed("action items"))
			return err
		}
		a.Normalize()
		if err := a.Validate(); err != nil {
			return err
		}
		var old *model.ActionItem
		if a.ID != uuid.Nil {
			v, sid, ok, err := actionKind.locateLive(tx, a.ID, a.SprintID)
			if err != nil {
				return err
			}
			if !ok {
				return notFound("action item", a.ID)
			}
			if a.SprintID != uuid.Nil && a.SprintID != sid {
				return movedErr("action item", a.ID, sid, a.SprintID)
			}
			a.SprintID, old = sid, &v
		}
		if a.ObjectiveID != uuid.Nil {
			obj, err := liveObjective(tx, a.ObjectiveID, a.SprintID, "action item")
			if err != nil {
				return err
			}
			if a.SprintID != uuid.Nil && a.SprintID != obj.SprintID {
				return newErr(ErrReference, nil, "action item objective: objective %q is in another sprint", obj.Title)
			}
			a.SprintID = obj.SprintID
		}
		sp, err := liveSprint(tx, a.SprintID, "action item")
		if err != nil {
			return err
		}
		// Following up an earlier sprint's action item is not a change to
		// what the closed sprint recorded.
		if !(sp.State == model.StateClosed && old != nil && followUpOnly(*old, a)) {
			if err := checkState(sp, "action items", model.CanReview, "not closed"); err != nil {
				return err
			}
		}
		if a.OwnerID != uuid.Nil && (old == nil || old.OwnerID != a.OwnerID) {
			if err := liveMember(tx, a.OwnerID, "action item", "owner"); err != nil {
				return err
			}
		}
		if old == nil {
			stampNew(&a.Meta, now)
		} else {
			stampUpdate(&a.Meta, old.Meta, now)
		}
		b, err := writeSub(tx, a.SprintID, subActions)
		if err != nil {
			return err
		}
		return actionKind.put(b, a)
	})
	if err != nil {
		return in, err
	}
	return a, nil
}

// followUpOnly reports whether b differs from a in nothing but Done, the
// owner and the due date (and the timestamps the store sets itself).
func followUpOnly(a, b model.ActionItem) bool {
	return a.ObjectiveID == b.ObjectiveID && a.Text == b.Text
}
