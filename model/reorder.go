package model

// Reordering a sprint's objectives, or an objective's stories: move one
// record up or down and renumber the list, so that orders stay distinct.

import (
	"slices"
	"time"

	"github.com/google/uuid"
)

// MoveObjective moves objective id of list (a sprint's live objectives in
// plan order) d places (negative: up) and renumbers the list 0, 1, 2, …. It
// returns the objectives whose Order changed, each touched at now: what the
// store writes, in one transaction (Store.SaveOrder). ok is false when id
// is not in list or the move would leave it.
func MoveObjective(list []Objective, id uuid.UUID, d int, now time.Time) (changed []Objective, ok bool) {
	moved, ok := move(list, id, d, func(o Objective) uuid.UUID { return o.ID })
	for i, o := range moved {
		if o.Order != i {
			o.Order = i
			o.Touch(now)
			changed = append(changed, o)
		}
	}
	return changed, ok
}

// MoveStory moves story id of list (an objective's live stories in plan
// order) d places, as MoveObjective moves an objective.
func MoveStory(list []Story, id uuid.UUID, d int, now time.Time) (changed []Story, ok bool) {
	moved, ok := move(list, id, d, func(s Story) uuid.UUID { return s.ID })
	for i, s := range moved {
		if s.Order != i {
			s.Order = i
			s.Touch(now)
			changed = append(changed, s)
		}
	}
	return changed, ok
}

// move returns a copy of xs with the item id swapped with the one d places
// away, or false when it would leave the list.
func move[T any](xs []T, id uuid.UUID, d int, idOf func(T) uuid.UUID) ([]T, bool) {
	i := slices.IndexFunc(xs, func(x T) bool { return idOf(x) == id })
	j := i + d
	if i < 0 || j < 0 || j >= len(xs) {
		return nil, false
	}
	out := slices.Clone(xs)
	out[i], out[j] = out[j], out[i]
	return out, true
}
