package model

import (
	"cmp"
	"math"
	"slices"

	"github.com/google/uuid"
)

// ScorePoint is one sprint's alignment score in a trend.
type ScorePoint struct {
	Sprint   Sprint
	Score    float64
	HasScore bool
	// Participation is who answered the sprint, and who answered late.
	Participation Participation
	// Narrowing is how far the discussion narrowed the spread, over the
	// objectives whose second round was revealed.
	Narrowing Narrowing
}

// Trend returns the alignment score of each sprint, ordered by start date.
//
// Deleted sprints are left out; sprints starting on the same day are ordered
// by CreatedAt, then ID. A sprint without an objective that has two responses
// is still listed, with HasScore false.
func Trend(sprints []SprintData, members []Member, s Settings) []ScorePoint {
	live := liveSprintData(sprints)
	out := make([]ScorePoint, 0, len(live))
	for _, d := range live {
		r := Analyze(d, members, s)
		out = append(out, ScorePoint{Sprint: d.Sprint, Score: r.Score, HasScore: r.HasScore, Participation: r.Participation(),
			Narrowing: NarrowingOf(r)})
	}
	return out
}

// liveSprintData returns the sprints that are not deleted, in start order.
func liveSprintData(sprints []SprintData) []SprintData {
	out := make([]SprintData, 0, len(sprints))
	for _, d := range sprints {
		if !d.Sprint.Deleted {
			out = append(out, d)
		}
	}
	slices.SortStableFunc(out, func(a, b SprintData) int { return compareSprints(a.Sprint, b.Sprint) })
	return out
}

// compareSprints orders sprints by Start, then CreatedAt, then ID.
func compareSprints(a, b Sprint) int {
	if c := a.Start.Compare(b.Start); c != 0 {
		return c
	}
	if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
		return c
	}
	return compareIDs(a.ID, b.ID)
}

// Calibration is how one member's estimates compare with agreed outcomes.
type Calibration struct {
	MemberID   uuid.UUID
	Handle     string
	Count      int     // estimates with an agreed outcome
	MeanGap    float64 // mean of estimate − agreed: > 0 optimist, < 0 pessimist
	MeanAbsGap float64
}

// CalibratedWithin is how far, in points either way, a member's mean gap
// may stray from the agreed outcomes and still count as calibrated.
const CalibratedWithin = 5

// Tendency names the calibration: "optimist", "pessimist" or "calibrated"
// (mean gap within 5 points either way).
func (c Calibration) Tendency() string {
	switch {
	case c.MeanGap > CalibratedWithin:
		return "optimist"
	case c.MeanGap < -CalibratedWithin:
		return "pessimist"
	default:
		return "calibrated"
	}
}

// Calibrate returns each member's calibration across sprints, by handle;
// members with no estimate against an agreed outcome are left out.
//
// It counts every live, non-abstaining assessment by a live member of a live
// objective in a live sprint whose live Outcome has an agreed value; the gap
// is progress − agreed. Inactive members keep their history. Assessments by
// members not in members are skipped, as there is nobody to name.
func Calibrate(sprints []SprintData, members []Member) []Calibration {
	byID := make(map[uuid.UUID]Member, len(members))
	for _, m := range members {
		if !m.Deleted {
			byID[m.ID] = m
		}
	}
	type sums struct {
		n        int
		gap, abs float64
	}
	acc := make(map[uuid.UUID]*sums)
	for _, d := range sprints {
		if d.Sprint.Deleted {
			continue
		}
		agreed := make(map[uuid.UUID]int)
		for id, oc := range liveOutcomes(d.Outcomes) {
			if oc.Agreed != nil {
				agreed[id] = *oc.Agreed
			}
		}
		for _, o := range LiveObjectives(d) {
			ag, ok := agreed[o.ID]
			if !ok {
				continue
			}
			for _, a := range latestByMember(o.ID, d.Assessments, byID) {
				if _, known := byID[a.MemberID]; !known || a.Abstain {
					continue
				}
				s := acc[a.MemberID]
				if s == nil {
					s = &sums{}
					acc[a.MemberID] = s
				}
				g := float64(a.Progress - ag)
				s.n++
				s.gap += g
				s.abs += math.Abs(g)
			}
		}
	}
	out := make([]Calibration, 0, len(acc))
	for id, s := range acc {
		out = append(out, Calibration{
			MemberID:   id,
			Handle:     byID[id].Handle,
			Count:      s.n,
			MeanGap:    s.gap / float64(s.n),
			MeanAbsGap: s.abs / float64(s.n),
		})
	}
	slices.SortFunc(out, func(a, b Calibration) int {
		if c := cmp.Compare(a.Handle, b.Handle); c != 0 {
			return c
		}
		return compareIDs(a.MemberID, b.MemberID)
	})
	return out
}
