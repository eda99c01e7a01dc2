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
		var n int
		out.Sprints[i].Round2, n = sealRound2(sd, author)
		left += n
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

// sealRound2 returns the second-round estimates of sd that may travel in a
// bundle by author, and how many it left out: before an objective's second
// round is revealed, only author's own; once the sprint is closed, all.
func sealRound2(sd SprintData, author uuid.UUID) ([]Assessment, int) {
	if sd.Sprint.State == StateClosed {
		return sd.Round2, 0
	}
	var keep []Assessment
	left := 0
	for _, a := range sd.Round2 {
		if Round2Travels(sd, a, author) {
			keep = append(keep, a)
		} else {
			left++
		}
	}
	return keep, left
}

// Round2Travels reports whether second-round estimate a of sprint sd may
// travel in a bundle by author: once the sprint is closed or the
// objective's second round revealed, every one; before, author's own.
func Round2Travels(sd SprintData, a Assessment, author uuid.UUID) bool {
	if sd.Sprint.State == StateClosed || a.MemberID == author {
		return true
	}
	oc, _ := outcomeOf(sd.Outcomes, a.ObjectiveID)
	return oc.Round2Revealed
}
