// Package demo builds sample workspaces as model.Dataset values: Sample, a
// small realistic product team in the middle of a sprint review, and
// Generate, a large synthetic history for benchmarks.
//
// Both are deterministic: the same arguments give the same dataset, IDs
// included. Nothing here does I/O or reads the clock.
package demo

import (
	"encoding/binary"
	"math/rand/v2"
	"time"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// NewID returns a version-7 UUID for time t whose 74 random bits come from
// r. Like uuid.NewV7, its first 48 bits are t in Unix milliseconds, so IDs
// sort by creation time; unlike it, the same r gives the same IDs.
func NewID(t time.Time, r *rand.Rand) uuid.UUID {
	var id uuid.UUID
	ms := uint64(t.UnixMilli())
	id[0], id[1], id[2] = byte(ms>>40), byte(ms>>32), byte(ms>>24)
	id[3], id[4], id[5] = byte(ms>>16), byte(ms>>8), byte(ms)
	binary.BigEndian.PutUint16(id[6:8], uint16(r.Uint64())&0x0fff|0x7000)     // version 7
	binary.BigEndian.PutUint64(id[8:16], r.Uint64()&0x3fffffffffffffff|1<<63) // variant 10
	return id
}

// builder creates records in chronological order. Its clock never goes
// back: each record is stamped at least a millisecond after the previous
// one, so CreatedAt and the ID's timestamp agree and are all distinct.
type builder struct {
	rng  *rand.Rand
	last time.Time
}

func newBuilder(seed uint64) *builder {
	return &builder{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

// meta returns the Meta of a record made at t (or just after the previous
// record, whichever is later).
func (b *builder) meta(t time.Time) model.Meta {
	t = t.UTC().Truncate(time.Millisecond)
	if !t.After(b.last) {
		t = b.last.Add(time.Millisecond)
	}
	b.last = t
	return model.Meta{ID: NewID(t, b.rng), CreatedAt: t, UpdatedAt: t}
}

// intn returns a pseudo-random int in [0, n); 0 when n ≤ 0.
func (b *builder) intn(n int) int {
	if n <= 0 {
		return 0
	}
	return b.rng.IntN(n)
}

// between returns a pseudo-random int in [lo, hi].
func (b *builder) between(lo, hi int) int { return lo + b.intn(hi-lo+1) }

// chance reports true with probability p.
func (b *builder) chance(p float64) bool { return b.rng.Float64() < p }

// at returns day plus the given hours and minutes.
func at(day time.Time, h, m int) time.Time {
	return day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
}

// clamp keeps v within [lo, hi].
func clamp(v, lo, hi int) int { return max(lo, min(hi, v)) }

// SprintLength is the length of every demo sprint: two weeks, End inclusive.
const SprintLength = 14

// sprintDates returns the start and inclusive end of the sprint that is
// back sprints before the current one, where the current sprint is on its
// second-to-last day today (its review day).
func sprintDates(now time.Time, back int) (start, end time.Time) {
	currentStart := model.Day(now.UTC()).AddDate(0, 0, -(SprintLength - 2))
	start = currentStart.AddDate(0, 0, -SprintLength*back)
	return start, start.AddDate(0, 0, SprintLength-1)
}

func ptr(v int) *int { return &v }

// newSprint starts a sprint, created on the afternoon before it starts
// (the previous sprint's review day).
func (b *builder) newSprint(name, goal string, start, end time.Time, state model.SprintState) model.SprintData {
	return model.SprintData{Sprint: model.Sprint{
		Meta: b.meta(at(start.AddDate(0, 0, -1), 16, 0)),
		Name: name, Goal: goal, Start: start, End: end, State: state,
	}}
}

// addObjective appends an objective to d in plan order.
func (b *builder) addObjective(d *model.SprintData, title, desc string, goal uuid.UUID, t time.Time) model.Objective {
	o := model.Objective{
		Meta: b.meta(t), SprintID: d.Sprint.ID, Title: title, Description: desc,
		GoalID: goal, Order: len(d.Objectives),
	}
	d.Objectives = append(d.Objectives, o)
	return o
}

// addStory appends a story of objective o to d.
func (b *builder) addStory(d *model.SprintData, o model.Objective, title string, points int, status model.StoryStatus, key string, order int, t time.Time) {
	d.Stories = append(d.Stories, model.Story{
		Meta: b.meta(t), SprintID: d.Sprint.ID, ObjectiveID: o.ID,
		Title: title, Points: points, Status: status, Key: key, Order: order,
	})
}

// addAssessment appends a member's estimate (or abstention) of o to d.
func (b *builder) addAssessment(d *model.SprintData, o model.Objective, member uuid.UUID, progress, confidence int, note string, abstain, submitted bool, t time.Time) {
	if abstain {
		progress, confidence = 0, 0
	}
	d.Assessments = append(d.Assessments, model.Assessment{
		Meta: b.meta(t), SprintID: d.Sprint.ID, ObjectiveID: o.ID, MemberID: member,
		Progress: progress, Confidence: confidence, Note: note, Abstain: abstain, Submitted: submitted,
	})
}

// addOutcome appends the agreed outcome of a discussed objective to d.
func (b *builder) addOutcome(d *model.SprintData, o model.Objective, agreed int, notes string, t time.Time) {
	d.Outcomes = append(d.Outcomes, model.Outcome{
		Meta: b.meta(t), SprintID: d.Sprint.ID, ObjectiveID: o.ID,
		Agreed: ptr(agreed), Notes: notes, Discussed: true, Revealed: true,
	})
}

// addAction appends an action item to d.
func (b *builder) addAction(d *model.SprintData, objective uuid.UUID, text string, owner uuid.UUID, done bool, t time.Time) {
	d.Actions = append(d.Actions, model.ActionItem{
		Meta: b.meta(t), SprintID: d.Sprint.ID, ObjectiveID: objective,
		Text: text, OwnerID: owner, Done: done,
	})
}
