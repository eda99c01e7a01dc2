package model

import (
	"cmp"
	"math"
	"slices"

	"github.com/google/uuid"
)

// MinScored is how many data points a score must rest on before it is
// shown: fewer say more about chance than about the member.
const MinScored = 5

// Score is the mean gap of a set of first-round estimates against one
// reference: the mean of (estimate − reference), the mean of its absolute
// value, and how many estimates it rests on.
type Score struct {
	Count               int
	MeanGap, MeanAbsGap float64
	sum, abs            float64 // while adding up
}

// Shown reports whether the score rests on MinScored data points or more.
func (s Score) Shown() bool { return s.Count >= MinScored }

// add counts one gap; the means are exact quotients of the sums (gaps are
// whole points), as Calibrate's are, so that both read alike.
func (s *Score) add(gap float64) {
	s.Count++
	s.sum += gap
	s.abs += math.Abs(gap)
	s.MeanGap, s.MeanAbsGap = s.sum/float64(s.Count), s.abs/float64(s.Count)
}

// MemberScores scores one member's first-round estimates against what the
// room agreed and against what the stories said at the end of the sprint.
type MemberScores struct {
	MemberID uuid.UUID
	Handle   string
	// Agreed: against the agreed value of the objective's outcome.
	// Evidence: against the share of its stories done (by points when all
	// have points) once the sprint is closed.
	// Carried: for an objective carried into a later sprint, against the
	// baseline recorded there (see CarriedBaselines).
	Agreed, Evidence, Carried Score
}

// CarriedBaselines maps each objective carried into a later sprint to the
// baseline its live continuation records: the value the team carried it
// with, what it finally stood by for the end of the earlier sprint. An
// objective carried twice keeps its first continuation in sprint order.
func CarriedBaselines(sprints []SprintData) map[uuid.UUID]int {
	out := map[uuid.UUID]int{}
	for _, d := range sprints {
		if d.Sprint.Deleted {
			continue
		}
		for _, o := range LiveObjectives(d) {
			if _, seen := out[o.CarriedFrom]; o.CarriedFrom != uuid.Nil && o.Baseline != nil && !seen {
				out[o.CarriedFrom] = *o.Baseline
			}
		}
	}
	return out
}

// ConfidenceScore is the team's score at one confidence level (1–5).
type ConfidenceScore struct {
	Confidence int
	Score
}

// Scores returns each member's scores across sprints, by handle, and the
// team's score against the agreed values by confidence level (1–5, levels
// with no estimate left out). Only first-round estimates count — the sealed,
// private ones — of live, non-abstaining members of live objectives; a
// second round, made after seeing the others, would score the room. Members
// not in members are skipped.
func Scores(sprints []SprintData, members []Member) ([]MemberScores, []ConfidenceScore) {
	byID := make(map[uuid.UUID]Member, len(members))
	for _, m := range members {
		if !m.Deleted {
			byID[m.ID] = m
		}
	}
	acc := map[uuid.UUID]*MemberScores{}
	carried := CarriedBaselines(sprints)
	var conf [6]Score
	for _, d := range sprints {
		if d.Sprint.Deleted {
			continue
		}
		outcomes := liveOutcomes(d.Outcomes)
		for _, o := range LiveObjectives(d) {
			oc, hasOutcome := outcomes[o.ID]
			base, wasCarried := carried[o.ID]
			ev := StoryEvidence(o.ID, d.Stories)
			useEvidence := d.Sprint.State == StateClosed && ev.HasEvidence
			for _, a := range latestByMember(o.ID, d.Assessments, byID) {
				if _, known := byID[a.MemberID]; !known || a.Abstain {
					continue
				}
				s := acc[a.MemberID]
				if s == nil {
					s = &MemberScores{MemberID: a.MemberID, Handle: byID[a.MemberID].Handle}
					acc[a.MemberID] = s
				}
				if hasOutcome && oc.Agreed != nil {
					g := float64(a.Progress - *oc.Agreed)
					s.Agreed.add(g)
					if a.Confidence >= 1 && a.Confidence <= 5 {
						conf[a.Confidence].add(g)
					}
				}
				if useEvidence {
					s.Evidence.add(float64(a.Progress - ev.DonePercent))
				}
				if wasCarried {
					s.Carried.add(float64(a.Progress - base))
				}
			}
		}
	}
	out := make([]MemberScores, 0, len(acc))
	for _, s := range acc {
		out = append(out, *s)
	}
	slices.SortFunc(out, func(a, b MemberScores) int {
		return cmp.Or(cmp.Compare(a.Handle, b.Handle), compareIDs(a.MemberID, b.MemberID))
	})
	var byConf []ConfidenceScore
	for c := 1; c <= 5; c++ {
		if conf[c].Count > 0 {
			byConf = append(byConf, ConfidenceScore{Confidence: c, Score: conf[c]})
		}
	}
	return out, byConf
}
