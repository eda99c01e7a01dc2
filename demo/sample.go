package demo

import (
	"fmt"
	"time"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// sampleSeed fixes the random bits of the sample's IDs and the scatter of
// its past estimates.
const sampleSeed = 2025

// Sample returns the sample team in the middle of a sprint review on now's
// day: six members, three organisational goals, four closed two-week sprints
// with agreed outcomes and action items, and a current sprint in review
// whose dates include now. In the current sprint "Checkout works offline"
// is split (spread 50) with jonas an outlier and carries on from the last
// sprint; "Loyalty points at checkout" is aligned; "Order confirmation
// arrives within a minute" looks done to everyone while its stories are 20 %
// done; "Payments runbook is up to date" has no goal and no stories; lin has
// not submitted and amara abstains once. Across sprints jonas is an optimist
// and mateo a pessimist.
//
// Sample is deterministic: the same now gives the same dataset, IDs
// included. Every record is created before now.
func Sample(now time.Time) model.Dataset {
	b := newBuilder(sampleSeed)
	var ds model.Dataset
	firstStart, _ := sprintDates(now, len(pastSprints))
	setup := firstStart.AddDate(0, 0, -10)

	goals := make([]uuid.UUID, len(sampleGoals))
	for i, g := range sampleGoals {
		goal := model.Goal{Meta: b.meta(at(setup, 9, i)), Title: g.title, Description: g.desc}
		ds.Goals = append(ds.Goals, goal)
		goals[i] = goal.ID
	}
	handles := make(map[string]uuid.UUID, len(sampleMembers))
	for i, m := range sampleMembers {
		mem := model.Member{Meta: b.meta(at(setup, 10, i)), Name: m.name, Handle: m.handle, Active: true, Facilitator: m.facilitator}
		ds.Members = append(ds.Members, mem)
		handles[m.handle] = mem.ID
	}
	goalID := func(i int) uuid.UUID {
		if i == noGoal {
			return uuid.Nil
		}
		return goals[i]
	}

	key := 100
	nextKey := func() string { key++; return fmt.Sprintf("CHK-%d", key) }
	plan := func(d *model.SprintData, spec sprintSpec) []model.Objective {
		planned := d.Sprint.CreatedAt
		objs := make([]model.Objective, len(spec.objectives))
		for i, ob := range spec.objectives {
			objs[i] = b.addObjective(d, ob.title, ob.desc, goalID(ob.goal), planned.Add(time.Duration(5+2*i)*time.Minute))
		}
		for i, ob := range spec.objectives {
			for j, st := range ob.stories {
				b.addStory(d, objs[i], st.title, st.points, st.status, nextKey(), j, planned.Add(30*time.Minute))
			}
		}
		return objs
	}

	var carried model.Objective
	var carriedAgreed int
	for i, spec := range pastSprints {
		start, end := sprintDates(now, len(pastSprints)-i)
		d := b.newSprint(spec.name, spec.goal, start, end, model.StateClosed)
		objs := plan(&d, spec)
		assessDay := end.AddDate(0, 0, -2)
		for m, ms := range sampleMembers {
			for j, ob := range spec.objectives {
				p := clamp(ob.agreed+ms.bias*spec.scale/100+b.between(-spec.noise, spec.noise), 0, 100)
				b.addAssessment(&d, objs[j], handles[ms.handle], p, b.between(2, 5), "", false, true,
					at(assessDay, 9+m, 7*j))
			}
		}
		for j, ob := range spec.objectives {
			b.addOutcome(&d, objs[j], ob.agreed, ob.outcome, at(end, 14, 10*j))
			if ob.title == currentSprint.objectives[0].title {
				carried, carriedAgreed = objs[j], ob.agreed
			}
		}
		for j, a := range spec.actions {
			var obj uuid.UUID
			for k, ob := range spec.objectives {
				if ob.title == a.objective {
					obj = objs[k].ID
				}
			}
			b.addAction(&d, obj, a.text, handles[a.owner], a.done, at(end, 15, 5*j))
		}
		ds.Sprints = append(ds.Sprints, d)
	}

	start, end := sprintDates(now, 0)
	d := b.newSprint(currentSprint.name, currentSprint.goal, start, end, model.StateReview)
	objs := plan(&d, currentSprint)
	objs[0].CarriedFrom, objs[0].Baseline = carried.ID, ptr(carriedAgreed)
	d.Objectives[0] = objs[0]
	assessDay := end.AddDate(0, 0, -2)
	for m, ms := range sampleMembers {
		submitted := true
		for _, ob := range currentSprint.objectives {
			if !answers(ob, ms.handle) {
				submitted = false
			}
		}
		for j, ob := range currentSprint.objectives {
			for _, e := range ob.estimates {
				if e.handle == ms.handle {
					b.addAssessment(&d, objs[j], handles[e.handle], e.progress, e.confidence, e.note, e.abstain, submitted,
						at(assessDay, 9+m, 7*j))
				}
			}
		}
	}
	ds.Sprints = append(ds.Sprints, d)
	return ds
}

// answers reports whether the member with handle h has an estimate or an
// abstention for ob.
func answers(ob objectiveSpec, h string) bool {
	for _, e := range ob.estimates {
		if e.handle == h {
			return true
		}
	}
	return false
}
