//go:build faultinject

package store

import (
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/align-team/align/model"
)

// TestFault_SaveOrder_AllOrNothing fails each write step of a reorder in
// turn: the workspace keeps its old order every time, never half of the new.
func TestFault_SaveOrder_AllOrNothing(t *testing.T) {
	reorder := func(t *testing.T) (*Store, []model.Objective, []model.Story, model.Dataset) {
		s := newTestStore(t)
		_, objs, stories := orderFixture(t, s)
		objs, _ = model.MoveObjective(objs, objs[2].ID, -2, time.Now())
		stories, _ = model.MoveStory(stories, stories[0].ID, 2, time.Now())
		before := must[model.Dataset](t)(s.Dataset(DatasetOptions{IncludeDeleted: true}))
		return s, objs, stories, before
	}
	var steps []string
	{
		s, objs, stories, _ := reorder(t)
		steps = recordSteps(t, func() {
			if err := s.SaveOrder(objs, stories); err != nil {
				t.Fatal(err)
			}
		})
	}
	if len(steps) == 0 {
		t.Fatal("SaveOrder passed no fault steps")
	}
	for _, occ := range occurrences(steps) {
		step, n := occ[0].(string), occ[1].(int)
		t.Run(fmt.Sprintf("%s#%d", step, n), func(t *testing.T) {
			s, objs, stories, before := reorder(t)
			failing(t, step, n)
			if err := s.SaveOrder(objs, stories); !errors.Is(err, errInjected) {
				t.Fatalf("SaveOrder with a fault at %s #%d: %v", step, n, err)
			}
			after := must[model.Dataset](t)(s.Dataset(DatasetOptions{IncludeDeleted: true}))
			if !reflect.DeepEqual(before, after) {
				t.Errorf("a failed SaveOrder changed the workspace")
			}
		})
	}
	t.Logf("fault injection: SaveOrder failed at each of its %d write steps; the order stayed as it was every time", len(steps))
}
