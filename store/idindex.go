package store

// The ID index: one top-level bucket that says, for every record ID in the
// file, what kind of record it is and which sprint holds it.
//
//	ids                       record ID → location (17 bytes)
//
// A location is the record's model.RecordKind in one byte, then the 16
// bytes of its sprint's ID (the record's own ID for a sprint header; zero
// for goals and members). kind.put writes the entry in the same transaction
// as the record, so the index never disagrees with the records it names.
// It lets Apply refuse an ID that the workspace uses elsewhere, and an
// import find the sprints a bundle touches, without reading every sprint.

import (
	"fmt"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// bucketIDIndex is the top-level bucket of the ID index.
var bucketIDIndex = []byte("ids")

// locationLen is the length of an index value.
const locationLen = 17

// Location is where a record lives: its kind and, for sprint-scoped
// records and sprint headers, its sprint.
type Location struct {
	Kind   model.RecordKind
	Sprint uuid.UUID // nil for goals and members; a sprint header's own ID
}

func (l Location) encode() []byte {
	v := make([]byte, locationLen)
	v[0] = byte(l.Kind)
	copy(v[1:], l.Sprint[:])
	return v
}

func decodeLocation(v []byte) (Location, error) {
	if len(v) != locationLen || int(v[0]) >= len(model.RecordKinds) {
		return Location{}, fmt.Errorf("index entry %x is not a record location", v)
	}
	l := Location{Kind: model.RecordKind(v[0])}
	copy(l.Sprint[:], v[1:])
	return l, nil
}

// describe names the location as Apply's messages do: "goal", "member",
// "sprint", or "stories of sprint ID".
func (l Location) describe() string {
	switch l.Kind {
	case model.KindGoal, model.KindMember, model.KindSprint:
		return l.Kind.String()
	}
	return kindSub[l.Kind] + " of sprint " + l.Sprint.String()
}

// kindSub is the sprint sub-bucket of each sprint-scoped kind.
var kindSub = map[model.RecordKind]string{
	model.KindObjective:  subObjectives,
	model.KindStory:      subStories,
	model.KindAssessment: subAssessments,
	model.KindOutcome:    subOutcomes,
	model.KindAction:     subActions,
}

// indexRecord records rec's location in tx's ID index, writing only when
// the entry is new or differs.
func indexRecord(tx *bolt.Tx, rec any) error {
	kind, m, sprint, ok := model.Describe(rec)
	if !ok {
		return fmt.Errorf("index: %T is not a record", rec)
	}
	b := tx.Bucket(bucketIDIndex)
	if b == nil {
		return fmt.Errorf("index %s %s: the %s bucket is missing", kind, m.ID, bucketIDIndex)
	}
	v := Location{Kind: kind, Sprint: sprint}.encode()
	if old := b.Get(m.ID[:]); old != nil && string(old) == string(v) {
		return nil
	}
	if err := b.Put(idKey(m.ID), v); err != nil {
		return fmt.Errorf("index %s %s: %w", kind, m.ID, err)
	}
	return nil
}

// lookupLocation returns where id lives; ok is false when the index does
// not hold it.
func lookupLocation(tx *bolt.Tx, id uuid.UUID) (Location, bool, error) {
	b := tx.Bucket(bucketIDIndex)
	if b == nil {
		return Location{}, false, fmt.Errorf("the %s bucket is missing", bucketIDIndex)
	}
	v := b.Get(id[:])
	if v == nil {
		return Location{}, false, nil
	}
	l, err := decodeLocation(v)
	if err != nil {
		return Location{}, false, damaged("ID index "+id.String(), err)
	}
	return l, true, nil
}

// Locate returns the location of every ID of ids that the workspace holds,
// tombstones included, reading the ID index only.
func (s *Store) Locate(ids []uuid.UUID) (map[uuid.UUID]Location, error) {
	out := make(map[uuid.UUID]Location, len(ids))
	err := s.view(func(tx *bolt.Tx) error {
		for _, id := range ids {
			l, ok, err := lookupLocation(tx, id)
			if err != nil {
				return err
			}
			if ok {
				out[id] = l
			}
		}
		return nil
	})
	return out, err
}
