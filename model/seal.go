package model

import "github.com/google/uuid"

// EstimatesSealed reports whether a sprint in state s keeps its members'
// estimates to themselves: before the review nobody should see anyone
// else's, so they travel only with their own author.
func EstimatesSealed(s SprintState) bool { return s == StatePlanning || s == StateAssessing }

// SealEstimates returns d without the estimates (tombstones included) of
// members other than author in sprints whose estimates are sealed (see
// EstimatesSealed), and how many it left out. A plan exported before the
// review so carries no estimate but its author's own, and a workspace that
// imports it cannot show anyone else's: they are not there. d is not
// modified.
func SealEstimates(d Dataset, author uuid.UUID) (Dataset, int) {
	out := Dataset{Goals: d.Goals, Members: d.Members, Sprints: make([]SprintData, len(d.Sprints))}
	left := 0
	for i, sd := range d.Sprints {
		out.Sprints[i] = sd
		if !EstimatesSealed(sd.Sprint.State) {
			continue
		}
		var keep []Assessment
		for _, a := range sd.Assessments {
			if a.MemberID == author {
				keep = append(keep, a)
			} else {
				left++
			}
		}
		out.Sprints[i].Assessments = keep
	}
	return out, left
}
