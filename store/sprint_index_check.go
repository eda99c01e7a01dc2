package store

import (
	"bytes"
	"maps"
	"slices"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// checkSprintIndex reports where the sprint index disagrees with the sprint
// headers byID (tombstones included): an entry missing, different from the
// header's, or naming no header. Reports trust the index to find the current
// sprint, so Check says when they would be misled.
func checkSprintIndex(tx *bolt.Tx, byID map[uuid.UUID]model.Sprint) []finding {
	ib := tx.Bucket(bucketSprintIndex)
	if ib == nil {
		return nil // reported with the other missing buckets
	}
	var fs []finding
	ids := slices.SortedFunc(maps.Keys(byID), func(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) })
	for _, id := range ids {
		h := byID[id]
		where := string(bucketSprintIndex) + "/" + id.String()
		switch v := ib.Get(id[:]); {
		case v == nil:
			fs = append(fs, found(nil, where, "sprint %s has no index entry", id))
		case !bytes.Equal(v, encIndexEntry(h)):
			fs = append(fs, found(nil, where, "the index entry of sprint %s does not match its header", id))
		}
	}
	_ = ib.ForEach(func(k, _ []byte) error {
		if id, err := keyID(k); err != nil {
			fs = append(fs, found(nil, string(bucketSprintIndex), "key %s is not a sprint ID", keyString(k)))
		} else if _, ok := byID[id]; !ok {
			fs = append(fs, found(nil, string(bucketSprintIndex)+"/"+id.String(), "the index names sprint %s, which has no header", id))
		}
		return nil
	})
	return fs
}
