package store

import (
	"fmt"
	"runtime/debug"
	"time"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// kind describes how one record type is named, encoded and stored, so that
// reading, writing and locating records is written once for all of them.
type kind[T any] struct {
	name string // the record's word in messages: "story"
	sub  string // sub-bucket inside a sprint bucket; "" for top-level records
	enc  func(T) ([]byte, error)
	dec  func([]byte) (T, error)
	meta func(*T) *model.Meta
}

var (
	goalKind       = kind[model.Goal]{"goal", "", encGoal, decGoal, func(v *model.Goal) *model.Meta { return &v.Meta }}
	memberKind     = kind[model.Member]{"member", "", encMember, decMember, func(v *model.Member) *model.Meta { return &v.Meta }}
	sprintKind     = kind[model.Sprint]{"sprint", "", encSprint, decSprint, func(v *model.Sprint) *model.Meta { return &v.Meta }}
	objectiveKind  = kind[model.Objective]{"objective", subObjectives, encObjective, decObjective, func(v *model.Objective) *model.Meta { return &v.Meta }}
	storyKind      = kind[model.Story]{"story", subStories, encStory, decStory, func(v *model.Story) *model.Meta { return &v.Meta }}
	assessmentKind = kind[model.Assessment]{"assessment", subAssessments, encAssessment, decAssessment, func(v *model.Assessment) *model.Meta { return &v.Meta }}
	outcomeKind    = kind[model.Outcome]{"outcome", subOutcomes, encOutcome, decOutcome, func(v *model.Outcome) *model.Meta { return &v.Meta }}
	actionKind     = kind[model.ActionItem]{"action item", subActions, encAction, decAction, func(v *model.ActionItem) *model.Meta { return &v.Meta }}
)

// get decodes record id from b; ok is false when it is not there.
func (k kind[T]) get(b *bolt.Bucket, id uuid.UUID) (v T, ok bool, err error) {
	if b == nil {
		return v, false, nil
	}
	data := b.Get(id[:])
	if data == nil {
		return v, false, nil
	}
	v, err = k.dec(data)
	if err != nil {
		return v, false, damaged(fmt.Sprintf("%s %s", k.name, id), err)
	}
	return v, true, nil
}

// getLive is get that treats a tombstone as absent.
func (k kind[T]) getLive(b *bolt.Bucket, id uuid.UUID) (T, bool, error) {
	v, ok, err := k.get(b, id)
	if ok && k.meta(&v).Deleted {
		var zero T
		return zero, false, err
	}
	return v, ok, err
}

// put encodes v and writes it under its ID.
func (k kind[T]) put(b *bolt.Bucket, v T) error {
	id := k.meta(&v).ID
	if id == uuid.Nil {
		return fmt.Errorf("%s has no ID", k.name)
	}
	data, err := k.enc(v)
	if err != nil {
		return fmt.Errorf("encode %s %s: %w", k.name, id, err)
	}
	if err := checkPut(k, b, v); err != nil {
		return err
	}
	if err := b.Put(idKey(id), data); err != nil {
		return fmt.Errorf("write %s %s: %w", k.name, id, err)
	}
	if err := indexSprintPut(b, v); err != nil {
		return err
	}
	return indexRecord(b.Tx(), v)
}

// all decodes every record of b in key order, tombstones included when
// withDeleted is set.
func (k kind[T]) all(b *bolt.Bucket, withDeleted bool) ([]T, error) {
	if b == nil {
		return nil, nil
	}
	var out []T
	err := b.ForEach(func(key, data []byte) error {
		if data == nil {
			return nil // a nested bucket; Check reports it
		}
		v, err := k.dec(data)
		if err != nil {
			return damaged(k.name+" "+keyString(key), err)
		}
		if withDeleted || !k.meta(&v).Deleted {
			out = append(out, v)
		}
		return nil
	})
	return out, err
}

// locate finds sprint-scoped record id, looking in sprint hint first and
// then in every sprint. It returns the record and the sprint whose bucket
// holds it; ok is false when no sprint holds it.
func (k kind[T]) locate(tx *bolt.Tx, id, hint uuid.UUID) (v T, sprint uuid.UUID, ok bool, err error) {
	if hint != uuid.Nil {
		if v, ok, err = k.get(sprintSub(tx, hint, k.sub), id); ok || err != nil {
			return v, hint, ok, err
		}
	}
	for _, sid := range sprintIDs(tx) {
		if sid == hint {
			continue
		}
		if v, ok, err = k.get(sprintSub(tx, sid, k.sub), id); ok || err != nil {
			return v, sid, ok, err
		}
	}
	return v, uuid.Nil, false, nil
}

// locateLive is locate that treats a tombstone as absent.
func (k kind[T]) locateLive(tx *bolt.Tx, id, hint uuid.UUID) (T, uuid.UUID, bool, error) {
	v, sid, ok, err := k.locate(tx, id, hint)
	if ok && k.meta(&v).Deleted {
		var zero T
		return zero, uuid.Nil, false, err
	}
	return v, sid, ok, err
}

// stampNew gives a new record its ID and both times.
func stampNew(m *model.Meta, now time.Time) { *m = model.NewMeta(now) }

// stampUpdate keeps the stored record's identity and creation time, records
// the stored version as the one this edit starts from (Base = its
// UpdatedAt) and moves UpdatedAt strictly past it, whatever Meta the caller
// passed: the stored version is the edit's base, not the caller's copy.
func stampUpdate(m *model.Meta, old model.Meta, now time.Time) {
	*m = model.Meta{ID: old.ID, CreatedAt: old.CreatedAt, UpdatedAt: old.UpdatedAt}
	m.Touch(now) // sets Base to old.UpdatedAt
}

// tombstone marks a stored record deleted and writes it back. A deletion is
// an edit: Touch makes the stored version its Base.
func tombstone[T any](k kind[T], b *bolt.Bucket, v T, now time.Time) (T, error) {
	m := k.meta(&v)
	m.Deleted = true
	m.Touch(now)
	return v, k.put(b, v)
}

// view runs fn in a read transaction. A panic inside bbolt (a damaged page,
// or a memory fault in the mapping, which SetPanicOnFault turns into a
// panic) becomes ErrDamaged naming the file; bbolt has already rolled back.
func (s *Store) view(fn func(*bolt.Tx) error) (err error) {
	if err := s.waitVerified(); err != nil {
		return err
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer s.recoverDamage(&err)
	return s.db.View(fn)
}

// update runs fn in one write transaction: everything fn writes commits
// together or not at all.
func (s *Store) update(fn func(*bolt.Tx) error) (err error) {
	if s.ro {
		return newErr(ErrReadOnly, nil, "%s is open read-only", s.path)
	}
	if err := s.waitVerified(); err != nil {
		return err
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer s.recoverDamage(&err)
	return s.db.Update(s.withActor(fn))
}

func (s *Store) recoverDamage(err *error) {
	if r := recover(); r != nil {
		*err = damagedErr(s.path, fmt.Sprintf("reading it failed (%v)", r), nil)
	}
}

// clock returns the current time in UTC.
func (s *Store) clock() time.Time { return s.now().UTC() }
