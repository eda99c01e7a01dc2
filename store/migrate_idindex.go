package store

import (
	"fmt"

	"github.com/align-team/align/model"
	bolt "go.etcd.io/bbolt"
)

// migrateIDIndex (2 → 3) builds the ID index (idindex.go) from the records
// the file holds: every key of the goal, member and sprint buckets and of
// each sprint's sub-buckets, located where it is stored. It reads keys
// only. Should a damaged file hold one ID twice, the first place found
// (goals, members, sprints, then the sprints' records in key order) is kept;
// align check reports the duplicate.
func migrateIDIndex(tx *bolt.Tx) error {
	idx, err := tx.CreateBucketIfNotExists(bucketIDIndex)
	if err != nil {
		return fmt.Errorf("create bucket %s: %w", bucketIDIndex, err)
	}
	add := func(b *bolt.Bucket, l Location, own bool) error {
		if b == nil {
			return nil
		}
		c := b.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			id, err := keyID(k)
			if err != nil || v == nil || idx.Get(k) != nil {
				continue // not a record; align check reports it
			}
			if own {
				l.Sprint = id
			}
			if err := idx.Put(idKey(id), l.encode()); err != nil {
				return fmt.Errorf("index %s %s: %w", l.Kind, id, err)
			}
		}
		return nil
	}
	for _, top := range []struct {
		b    []byte
		kind model.RecordKind
	}{{bucketGoals, model.KindGoal}, {bucketMembers, model.KindMember}, {bucketSprints, model.KindSprint}} {
		if err := add(tx.Bucket(top.b), Location{Kind: top.kind}, top.kind == model.KindSprint); err != nil {
			return err
		}
	}
	data := tx.Bucket(bucketSprintData)
	if data == nil {
		return fmt.Errorf("no %q bucket", bucketSprintData)
	}
	return data.ForEach(func(k, v []byte) error {
		sid, err := keyID(k)
		if err != nil || v != nil {
			return nil // not a sprint bucket; align check reports it
		}
		sb := data.Bucket(k)
		for _, kind := range model.RecordKinds {
			if sub, ok := kindSub[kind]; ok {
				if err := add(sb.Bucket([]byte(sub)), Location{Kind: kind, Sprint: sid}, false); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
