package demo

import (
	"fmt"
	"strings"
	"time"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// Size describes a generated workspace. Stories counts stories per sprint,
// dealt round-robin over that sprint's objectives (none when Objectives is
// 0). Negative sizes count as zero. Seed fixes every random choice.
type Size struct {
	Sprints, Members, Objectives, Stories int
	Seed                                  uint64
}

// Generate returns a large synthetic workspace: sz.Members active members,
// five organisational goals, and sz.Sprints back-to-back two-week sprints
// ending with one in review whose dates include now. In the closed sprints
// every member answers every objective (now and then abstaining), each
// objective has an agreed outcome, and two action items follow up (the
// latest often still open). In the sprint in review about a third of the
// members have not finished assessing. Each member leans optimistic or
// pessimistic by a fixed amount, so calibration has something to find.
// Titles are drawn from word lists; about one objective in ten is linked to
// no goal, and some stories carry no points.
//
// The same now and sz give the same dataset, IDs included. For
// Size{130, 15, 10, 50, seed} (five years of history) it takes a few
// milliseconds; see BenchmarkGenerate.
func Generate(now time.Time, sz Size) model.Dataset {
	sz.Sprints, sz.Members = max(sz.Sprints, 0), max(sz.Members, 0)
	sz.Objectives, sz.Stories = max(sz.Objectives, 0), max(sz.Stories, 0)
	b := newBuilder(sz.Seed)
	var ds model.Dataset
	biases := generateTeam(b, &ds, now, sz)
	ds.Sprints = make([]model.SprintData, 0, sz.Sprints)
	key := 0
	for i := range sz.Sprints {
		ds.Sprints = append(ds.Sprints, generateSprint(b, ds, now, sz, i, biases, &key))
	}
	return ds
}

// generateTeam adds the goals and the members to ds and returns each
// member's bias: how many points they lean optimistic (or pessimistic).
func generateTeam(b *builder, ds *model.Dataset, now time.Time, sz Size) []int {
	firstStart, _ := sprintDates(now, max(sz.Sprints-1, 0))
	setup := firstStart.AddDate(0, 0, -30)
	for i, g := range generatedGoals {
		ds.Goals = append(ds.Goals, model.Goal{Meta: b.meta(at(setup, 9, i)), Title: g.title, Description: g.desc})
	}
	biases := make([]int, sz.Members)
	taken := make(map[string]bool, sz.Members)
	for i := range sz.Members {
		first, last := firstNames[b.intn(len(firstNames))], lastNames[b.intn(len(lastNames))]
		handle := strings.ToLower(first)
		for n := 2; taken[handle]; n++ {
			handle = fmt.Sprintf("%s%d", strings.ToLower(first), n)
		}
		taken[handle] = true
		ds.Members = append(ds.Members, model.Member{
			Meta: b.meta(at(setup, 10, i)), Name: first + " " + last, Handle: handle,
			Active: true, Facilitator: i == 0,
		})
		biases[i] = b.between(-15, 15)
	}
	return biases
}

// generateSprint builds sprint i of sz.Sprints: its plan, estimates and,
// for sprints before the last, outcomes and action items. key numbers the
// stories' tracker keys across sprints.
func generateSprint(b *builder, ds model.Dataset, now time.Time, sz Size, i int, biases []int, key *int) model.SprintData {
	last := i == sz.Sprints-1
	start, end := sprintDates(now, sz.Sprints-1-i)
	state := model.StateClosed
	if last {
		state = model.StateReview
	}
	d := b.newSprint(fmt.Sprintf("Sprint %d", i+1), fmt.Sprintf("Sprint goal %d: ship what we promised, nothing more.", i+1), start, end, state)
	d.Objectives = make([]model.Objective, 0, sz.Objectives)
	truth := make([]int, sz.Objectives)
	planned := d.Sprint.CreatedAt
	for j := range sz.Objectives {
		var goal uuid.UUID
		if !b.chance(0.1) {
			goal = ds.Goals[b.intn(len(ds.Goals))].ID
		}
		title := areas[b.intn(len(areas))] + " " + claims[b.intn(len(claims))]
		b.addObjective(&d, title, "", goal, planned.Add(time.Duration(j)*time.Second))
		truth[j] = b.between(10, 95)
	}
	if sz.Objectives > 0 {
		d.Stories = make([]model.Story, 0, sz.Stories)
		for k := range sz.Stories {
			j := k % sz.Objectives
			*key++
			title := fmt.Sprintf("As a %s I can %s", roles[b.intn(len(roles))], actions[b.intn(len(actions))])
			b.addStory(&d, d.Objectives[j], title, storyPoints[b.intn(len(storyPoints))],
				storyStatus(b, truth[j]), fmt.Sprintf("APP-%d", *key), k/sz.Objectives, planned.Add(time.Minute))
		}
	}
	generateEstimates(b, &d, ds.Members, biases, truth, last, end.AddDate(0, 0, -2))
	if !last {
		for j, o := range d.Objectives {
			b.addOutcome(&d, o, truth[j], "", at(end, 14, j))
		}
	}
	if !last && len(ds.Members) > 0 {
		for k := range 2 {
			var obj uuid.UUID
			if len(d.Objectives) > 0 {
				obj = d.Objectives[b.intn(len(d.Objectives))].ID
			}
			owner := ds.Members[b.intn(len(ds.Members))].ID
			done := i < sz.Sprints-3 || b.chance(0.3) // the latest ones are often still open
			b.addAction(&d, obj, followUps[b.intn(len(followUps))], owner, done, at(end, 15, k))
		}
	}
	return d
}

// generateEstimates has every member estimate every objective of d around
// its true progress, leaning by their bias; in the last sprint (in review)
// some have not finished.
func generateEstimates(b *builder, d *model.SprintData, members []model.Member, biases, truth []int, last bool, assessDay time.Time) {
	d.Assessments = make([]model.Assessment, 0, len(members)*len(d.Objectives))
	for m, mem := range members {
		behind := last && b.chance(0.3) // has not finished assessing
		for j, o := range d.Objectives {
			if behind && b.chance(0.4) {
				continue
			}
			abstain := b.chance(0.04)
			p := clamp(truth[j]+biases[m]+b.between(-10, 10), 0, 100)
			note := ""
			if b.chance(0.2) {
				note = notes[b.intn(len(notes))]
			}
			b.addAssessment(d, o, mem.ID, p, b.between(1, 5), note, abstain, !behind,
				at(assessDay, 9, 0).Add(time.Duration(m)*30*time.Second))
		}
	}
}

// storyPoints are the estimates a generated story may carry; 0 means not
// estimated, so some objectives are judged by story count.
var storyPoints = []int{0, 1, 2, 3, 3, 5, 5, 8, 13}

// storyStatus picks a status so that about progress % of stories are done.
func storyStatus(b *builder, progress int) model.StoryStatus {
	switch r := b.intn(100); {
	case r < progress:
		return model.StoryDone
	case r < progress+(100-progress)/2:
		return model.StoryDoing
	default:
		return model.StoryTodo
	}
}
