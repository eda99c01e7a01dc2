package store

// The sprint index (schema version 3; the ID index came with 4) lets a report find the current sprint
// and the sprints before it without decoding every sprint header: the
// sprintindex bucket maps each sprint ID (tombstones too) to the few fields
// the choice and the order rest on, in a fixed binary form:
//
//	start   int64 Unix seconds, uint32 nanoseconds
//	end     int64 Unix seconds, uint32 nanoseconds
//	created int64 Unix seconds, uint32 nanoseconds
//	state   1 byte: its index in model.SprintStates (0xff: none of them)
//	flags   1 byte: indexDeleted
//
// Every write of a sprint header goes through kind.put, which updates the
// entry in the same transaction (indexSprintPut), so the index cannot fall
// behind the headers; a file of an older schema gets its index from the
// migration to version 3 (migrateSprintIndex). The rule that picks the
// current sprint stays model.CurrentSprint, run on headers rebuilt from the
// entries, so both ways give the same answer by construction (and a test
// compares them on generated workspaces).

import (
	"encoding/binary"
	"fmt"
	"slices"
	"time"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// bucketSprintIndex holds the sprint index.
var bucketSprintIndex = []byte("sprintindex")

const (
	indexEntrySize = 3*12 + 2
	indexDeleted   = 1 << 0
	indexNoState   = 0xff
)

// encIndexEntry encodes sp's index entry.
func encIndexEntry(sp model.Sprint) []byte {
	b := make([]byte, 0, indexEntrySize)
	for _, t := range []time.Time{sp.Start, sp.End, sp.CreatedAt} {
		b = binary.BigEndian.AppendUint64(b, uint64(t.Unix()))
		b = binary.BigEndian.AppendUint32(b, uint32(t.Nanosecond()))
	}
	state := byte(indexNoState)
	if i := slices.Index(model.SprintStates, sp.State); i >= 0 {
		state = byte(i)
	}
	var flags byte
	if sp.Deleted {
		flags |= indexDeleted
	}
	return append(b, state, flags)
}

// decIndexEntry rebuilds from the entry under key k a sprint header that
// carries only what the entry holds: ID, Start, End, CreatedAt, State and
// Deleted.
func decIndexEntry(k, v []byte) (model.Sprint, error) {
	var sp model.Sprint
	id, err := keyID(k)
	if err != nil {
		return sp, err
	}
	if len(v) != indexEntrySize {
		return sp, fmt.Errorf("sprint index entry %s is malformed (%d bytes)", id, len(v))
	}
	state, flags := v[indexEntrySize-2], v[indexEntrySize-1]
	if flags&^indexDeleted != 0 || (int(state) >= len(model.SprintStates) && state != indexNoState) {
		return sp, fmt.Errorf("sprint index entry %s is malformed (state %d, flags %#x)", id, state, flags)
	}
	var ts [3]time.Time
	for i := range ts {
		sec := int64(binary.BigEndian.Uint64(v[12*i:]))
		nsec := binary.BigEndian.Uint32(v[12*i+8:])
		if nsec >= 1e9 {
			return sp, fmt.Errorf("sprint index entry %s is malformed (nanoseconds %d)", id, nsec)
		}
		ts[i] = time.Unix(sec, int64(nsec)).UTC()
	}
	sp.ID, sp.Start, sp.End, sp.CreatedAt = id, ts[0], ts[1], ts[2]
	if state != indexNoState {
		sp.State = model.SprintStates[state]
	}
	sp.Deleted = flags&indexDeleted != 0
	return sp, nil
}

// indexSprintPut updates the index entry of v when v is a sprint header
// that kind.put has just written to b: the one place the index is kept. It
// indexes the header as a reader decodes it (dates are stored as days), so
// that the index and the headers never disagree.
func indexSprintPut[T any](b *bolt.Bucket, v T) error {
	put, ok := any(v).(model.Sprint)
	if !ok {
		return nil
	}
	sp, err := decSprint(b.Get(put.ID[:]))
	if err != nil {
		return fmt.Errorf("index sprint %s: %w", put.ID, err)
	}
	ib := b.Tx().Bucket(bucketSprintIndex)
	if ib == nil {
		return fmt.Errorf("the %s bucket is missing", bucketSprintIndex)
	}
	if err := ib.Put(idKey(sp.ID), encIndexEntry(sp)); err != nil {
		return fmt.Errorf("index sprint %s: %w", sp.ID, err)
	}
	return nil
}

// indexedSprints returns the headers rebuilt from the index (see
// decIndexEntry), tombstones included, in key order.
func indexedSprints(tx *bolt.Tx) ([]model.Sprint, error) {
	ib := tx.Bucket(bucketSprintIndex)
	if ib == nil {
		return nil, damaged(string(bucketSprintIndex), fmt.Errorf("the %s bucket is missing", bucketSprintIndex))
	}
	var ss []model.Sprint
	err := ib.ForEach(func(k, v []byte) error {
		sp, err := decIndexEntry(k, v)
		if err != nil {
			return damaged(string(bucketSprintIndex), err)
		}
		ss = append(ss, sp)
		return nil
	})
	return ss, err
}

// migrateSprintIndex (2 → 3) builds the sprint index from every sprint
// header, tombstones included.
func migrateSprintIndex(tx *bolt.Tx) error {
	ib, err := tx.CreateBucketIfNotExists(bucketSprintIndex)
	if err != nil {
		return fmt.Errorf("create bucket %s: %w", bucketSprintIndex, err)
	}
	headers, err := sprintKind.all(tx.Bucket(bucketSprints), true)
	if err != nil {
		return err
	}
	for _, sp := range headers {
		if err := ib.Put(idKey(sp.ID), encIndexEntry(sp)); err != nil {
			return err
		}
	}
	return nil
}

// CurrentSprint returns the header of the current sprint as
// model.CurrentSprint picks it on today, reading the sprint index and the
// one chosen header; ok is false when there is no live sprint.
func (s *Store) CurrentSprint(today time.Time) (sp model.Sprint, ok bool, err error) {
	err = s.viewEarly(func(tx *bolt.Tx) error {
		idx, err := indexedSprints(tx)
		if err != nil {
			return err
		}
		pick, found := model.CurrentSprint(idx, today)
		if !found {
			return nil
		}
		if sp, ok, err = sprintKind.getLive(tx.Bucket(bucketSprints), pick.ID); err == nil && !ok {
			err = damaged(string(bucketSprintIndex), fmt.Errorf("it names sprint %s, which has no live header", pick.ID))
		}
		return err
	})
	return sp, ok && err == nil, err
}

// liveSprintOrder returns the IDs of the live sprints by start date (then
// creation, then ID), as Sprints orders their headers, from the index.
func (s *Store) liveSprintOrder() ([]uuid.UUID, error) {
	var ids []uuid.UUID
	err := s.viewEarly(func(tx *bolt.Tx) error {
		idx, err := indexedSprints(tx)
		if err != nil {
			return err
		}
		sortSprints(idx)
		for _, sp := range idx {
			if !sp.Deleted {
				ids = append(ids, sp.ID)
			}
		}
		return nil
	})
	return ids, err
}
