package store

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// t0 is the fixed start of every test clock.
var t0 = time.Date(2025, 3, 3, 9, 0, 0, 0, time.UTC)

// testClock advances one second on every reading, so that every stamp in a
// test is distinct and reproducible.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *testClock { return &testClock{t: t0} }

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Second)
	return c.t
}

// newTestStore opens a new workspace under t.TempDir(). When the test ends
// the store is closed and the file reopened read-only for Check: any problem
// fails the test.
func newTestStore(t testing.TB) *Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "align.db")
	t.Cleanup(func() { checkFile(t, path) })
	return openTestStore(t, path, Options{})
}

// openTestStore opens path with a test clock and closes it when the test ends.
func openTestStore(t testing.TB, path string, opt Options) *Store {
	t.Helper()
	if opt.Now == nil {
		opt.Now = newClock().Now
	}
	s, err := Open(path, opt)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// checkFile runs Check on the file at path and fails t on any problem.
func checkFile(t testing.TB, path string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		return // the test removed or never created it
	}
	s, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Errorf("reopen for check: %v", err)
		return
	}
	defer func() { _ = s.Close() }()
	ps, err := s.Check()
	if err != nil {
		t.Errorf("check: %v", err)
	}
	for _, p := range ps {
		t.Errorf("check: %s: %s", p.Where, p.What)
	}
}

// rawUpdate changes the file at path with bbolt directly; the store must be
// closed.
func rawUpdate(t testing.TB, path string, fn func(tx *bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = db.Close() }()
	if err := db.Update(fn); err != nil {
		t.Fatal(err)
	}
}

func must[T any](t testing.TB) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func addGoal(t testing.TB, s *Store, title string) model.Goal {
	t.Helper()
	return must[model.Goal](t)(s.SaveGoal(model.Goal{Title: title}))
}

func addMember(t testing.TB, s *Store, name, handle string) model.Member {
	t.Helper()
	return must[model.Member](t)(s.SaveMember(model.Member{Name: name, Handle: handle, Active: true}))
}

func addSprint(t testing.TB, s *Store, name string, start time.Time) model.Sprint {
	t.Helper()
	return must[model.Sprint](t)(s.SaveSprint(model.Sprint{Name: name, Start: start, End: start.AddDate(0, 0, 13)}))
}

func setState(t testing.TB, s *Store, sp model.Sprint, st model.SprintState) model.Sprint {
	t.Helper()
	sp.State = st
	return must[model.Sprint](t)(s.SaveSprint(sp))
}

func addObjective(t testing.TB, s *Store, sprint uuid.UUID, title string) model.Objective {
	t.Helper()
	return must[model.Objective](t)(s.SaveObjective(model.Objective{SprintID: sprint, Title: title}))
}

func addStory(t testing.TB, s *Store, obj uuid.UUID, title string) model.Story {
	t.Helper()
	return must[model.Story](t)(s.SaveStory(model.Story{ObjectiveID: obj, Title: title, Status: model.StoryTodo, Points: 3}))
}

func assess(t testing.TB, s *Store, obj, member uuid.UUID, progress int) model.Assessment {
	t.Helper()
	return must[model.Assessment](t)(s.SaveAssessment(model.Assessment{ObjectiveID: obj, MemberID: member, Progress: progress, Confidence: 3}))
}

// fixture is a small workspace: two members, a goal, a sprint in
// assessing with one objective and one story.
type fixture struct {
	ann, bob model.Member
	goal     model.Goal
	sprint   model.Sprint
	obj      model.Objective
	story    model.Story
}

func seed(t testing.TB, s *Store) fixture {
	t.Helper()
	var f fixture
	f.ann = addMember(t, s, "Ann Lee", "ann")
	f.bob = addMember(t, s, "Bob Ray", "bob")
	f.goal = addGoal(t, s, "Faster onboarding")
	f.sprint = addSprint(t, s, "Sprint 1", t0)
	f.sprint = setState(t, s, f.sprint, model.StateAssessing)
	f.obj = must[model.Objective](t)(s.SaveObjective(model.Objective{SprintID: f.sprint.ID, Title: "Self-serve signup", GoalID: f.goal.ID}))
	f.story = addStory(t, s, f.obj.ID, "As a visitor I can sign up")
	return f
}
