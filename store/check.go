package store

import (
	"errors"
	"fmt"
	"os"

	"github.com/align-team/align/model"
	"github.com/align-team/align/store/internal/filesafe"
	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// errRollback ends a write transaction that must not commit: Check runs
// bbolt's consistency check in a write transaction, the one kind bbolt
// documents as safe while this process may be writing, and then discards it
// so that checking never changes the file.
var errRollback = errors.New("rollback")

// Check verifies the file's structure with align's own bounds-checked page
// walk (reporting every damaged page), and only when that finds nothing,
// bbolt's consistency and referential integrity: stories,
// assessments, outcomes and action items point at objectives of their own
// sprint, objectives at goals, assessments and owners at members, nothing
// live hangs under a deleted sprint or objective, every value decodes and
// sits in the right bucket under its own ID, handles are unique, and each
// member has at most one assessment per objective. A nil slice means no
// problem was found; the error reports a failure to run the check at all.
func (s *Store) Check() ([]Problem, error) {
	var ps []Problem
	run := func(tx *bolt.Tx) error {
		// align's own bounds-checked walk first, always: bbolt's checks
		// trust the page tree and can fault on a damaged one.
		if ps = s.walkProblems(); len(ps) == 0 {
			ps = checkTx(tx, s.releaser(tx))
		}
		return nil
	}
	if s.ro {
		return ps, s.view(run)
	}
	err := s.update(func(tx *bolt.Tx) error {
		_ = run(tx)
		return errRollback
	})
	if errors.Is(err, errRollback) {
		err = nil
	}
	return ps, err
}

// checkTx runs every check in tx. release, called as the walk goes,
// lets go of the file's pages read so far (Store.releaseMapped).
func checkTx(tx *bolt.Tx, release func()) []Problem {
	c := &checker{seen: map[uuid.UUID]place{}, release: release}
	stop := releaseWhile(release)
	for err := range tx.Check() {
		c.fs = append(c.fs, found(nil, "file", "bbolt consistency: %v", err))
	}
	stop()
	for _, name := range topBuckets {
		if tx.Bucket(name) == nil {
			c.fs = append(c.fs, found(nil, string(name), "the %s bucket is missing", name))
		}
	}
	if len(c.fs) > 0 && tx.Bucket(bucketMeta) == nil {
		return problems(c.fs)
	}
	ws, wsErr := c.meta(tx)
	if tx.Bucket(bucketGoals) == nil || tx.Bucket(bucketMembers) == nil ||
		tx.Bucket(bucketSprints) == nil || tx.Bucket(bucketSprintData) == nil {
		return problems(c.fs)
	}
	r, byID := c.plan(tx, ws, wsErr)
	c.fs = append(c.fs, checkSprintIndex(tx, byID)...)
	c.sprintData(tx, r, byID)
	c.checkIDIndex(tx)
	return problems(c.fs)
}

// checker gathers what checkTx finds, and where each record ID is stored.
type checker struct {
	fs        []finding
	seen      map[uuid.UUID]place // every record ID → where it is stored
	sprints   []string            // the Where of each sprint's bucket a place names
	sprintIDs []uuid.UUID         // the sprint of each of sprints
	release   func()              // after each sprint: Store.releaseMapped
}

// place is where a record is stored, kept small because check notes every
// record of the history: a bucket name (a constant: no allocation) and, for
// a sprint's record, the index of its sprint in checker.sprints.
type place struct {
	sprint int32 // -1: a top-level bucket
	bucket string
}

// where is p's Where in a finding about record id.
func (c *checker) where(id uuid.UUID, p place) string {
	if p.sprint < 0 {
		return p.bucket + "/" + id.String()
	}
	return c.sprints[p.sprint] + "/" + p.bucket + "/" + id.String()
}

// note records where id is stored, or a duplicate if it was seen before.
func (c *checker) note(id uuid.UUID, at place) {
	if other, dup := c.seen[id]; dup {
		c.fs = append(c.fs, found(ErrDuplicate, c.where(id, at), "ID %s is also used by %s", id, c.where(id, other)))
		return
	}
	c.seen[id] = at
}

// meta checks the schema version and the workspace record.
func (c *checker) meta(tx *bolt.Tx) (Workspace, error) {
	if v, err := readVersion(tx); err != nil {
		c.fs = append(c.fs, found(nil, "meta/schema", "%v", err))
	} else if v != SchemaVersion {
		c.fs = append(c.fs, found(nil, "meta/schema", "schema version is %d, expected %d", v, SchemaVersion))
	}
	ws, wsErr := getWorkspace(tx)
	if wsErr != nil {
		c.fs = append(c.fs, found(nil, "meta/workspace", "%v", wsErr))
	} else if err := ws.Settings.Validate(); err != nil {
		c.fs = append(c.fs, found(nil, "meta/workspace", "settings do not validate: %v", err))
	}
	return ws, wsErr
}

// plan checks the goals, members and sprint headers, and returns what the
// sprints' records may refer to and the headers by ID.
func (c *checker) plan(tx *bolt.Tx, ws Workspace, wsErr error) (refs, map[uuid.UUID]model.Sprint) {
	goals, gf := decodeBucket(goalKind, tx.Bucket(bucketGoals), "goals")
	members, mf := decodeBucket(memberKind, tx.Bucket(bucketMembers), "members")
	headers, hf := decodeBucket(sprintKind, tx.Bucket(bucketSprints), "sprints")
	c.fs = append(append(append(c.fs, gf...), mf...), hf...)
	r := refs{goals: map[uuid.UUID]bool{}, members: map[uuid.UUID]bool{}}
	for _, g := range goals {
		c.note(g.ID, place{-1, "goals"})
		r.goals[g.ID] = true
		if err := g.Validate(); err != nil {
			c.fs = append(c.fs, found(errInvalid, "goals/"+g.ID.String(), "goal does not validate: %v", err))
		}
	}
	for _, m := range members {
		c.note(m.ID, place{-1, "members"})
		r.members[m.ID] = true
		if err := m.Validate(); err != nil {
			c.fs = append(c.fs, found(errInvalid, "members/"+m.ID.String(), "member does not validate: %v", err))
		}
	}
	c.fs = append(c.fs, checkMembers(members)...)
	if wsErr == nil && ws.LastMember != uuid.Nil && !r.members[ws.LastMember] {
		c.fs = append(c.fs, found(ErrReference, "meta/workspace", "last member %s does not exist", ws.LastMember))
	}
	byID := map[uuid.UUID]model.Sprint{}
	for _, h := range headers {
		c.note(h.ID, place{-1, "sprints"})
		byID[h.ID] = h
		if err := h.Validate(); err != nil {
			c.fs = append(c.fs, found(errInvalid, "sprints/"+h.ID.String(), "sprint does not validate: %v", err))
		}
		if sprintBucket(tx, h.ID) == nil {
			c.fs = append(c.fs, found(nil, "sprints/"+h.ID.String(), "sprint %q has no sprintdata bucket", h.Name))
		}
	}
	return r, byID
}

// sprintData checks every sprint's bucket: its records, their IDs and
// what they refer to.
func (c *checker) sprintData(tx *bolt.Tx, r refs, byID map[uuid.UUID]model.Sprint) {
	err := tx.Bucket(bucketSprintData).ForEach(func(k, v []byte) error {
		where := "sprintdata/" + keyString(k)
		sid, err := keyID(k)
		if err != nil || v != nil {
			c.fs = append(c.fs, found(nil, where, "unexpected entry: sprintdata holds only one bucket per sprint"))
			return nil
		}
		h, ok := byID[sid]
		if !ok {
			c.fs = append(c.fs, found(ErrReference, where, "bucket of sprint %s, which has no header in sprints", sid))
			h = model.Sprint{Meta: model.Meta{ID: sid}, Name: sid.String()}
		}
		d, df := decodeSprintBucket(tx.Bucket(bucketSprintData).Bucket(k), h, where)
		c.fs = append(c.fs, df...)
		c.sprints = append(c.sprints, where)
		c.sprintIDs = append(c.sprintIDs, sid)
		for _, id := range sprintRecordIDs(d) {
			c.note(id.id, place{int32(len(c.sprints) - 1), id.sub})
		}
		c.fs = append(c.fs, checkSprintView(d, r, where)...)
		c.release()
		return nil
	})
	if err != nil {
		c.fs = append(c.fs, found(nil, "sprintdata", "cannot read: %v", err))
	}
}

func problems(fs []finding) []Problem {
	var ps []Problem
	for _, f := range fs {
		ps = append(ps, f.Problem)
	}
	return ps
}

// decodeBucket decodes every value of b, reporting entries that are not
// records of k: nested buckets, bad keys, undecodable values, and records
// stored under another ID than their own.
func decodeBucket[T any](k kind[T], b *bolt.Bucket, prefix string) ([]T, []finding) {
	var out []T
	var fs []finding
	if b == nil {
		return nil, []finding{found(nil, prefix, "the %s bucket is missing", prefix)}
	}
	_ = b.ForEach(func(key, data []byte) error {
		where := prefix + "/" + keyString(key)
		id, err := keyID(key)
		if err != nil {
			fs = append(fs, found(nil, where, "%v", err))
			return nil
		}
		if data == nil {
			fs = append(fs, found(nil, where, "unexpected nested bucket where a %s should be", k.name))
			return nil
		}
		v, err := k.dec(data)
		if err != nil {
			fs = append(fs, found(nil, where, "%s cannot be decoded: %v", k.name, err))
			return nil
		}
		if got := k.meta(&v).ID; got != id {
			fs = append(fs, found(nil, where, "%s says its ID is %s but is stored under %s", k.name, got, id))
			return nil
		}
		out = append(out, v)
		return nil
	})
	return out, fs
}

// decodeSprintBucket decodes one sprint's nested bucket into a view.
func decodeSprintBucket(sb *bolt.Bucket, h model.Sprint, where string) (model.SprintData, []finding) {
	d := model.SprintData{Sprint: h}
	var fs, f []finding
	sub := func(name string) *bolt.Bucket { return sb.Bucket([]byte(name)) }
	d.Objectives, f = decodeBucket(objectiveKind, sub(subObjectives), where+"/"+subObjectives)
	fs = append(fs, f...)
	d.Stories, f = decodeBucket(storyKind, sub(subStories), where+"/"+subStories)
	fs = append(fs, f...)
	d.Assessments, f = decodeBucket(assessmentKind, sub(subAssessments), where+"/"+subAssessments)
	fs = append(fs, f...)
	d.Outcomes, f = decodeBucket(outcomeKind, sub(subOutcomes), where+"/"+subOutcomes)
	fs = append(fs, f...)
	d.Actions, f = decodeBucket(actionKind, sub(subActions), where+"/"+subActions)
	fs = append(fs, f...)
	return d, fs
}

type subID struct {
	sub string
	id  uuid.UUID
}

// sprintRecordIDs lists the IDs of every record in d with its sub-bucket.
func sprintRecordIDs(d model.SprintData) []subID {
	var ids []subID
	for _, v := range d.Objectives {
		ids = append(ids, subID{subObjectives, v.ID})
	}
	for _, v := range d.Stories {
		ids = append(ids, subID{subStories, v.ID})
	}
	for _, v := range d.Assessments {
		ids = append(ids, subID{subAssessments, v.ID})
	}
	for _, v := range d.Outcomes {
		ids = append(ids, subID{subOutcomes, v.ID})
	}
	for _, v := range d.Actions {
		ids = append(ids, subID{subActions, v.ID})
	}
	return ids
}

// walkProblems runs the full bounds-checked walk over the file this store
// reads (its open snapshot copy, if it reads one) and returns every structural
// problem as a Check finding. It runs inside a transaction of s, so no
// commit of this process lands during the walk, and other processes are
// kept out by the file lock bbolt holds.
func (s *Store) walkProblems() []Problem {
	f := s.snapshot
	if f == nil {
		var err error
		if f, err = os.Open(s.path); err != nil {
			return []Problem{{Where: "file", What: fmt.Sprintf("cannot read %s for the page walk: %v", s.path, err)}}
		}
		defer func() { _ = f.Close() }()
	}
	ps, err := filesafe.WalkOpenFile(f)
	if err != nil {
		return []Problem{{Where: "file", What: fmt.Sprintf("cannot read %s for the page walk: %v", s.path, err)}}
	}
	return ps
}
