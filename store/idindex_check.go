package store

import (
	"bytes"
	"maps"
	"slices"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// topKinds is the kind of the record each top-level bucket holds.
var topKinds = map[string]model.RecordKind{
	"goals":   model.KindGoal,
	"members": model.KindMember,
	"sprints": model.KindSprint,
}

// subKinds is kindSub turned round: a sprint sub-bucket's record kind.
var subKinds = func() map[string]model.RecordKind {
	m := make(map[string]model.RecordKind, len(kindSub))
	for k, sub := range kindSub {
		m[sub] = k
	}
	return m
}()

// location is where c found the record id stored, as the ID index writes it.
func (c *checker) location(id uuid.UUID, p place) Location {
	if p.sprint < 0 {
		l := Location{Kind: topKinds[p.bucket]}
		if l.Kind == model.KindSprint {
			l.Sprint = id
		}
		return l
	}
	return Location{Kind: subKinds[p.bucket], Sprint: c.sprintIDs[p.sprint]}
}

// checkIDIndex reports where the ID index disagrees with the records c
// saw: a record with no entry, an entry naming another kind or sprint, and
// an entry for an ID that no record has.
func (c *checker) checkIDIndex(tx *bolt.Tx) {
	ib := tx.Bucket(bucketIDIndex)
	if ib == nil {
		return // reported with the other missing buckets
	}
	ids := slices.SortedFunc(maps.Keys(c.seen), func(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) })
	for _, id := range ids {
		p := c.seen[id]
		where := string(bucketIDIndex) + "/" + id.String()
		want := c.location(id, p)
		switch v := ib.Get(id[:]); {
		case v == nil:
			c.fs = append(c.fs, found(nil, where, "%s has no ID index entry", c.where(id, p)))
		case !bytes.Equal(v, want.encode()):
			c.fs = append(c.fs, found(nil, where, "the ID index entry of %s does not say where it is stored", c.where(id, p)))
		}
	}
	_ = ib.ForEach(func(k, v []byte) error {
		id, err := keyID(k)
		if err != nil {
			c.fs = append(c.fs, found(nil, string(bucketIDIndex), "key %s is not a record ID", keyString(k)))
			return nil
		}
		if _, ok := c.seen[id]; !ok {
			c.fs = append(c.fs, found(nil, string(bucketIDIndex)+"/"+id.String(), "the ID index names record %s, which is not stored", id))
		}
		return nil
	})
}
