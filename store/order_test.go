package store

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/align-team/align/model"
)

// orderFixture seeds a sprint with three objectives and three stories of
// its first objective, each list numbered 0, 1, 2.
func orderFixture(t *testing.T, s *Store) (fixture, []model.Objective, []model.Story) {
	t.Helper()
	f := seed(t, s)
	objs := []model.Objective{f.obj}
	for i, title := range []string{"Second", "Third"} {
		objs = append(objs, must[model.Objective](t)(s.SaveObjective(model.Objective{SprintID: f.sprint.ID, Title: title, Order: i + 1})))
	}
	stories := []model.Story{f.story}
	for i, title := range []string{"Second story", "Third story"} {
		st := model.Story{ObjectiveID: f.obj.ID, Title: title, Status: model.StoryTodo, Points: 1, Order: i + 1}
		stories = append(stories, must[model.Story](t)(s.SaveStory(st)))
	}
	return f, objs, stories
}

// orders returns the stored Order of each objective and story of sprint sid
// by ID.
func orders(t *testing.T, s *Store, f fixture) map[string]int {
	t.Helper()
	sd := must[model.SprintData](t)(s.SprintData(f.sprint.ID))
	out := map[string]int{}
	for _, o := range sd.Objectives {
		out[o.Title] = o.Order
	}
	for _, st := range sd.Stories {
		out[st.Title] = st.Order
	}
	return out
}

func TestStore_SaveOrder_MovesInOneTransaction(t *testing.T) {
	s := newTestStore(t)
	f, objs, stories := orderFixture(t, s)
	now := time.Now()
	changedObjs, ok := model.MoveObjective(objs, objs[2].ID, -1, now)
	if !ok || len(changedObjs) != 2 {
		t.Fatalf("MoveObjective: %d changed, ok %v", len(changedObjs), ok)
	}
	changedStories, ok := model.MoveStory(stories, stories[0].ID, 1, now)
	if !ok || len(changedStories) != 2 {
		t.Fatalf("MoveStory: %d changed, ok %v", len(changedStories), ok)
	}
	if err := s.SaveOrder(changedObjs, changedStories); err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"Self-serve signup": 0, "Third": 1, "Second": 2,
		"Second story": 0, "As a visitor I can sign up": 1, "Third story": 2}
	if got := orders(t, s, f); !reflect.DeepEqual(got, want) {
		t.Errorf("orders after the move %v, want %v", got, want)
	}
}

// TestStore_SaveOrder_AllOrNothing: when one record of the new order is
// refused (here a story of a sprint that is no longer open for planning),
// none of the order is written.
func TestStore_SaveOrder_AllOrNothing(t *testing.T) {
	s := newTestStore(t)
	f, objs, stories := orderFixture(t, s)
	before := orders(t, s, f)
	changedObjs, _ := model.MoveObjective(objs, objs[0].ID, 1, time.Now())
	bad := stories[1]
	bad.Order, bad.ObjectiveID = 7, objs[2].ID
	bad.SprintID = objs[2].SprintID
	bad.Title = "" // invalid: a story needs a title
	if err := s.SaveOrder(changedObjs, []model.Story{stories[0], bad}); err == nil {
		t.Fatal("SaveOrder wrote an invalid story")
	}
	if got := orders(t, s, f); !reflect.DeepEqual(got, before) {
		t.Errorf("a refused SaveOrder changed the orders: %v, want %v", got, before)
	}
	deleted := objs[1]
	deleted.Deleted = true
	if err := s.SaveOrder([]model.Objective{deleted}, nil); err == nil {
		t.Error("SaveOrder deleted an objective")
	}
	if got := orders(t, s, f); !reflect.DeepEqual(got, before) {
		t.Errorf("a refused SaveOrder changed the orders: %v, want %v", got, before)
	}
	setState(t, s, f.sprint, model.StateReview)
	changedObjs, _ = model.MoveObjective(objs, objs[0].ID, 1, time.Now())
	if err := s.SaveOrder(changedObjs, nil); !errors.Is(err, ErrState) {
		t.Errorf("SaveOrder in review: %v, want ErrState", err)
	}
	if got := orders(t, s, f); !reflect.DeepEqual(got, before) {
		t.Errorf("a refused SaveOrder changed the orders: %v, want %v", got, before)
	}
}
