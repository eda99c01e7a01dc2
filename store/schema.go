package store

// The on-disk layout of a workspace file. Everything about where records live
// is in this file; codec.go says how each record is encoded.
//
//	meta                      key → value (schemaKey, workspaceKey)
//	goals                     goal ID → goal record
//	members                   member ID → member record
//	sprints                   sprint ID → sprint header record
//	sprintdata
//	  <sprint ID>             one nested bucket per sprint, so that loading a
//	    objectives            sprint reads that sprint's records only and
//	    stories               never the whole history
//	    assessments
//	    outcomes
//	    actions               each: record ID → record
//	sprintindex               sprint ID → start, end, creation, closed and
//	                          deleted (sprint_index.go), kept with every
//	                          header write
//	ids                       record ID → its kind and sprint (idindex.go)
//
// Keys are the 16 bytes of a UUIDv7. Version 7 UUIDs begin with their
// creation time in milliseconds, so a cursor visits records (and sprints) in
// creation order and new keys append at the right edge of the B+tree.
// Values are JSON (see codec.go). Deletes are tombstones: the record stays
// with Deleted set, so that deletions travel in bundles.

import (
	"fmt"
	"strconv"

	"github.com/align-team/align/store/internal/filesafe"
	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// SchemaVersion is the layout version this binary reads and writes. Files
// with an older version are migrated on a writing open (see migrate.go).
const SchemaVersion = 4

// Top-level bucket names.
var (
	bucketMeta       = []byte("meta")
	bucketGoals      = []byte("goals")
	bucketMembers    = []byte("members")
	bucketSprints    = []byte("sprints")
	bucketSprintData = []byte("sprintdata")
)

// topBuckets lists the top-level buckets in creation order.
var topBuckets = [][]byte{bucketMeta, bucketGoals, bucketMembers, bucketSprints, bucketSprintData, bucketSprintIndex, bucketIDIndex}

// Sub-bucket names inside each sprint's nested bucket.
const (
	subObjectives  = "objectives"
	subStories     = "stories"
	subAssessments = "assessments"
	subOutcomes    = "outcomes"
	subActions     = "actions"
)

// sprintSubs lists the sub-buckets of a sprint bucket.
var sprintSubs = []string{subObjectives, subStories, subAssessments, subOutcomes, subActions}

// Keys in the meta bucket.
var (
	// schemaKey holds the schema version as decimal ASCII ("2").
	schemaKey = []byte("schema")
	// workspaceKey holds the workspace record (team, replica ID, settings).
	workspaceKey = []byte("workspace")
)

// idKey returns the bbolt key of a record ID.
func idKey(id uuid.UUID) []byte {
	k := make([]byte, len(id))
	copy(k, id[:])
	return k
}

// keyID parses a bbolt key back into an ID, copying it out of bbolt's memory.
func keyID(k []byte) (uuid.UUID, error) {
	if len(k) != 16 {
		return uuid.Nil, fmt.Errorf("key %x is %d bytes long, not a 16-byte ID", k, len(k))
	}
	var id uuid.UUID
	copy(id[:], k)
	return id, nil
}

// readVersion returns the schema version stored in tx, or 0 for a bbolt file
// with no buckets at all (a new file). A file with buckets but without the
// meta bucket or its version belongs to some other program.
func readVersion(tx *bolt.Tx) (int, error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		empty := true
		_ = tx.ForEach(func([]byte, *bolt.Bucket) error { empty = false; return nil })
		if empty {
			return 0, nil
		}
		return 0, fmt.Errorf("it has no %q bucket", bucketMeta)
	}
	v := meta.Get(schemaKey)
	if v == nil {
		return 0, fmt.Errorf("it has no schema version")
	}
	n, err := strconv.Atoi(string(v))
	if err != nil || n < 1 {
		return 0, fmt.Errorf("its schema version %q is not a positive number", v)
	}
	return n, nil
}

// writeVersion stores the schema version.
func writeVersion(tx *bolt.Tx, v int) error {
	return tx.Bucket(bucketMeta).Put(schemaKey, []byte(strconv.Itoa(v)))
}

// ensureBuckets creates every top-level bucket that is missing.
func ensureBuckets(tx *bolt.Tx) error {
	for _, name := range topBuckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	return nil
}

// sprintBucket returns the nested bucket of sprint id, or nil when it does
// not exist.
func sprintBucket(tx *bolt.Tx, id uuid.UUID) *bolt.Bucket {
	return tx.Bucket(bucketSprintData).Bucket(id[:])
}

// sprintSub returns sub-bucket sub of sprint id, or nil.
func sprintSub(tx *bolt.Tx, id uuid.UUID, sub string) *bolt.Bucket {
	sb := sprintBucket(tx, id)
	if sb == nil {
		return nil
	}
	return sb.Bucket([]byte(sub))
}

// createSprintBucket creates sprint id's nested bucket and its sub-buckets
// if missing, and returns it.
func createSprintBucket(tx *bolt.Tx, id uuid.UUID) (*bolt.Bucket, error) {
	sb, err := tx.Bucket(bucketSprintData).CreateBucketIfNotExists(idKey(id))
	if err != nil {
		return nil, fmt.Errorf("create bucket for sprint %s: %w", id, err)
	}
	for _, sub := range sprintSubs {
		if _, err := sb.CreateBucketIfNotExists([]byte(sub)); err != nil {
			return nil, fmt.Errorf("create %s bucket for sprint %s: %w", sub, id, err)
		}
	}
	return sb, nil
}

// sprintIDs returns the IDs of every nested sprint bucket, newest first:
// lookups by record ID usually concern the current sprint.
func sprintIDs(tx *bolt.Tx) []uuid.UUID {
	var ids []uuid.UUID
	c := tx.Bucket(bucketSprintData).Cursor()
	for k, v := c.Last(); k != nil; k, v = c.Prev() {
		if v != nil {
			continue // not a bucket; Check reports it
		}
		if id, err := keyID(k); err == nil {
			ids = append(ids, id)
		}
	}
	return ids
}

// keyString names a key in messages: as an ID when it is one, else in hex.
func keyString(k []byte) string { return filesafe.KeyString(k) }
