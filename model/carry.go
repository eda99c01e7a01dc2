package model

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/google/uuid"
)

// Agreed returns the agreed value of each of d's objectives that has one.
func Agreed(d SprintData) map[uuid.UUID]int {
	out := map[uuid.UUID]int{}
	for _, o := range d.Outcomes {
		if !o.Deleted && o.Agreed != nil {
			out[o.ObjectiveID] = *o.Agreed
		}
	}
	return out
}

// Unfinished returns d's live objectives, in plan order, that have no agreed
// value or one below 100: the ones a carry-over may take into a later sprint.
func Unfinished(d SprintData) []Objective {
	agreed := Agreed(d)
	var out []Objective
	for _, o := range LiveObjectives(d) {
		if a, ok := agreed[o.ID]; !ok || a < 100 {
			out = append(out, o)
		}
	}
	return out
}

// ErrNothingToCarry is returned by CarryOver when every chosen objective is
// already in the target sprint.
var ErrNothingToCarry = errors.New("nothing to carry on")

// CarryOver returns the records that carry the chosen unfinished objectives
// of from into target: target's sprint with, for each objective, a copy
// with CarriedFrom set to the original and Baseline to its agreed value,
// and a copy of each of its live stories not done. pick lists objective
// IDs, nil for every unfinished one. Objectives already carried into target
// are skipped. from must be in review or closed; target must be later (or
// as early) and still planning or assessing. It changes nothing itself:
// the caller writes the result in one transaction.
func CarryOver(from, target SprintData, pick []uuid.UUID, now time.Time) (SprintData, error) {
	out := SprintData{Sprint: target.Sprint}
	switch {
	case from.Sprint.State != StateReview && from.Sprint.State != StateClosed:
		return out, fmt.Errorf("carrying on starts from a sprint in review or closed; %s is %s", from.Sprint.Name, from.Sprint.State)
	case target.Sprint.ID == from.Sprint.ID:
		return out, fmt.Errorf("%s cannot carry into itself; name a later sprint", from.Sprint.Name)
	case !CanEditPlan(target.Sprint.State):
		return out, fmt.Errorf("%s is %s: objectives are added only while a sprint is planning or assessing", target.Sprint.Name, target.Sprint.State)
	case target.Sprint.Start.Before(from.Sprint.Start):
		return out, fmt.Errorf("%s starts before %s: carry into a later sprint", target.Sprint.Name, from.Sprint.Name)
	}
	unfinished := Unfinished(from)
	chosen := unfinished
	if pick != nil {
		chosen = nil
		for _, id := range pick {
			i := slices.IndexFunc(unfinished, func(o Objective) bool { return o.ID == id })
			if i < 0 {
				return out, fmt.Errorf("objective %s of %s was agreed at 100%% or is not in it: only unfinished objectives carry on", id, from.Sprint.Name)
			}
			if !slices.ContainsFunc(chosen, func(o Objective) bool { return o.ID == id }) {
				chosen = append(chosen, unfinished[i])
			}
		}
	}
	existing := LiveObjectives(target)
	already := map[uuid.UUID]bool{}
	order := 0
	for _, o := range existing {
		already[o.CarriedFrom] = true
		order = max(order, o.Order+1)
	}
	agreed := Agreed(from)
	stories := slices.Clone(from.Stories)
	slices.SortStableFunc(stories, func(a, b Story) int { return a.Order - b.Order })
	for _, o := range chosen {
		if already[o.ID] {
			continue
		}
		n := Objective{Meta: NewMeta(now), SprintID: out.Sprint.ID, Title: o.Title, Description: o.Description,
			GoalID: o.GoalID, Order: order, CarriedFrom: o.ID}
		if a, ok := agreed[o.ID]; ok {
			n.Baseline = &a
		}
		order++
		out.Objectives = append(out.Objectives, n)
		i := 0
		for _, s := range stories {
			if s.Deleted || s.ObjectiveID != o.ID || s.Status == StoryDone {
				continue
			}
			out.Stories = append(out.Stories, Story{Meta: NewMeta(now), SprintID: out.Sprint.ID, ObjectiveID: n.ID,
				Title: s.Title, Points: s.Points, Status: s.Status, Key: s.Key, Order: i})
			i++
		}
	}
	if len(out.Objectives) == 0 {
		return out, fmt.Errorf("every chosen objective is already in %s: %w", out.Sprint.Name, ErrNothingToCarry)
	}
	return out, nil
}
