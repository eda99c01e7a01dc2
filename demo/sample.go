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
	sm := sampler{b: newBuilder(sampleSeed), key: 100}
	firstStart, _ := sprintDates(now, len(pastSprints))
	setup := firstStart.AddDate(0, 0, -10)
	ds := sm.team(setup)

	var carried model.Objective
	var carriedAgreed int
	for i, spec := range pastSprints {
		start, end := sprintDates(now, len(pastSprints)-i)
		d, objs := sm.pastSprint(spec, start, end)
		for j, ob := range spec.objectives {
			if ob.title == currentSprint.objectives[0].title {
				carried, carriedAgreed = objs[j], ob.agreed
			}
		}
		ds.Sprints = append(ds.Sprints, d)
	}
	start, end := sprintDates(now, 0)
	ds.Sprints = append(ds.Sprints, sm.currentSprint(start, end, carried, carriedAgreed))
	return ds
}

// sampler builds the sample team's records in a fixed order, so that the
// same clock gives the same dataset.
type sampler struct {
	b       *builder
	goals   []uuid.UUID
	handles map[string]uuid.UUID
	key     int // the last story key's number
}

// team makes the goals and members, set up at setup.
func (sm *sampler) team(setup time.Time) model.Dataset {
	var ds model.Dataset
	sm.goals = make([]uuid.UUID, len(sampleGoals))
	for i, g := range sampleGoals {
		goal := model.Goal{Meta: sm.b.meta(at(setup, 9, i)), Title: g.title, Description: g.desc}
		ds.Goals = append(ds.Goals, goal)
		sm.goals[i] = goal.ID
	}
	sm.handles = make(map[string]uuid.UUID, len(sampleMembers))
	for i, m := range sampleMembers {
		mem := model.Member{Meta: sm.b.meta(at(setup, 10, i)), Name: m.name, Handle: m.handle, Active: true, Facilitator: m.facilitator}
		ds.Members = append(ds.Members, mem)
		sm.handles[m.handle] = mem.ID
	}
	return ds
}

func (sm *sampler) goalID(i int) uuid.UUID {
	if i == noGoal {
		return uuid.Nil
	}
	return sm.goals[i]
}

func (sm *sampler) nextKey() string { sm.key++; return fmt.Sprintf("CHK-%d", sm.key) }

// plan adds spec's objectives and their stories to d.
func (sm *sampler) plan(d *model.SprintData, spec sprintSpec) []model.Objective {
	planned := d.Sprint.CreatedAt
	objs := make([]model.Objective, len(spec.objectives))
	for i, ob := range spec.objectives {
		objs[i] = sm.b.addObjective(d, ob.title, ob.desc, sm.goalID(ob.goal), planned.Add(time.Duration(5+2*i)*time.Minute))
	}
	for i, ob := range spec.objectives {
		for j, st := range ob.stories {
			sm.b.addStory(d, objs[i], st.title, st.points, st.status, sm.nextKey(), j, planned.Add(30*time.Minute))
		}
	}
	return objs
}

// pastSprint builds one closed sprint: plan, estimates around the agreed
// values (leaning by each member's bias), outcomes and action items.
func (sm *sampler) pastSprint(spec sprintSpec, start, end time.Time) (model.SprintData, []model.Objective) {
	b := sm.b
	d := b.newSprint(spec.name, spec.goal, start, end, model.StateClosed)
	objs := sm.plan(&d, spec)
	assessDay := end.AddDate(0, 0, -2)
	for m, ms := range sampleMembers {
		for j, ob := range spec.objectives {
			p := clamp(ob.agreed+ms.bias*spec.scale/100+b.between(-spec.noise, spec.noise), 0, 100)
			b.addAssessment(&d, objs[j], sm.handles[ms.handle], p, b.between(2, 5), "", false, true,
				at(assessDay, 9+m, 7*j))
		}
	}
	for j, ob := range spec.objectives {
		b.addOutcome(&d, objs[j], ob.agreed, ob.outcome, at(end, 14, 10*j))
	}
	for j, a := range spec.actions {
		var obj uuid.UUID
		for k, ob := range spec.objectives {
			if ob.title == a.objective {
				obj = objs[k].ID
			}
		}
		b.addAction(&d, obj, a.text, sm.handles[a.owner], a.done, at(end, 15, 5*j))
	}
	return d, objs
}

// currentSprint builds the sprint in review, its first objective carried
// from the last sprint with the value agreed there as its baseline.
func (sm *sampler) currentSprint(start, end time.Time, carried model.Objective, carriedAgreed int) model.SprintData {
	d := sm.b.newSprint(currentSprint.name, currentSprint.goal, start, end, model.StateReview)
	objs := sm.plan(&d, currentSprint)
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
					sm.b.addAssessment(&d, objs[j], sm.handles[e.handle], e.progress, e.confidence, e.note, e.abstain, submitted,
						at(assessDay, 9+m, 7*j))
				}
			}
		}
	}
	return d
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
