package model

import (
	"testing"

	"github.com/google/uuid"
)

func TestMoveObjective(t *testing.T) {
	list := []Objective{fxObjective(1, 0), fxObjective(2, 1), fxObjective(3, 5)} // orders with a gap
	later := fxNow.Add(1)
	for _, tc := range []struct {
		name string
		id   uuid.UUID
		d    int
		ok   bool
		want map[uuid.UUID]int // the changed records' new orders
	}{
		{"down one", fxID(1), 1, true, map[uuid.UUID]int{fxID(2): 0, fxID(1): 1, fxID(3): 2}},
		{"up one", fxID(2), -1, true, map[uuid.UUID]int{fxID(2): 0, fxID(1): 1, fxID(3): 2}},
		{"the last up: renumbers the gap", fxID(3), -1, true, map[uuid.UUID]int{fxID(3): 1, fxID(2): 2}},
		{"the first up", fxID(1), -1, false, nil},
		{"the last down", fxID(3), 1, false, nil},
		{"not in the list", fxID(9), 1, false, nil},
	} {
		changed, ok := MoveObjective(list, tc.id, tc.d, later)
		if ok != tc.ok || len(changed) != len(tc.want) {
			t.Errorf("%s: %d changed, ok %v; want %d, %v", tc.name, len(changed), ok, len(tc.want), tc.ok)
			continue
		}
		for _, o := range changed {
			if w, in := tc.want[o.ID]; !in || o.Order != w || !o.UpdatedAt.Equal(later) {
				t.Errorf("%s: %s order %d updated %v; want %d at %v", tc.name, o.ID, o.Order, o.UpdatedAt, w, later)
			}
		}
	}
	if list[0].Order != 0 || list[2].Order != 5 {
		t.Error("MoveObjective modified its argument")
	}
}

func TestMoveStory(t *testing.T) {
	o := fxObjective(1, 0)
	list := []Story{fxStory(10, o, 1, StoryTodo), fxStory(11, o, 1, StoryTodo)}
	list[1].Order = 1
	changed, ok := MoveStory(list, fxID(11), -1, fxNow.Add(1))
	if !ok || len(changed) != 2 || changed[0].ID != fxID(11) || changed[0].Order != 0 || changed[1].Order != 1 {
		t.Errorf("MoveStory = %+v, %v", changed, ok)
	}
	if _, ok := MoveStory(list, fxID(10), -1, fxNow); ok {
		t.Error("MoveStory moved the first story up")
	}
}
