package store

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

func TestStore_Check_FindsInjectedProblems(t *testing.T) {
	ghost := uuid.MustParse("01900000-0000-7000-8000-000000000001")
	tests := []struct {
		name   string
		inject func(tx *bolt.Tx, f fixture) error
		where  string // a part of the Where of the expected problem
		what   string // a part of its What
	}{
		{"orphan story", func(tx *bolt.Tx, f fixture) error {
			st := f.story
			st.ID, st.ObjectiveID = ghost, uuid.Must(uuid.NewV7())
			return storyKind.put(sprintSub(tx, f.sprint.ID, subStories), st)
		}, "/stories/" + ghost.String(), "which is not in this sprint"},
		{"assessment of a missing member", func(tx *bolt.Tx, f fixture) error {
			a := model.Assessment{Meta: model.NewMeta(t0), SprintID: f.sprint.ID, ObjectiveID: f.obj.ID, MemberID: ghost, Progress: 1, Confidence: 1}
			return assessmentKind.put(sprintSub(tx, f.sprint.ID, subAssessments), a)
		}, "/assessments/", "member " + ghost.String() + " does not exist"},
		{"undecodable value", func(tx *bolt.Tx, f fixture) error {
			return sprintSub(tx, f.sprint.ID, subOutcomes).Put(ghost[:], []byte("{not json"))
		}, "/outcomes/" + ghost.String(), "cannot be decoded"},
		{"record in the wrong sprint bucket", func(tx *bolt.Tx, f fixture) error {
			o := f.obj
			o.ID, o.SprintID = ghost, uuid.Must(uuid.NewV7())
			return objectiveKind.put(sprintSub(tx, f.sprint.ID, subObjectives), o)
		}, "/objectives/" + ghost.String(), "wrong sprint bucket"},
		{"record under another key", func(tx *bolt.Tx, f fixture) error {
			data, _ := encGoal(f.goal)
			return tx.Bucket(bucketGoals).Put(ghost[:], data)
		}, "goals/" + ghost.String(), "says its ID is " + "" /* the goal's */},
		{"ID used twice", func(tx *bolt.Tx, f fixture) error {
			g := f.goal
			g.ID = f.obj.ID
			return goalKind.put(tx.Bucket(bucketGoals), g)
		}, "/objectives/", "is also used by goals/"},
		{"sprint bucket without header", func(tx *bolt.Tx, f fixture) error {
			_, err := createSprintBucket(tx, ghost)
			return err
		}, "sprintdata/" + ghost.String(), "has no header"},
		{"duplicate handle", func(tx *bolt.Tx, f fixture) error {
			m := f.bob
			m.ID, m.Handle = ghost, "ann"
			return memberKind.put(tx.Bucket(bucketMembers), m)
		}, "members/", `handle "ann"`},
		{"live story under deleted objective", func(tx *bolt.Tx, f fixture) error {
			o := f.obj
			o.Deleted = true
			return objectiveKind.put(sprintSub(tx, f.sprint.ID, subObjectives), o)
		}, "/stories/" + f0, "is live but its objective"},
		{"missing bucket", func(tx *bolt.Tx, f fixture) error { return tx.DeleteBucket(bucketGoals) }, "goals", "bucket is missing"},
		{"wrong schema", func(tx *bolt.Tx, f fixture) error { return tx.Bucket(bucketMeta).Put(schemaKey, []byte("x")) }, "meta/schema", "not a positive number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "align.db")
			s := openTestStore(t, path, Options{})
			f := seed(t, s)
			_ = s.Close()
			rawUpdate(t, path, func(tx *bolt.Tx) error { return tt.inject(tx, f) })
			ps := checkRaw(t, path)
			for _, p := range ps {
				if strings.Contains(p.Where, strings.ReplaceAll(tt.where, f0, f.story.ID.String())) && strings.Contains(p.What, tt.what) {
					return
				}
			}
			t.Errorf("no problem at %q saying %q; got %+v", tt.where, tt.what, ps)
		})
	}
}

// f0 stands for the fixture's story ID in an expected Where.
const f0 = "<story>"

// checkRaw runs Check on path without a schema gate: a file whose meta is
// broken still gets checked through a store built around a raw handle.
func checkRaw(t *testing.T, path string) []Problem {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = db.Close() }()
	s := &Store{db: db, path: path, ro: true}
	ps, err := s.Check()
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

func TestStore_Check_CleanWorkspace(t *testing.T) {
	s := newTestStore(t)
	f := seed(t, s)
	assess(t, s, f.obj.ID, f.ann.ID, 30)
	del := f.obj
	del.Deleted = true
	must[model.Objective](t)(s.SaveObjective(del))
	if ps, err := s.Check(); err != nil || len(ps) > 0 {
		t.Errorf("Check on a writable store = %+v, %v", ps, err)
	}
}

func TestStore_SprintData_ReadsOnlyItsSprint(t *testing.T) {
	path := filepath.Join(t.TempDir(), "align.db")
	s := openTestStore(t, path, Options{})
	f := seed(t, s)
	broken := addSprint(t, s, "Sprint 2", t0.AddDate(0, 0, 14))
	addObjective(t, s, broken.ID, "Will be damaged")
	_ = s.Close()
	// Damage every record of the other sprint: loading this sprint must not
	// notice, because it never reads them.
	rawUpdate(t, path, func(tx *bolt.Tx) error {
		for _, sub := range sprintSubs {
			if err := sprintSub(tx, broken.ID, sub).Put(uuid.Must(uuid.NewV7()).NodeID(), []byte("garbage")); err != nil {
				return err
			}
		}
		return nil
	})
	s = openTestStore(t, path, Options{})
	d, err := s.SprintData(f.sprint.ID)
	if err != nil || len(d.Objectives) != 1 || len(d.Stories) != 1 {
		t.Fatalf("SprintData of the intact sprint = %+v, %v", d, err)
	}
	_, err = s.SprintData(broken.ID)
	// The store states the fact; cli adds "; run `align check`" (cli/advice_test.go).
	var re *RecordError
	if err == nil || !strings.Contains(err.Error(), "damaged") || !errors.As(err, &re) || !errors.Is(err, ErrDamaged) {
		t.Errorf("SprintData of the damaged sprint: %v", err)
	}
	if _, err := s.SprintData(uuid.Must(uuid.NewV7())); !errors.Is(err, ErrNotFound) {
		t.Errorf("SprintData of an unknown sprint: %v", err)
	}
}
