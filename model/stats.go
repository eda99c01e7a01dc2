package model

import (
	"bytes"
	"cmp"
	"math"
	"slices"

	"github.com/google/uuid"
)

// LiveObjectives returns d's objectives that are not deleted, in plan order
// (Order, then CreatedAt, then ID).
func LiveObjectives(d SprintData) []Objective {
	out := make([]Objective, 0, len(d.Objectives))
	for _, o := range d.Objectives {
		if !o.Deleted {
			out = append(out, o)
		}
	}
	slices.SortStableFunc(out, func(a, b Objective) int {
		if c := cmp.Compare(a.Order, b.Order); c != 0 {
			return c
		}
		if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
			return c
		}
		return compareIDs(a.ID, b.ID)
	})
	return out
}

// AnalyzeObjective computes the statistics of one objective from its
// assessments and stories. members maps IDs to members for handles.
//
// Only live records that belong to o count: deleted assessments and stories,
// those of other objectives, and assessments by deleted members are ignored.
// When one member has several live assessments of o (a merge of two
// machines' data), the most recently updated one counts. An assessment by a
// member missing from members still counts, shown under a short ID.
// Abstentions are counted in Abstained and take no part in any figure.
//
// Outlier rule: with at least three responses, an estimate whose distance
// from the team's median, |progress − median|, is at least
// Settings.OutlierDistance points (25 by default) is an outlier. With one or
// two responses there is no meaningful centre, so nobody is an outlier.
//
// Level: LevelNone with fewer than two responses; otherwise the spread
// (max − min) is aligned below Settings.AlignedBelow, divergent below
// Settings.SplitAt, and split from there on.
//
// Evidence compares the median with the share of live stories done: by
// points when every story has points, else by count. Its Gap is the distance
// rounded down, and Flag is set when there are responses and stories and the
// gap reaches Settings.EvidenceGap. NoStories and NoGoal flag objectives that
// do not trace down to stories or up to an organisational goal. Outcome is
// left nil; Analyze fills it in.
func AnalyzeObjective(o Objective, as []Assessment, stories []Story, members map[uuid.UUID]Member, s Settings) ObjectiveStats {
	st := ObjectiveStats{Objective: o, Level: LevelNone, NoGoal: o.GoalID == uuid.Nil}

	for _, a := range latestByMember(o.ID, as, members) {
		if a.Abstain {
			st.Abstained++
			continue
		}
		st.Estimates = append(st.Estimates, Estimate{
			MemberID:   a.MemberID,
			Handle:     handleOf(members, a.MemberID),
			Progress:   a.Progress,
			Confidence: a.Confidence,
			Note:       a.Note,
			Late:       a.Late,
		})
	}
	slices.SortFunc(st.Estimates, func(a, b Estimate) int {
		if c := cmp.Compare(a.Progress, b.Progress); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Handle, b.Handle); c != 0 {
			return c
		}
		return compareIDs(a.MemberID, b.MemberID)
	})
	st.Responses = len(st.Estimates)
	fillFigures(&st, s)

	st.Evidence = evidence(o.ID, stories)
	st.NoStories = !st.Evidence.HasEvidence
	if st.Responses > 0 && st.Evidence.HasEvidence {
		st.Evidence.Gap = int(math.Floor(math.Abs(st.Median - float64(st.Evidence.DonePercent))))
		st.Evidence.Flag = st.Evidence.Gap >= s.EvidenceGap
	}
	return st
}

// fillFigures computes the summary figures, outliers and level from the
// sorted estimates in st.
func fillFigures(st *ObjectiveStats, s Settings) {
	n := len(st.Estimates)
	if n == 0 {
		return
	}
	var sum, wsum, wtotal float64
	st.Min, st.Max = st.Estimates[0].Progress, st.Estimates[n-1].Progress
	st.ConfMin, st.ConfMax = st.Estimates[0].Confidence, st.Estimates[0].Confidence
	for _, e := range st.Estimates {
		p := float64(e.Progress)
		sum += p
		wsum += p * float64(e.Confidence)
		wtotal += float64(e.Confidence)
		st.ConfMin = min(st.ConfMin, e.Confidence)
		st.ConfMax = max(st.ConfMax, e.Confidence)
	}
	st.Mean = sum / float64(n)
	st.Weighted = st.Mean // all confidences zero only on malformed data
	if wtotal > 0 {
		st.Weighted = wsum / wtotal
	}
	var sq float64
	for _, e := range st.Estimates {
		d := float64(e.Progress) - st.Mean
		sq += d * d
	}
	st.StdDev = math.Sqrt(sq / float64(n))
	if n%2 == 1 {
		st.Median = float64(st.Estimates[n/2].Progress)
	} else {
		st.Median = float64(st.Estimates[n/2-1].Progress+st.Estimates[n/2].Progress) / 2
	}
	st.Spread = st.Max - st.Min
	st.ConfSpread = st.ConfMax - st.ConfMin

	if n >= 3 {
		for i := range st.Estimates {
			e := &st.Estimates[i]
			if math.Abs(float64(e.Progress)-st.Median) >= float64(s.OutlierDistance) {
				e.Outlier = true
				st.Outliers = append(st.Outliers, e.Handle)
			}
		}
	}
	if n >= 2 {
		st.Level = LevelFor(st.Spread, s)
	}
}

// LevelFor names the level of a spread under s: aligned below AlignedBelow,
// divergent below SplitAt, split from SplitAt on. It does not know the
// response count; AnalyzeObjective gives LevelNone below two responses.
func LevelFor(spread int, s Settings) Level {
	switch {
	case spread < s.AlignedBelow:
		return LevelAligned
	case spread < s.SplitAt:
		return LevelDivergent
	default:
		return LevelSplit
	}
}

// StoryEvidence is what the live stories of objective id say about its
// progress: the figure every screen and report shows as the share done.
func StoryEvidence(id uuid.UUID, stories []Story) Evidence { return evidence(id, stories) }

// evidence counts the live stories of objective id and the share done.
func evidence(id uuid.UUID, stories []Story) Evidence {
	var ev Evidence
	allPointed := true
	for _, st := range stories {
		if st.Deleted || st.ObjectiveID != id {
			continue
		}
		ev.Stories++
		ev.Points += st.Points
		if st.Points <= 0 {
			allPointed = false
		}
		if st.Status == StoryDone {
			ev.StoriesDone++
			ev.PointsDone += st.Points
		}
	}
	if ev.Stories == 0 {
		return ev
	}
	ev.HasEvidence = true
	if allPointed && ev.Points > 0 {
		ev.DonePercent, ev.ByPoints = percent(ev.PointsDone, ev.Points), true
	} else {
		ev.DonePercent = percent(ev.StoriesDone, ev.Stories)
	}
	return ev
}

// percent is 100·part/whole rounded half up, for 0 ≤ part ≤ whole, whole > 0.
func percent(part, whole int) int {
	return (200*part + whole) / (2 * whole)
}

// latestByMember returns the live assessments of objective id by members who
// are not deleted, one per member (the most recently updated), in member ID
// order.
func latestByMember(id uuid.UUID, as []Assessment, members map[uuid.UUID]Member) []Assessment {
	byMember := make(map[uuid.UUID]Assessment)
	for _, a := range as {
		if a.Deleted || a.ObjectiveID != id {
			continue
		}
		if m, ok := members[a.MemberID]; ok && m.Deleted {
			continue
		}
		if prev, ok := byMember[a.MemberID]; ok && !newer(a.Meta, prev.Meta) {
			continue
		}
		byMember[a.MemberID] = a
	}
	out := make([]Assessment, 0, len(byMember))
	for _, a := range byMember {
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b Assessment) int { return compareIDs(a.MemberID, b.MemberID) })
	return out
}

// newer reports whether a was written after b: later UpdatedAt, ties broken
// by ID so that the choice never depends on input order.
func newer(a, b Meta) bool {
	if c := a.UpdatedAt.Compare(b.UpdatedAt); c != 0 {
		return c > 0
	}
	return compareIDs(a.ID, b.ID) > 0
}

// handleOf returns the member's handle, or a short form of the ID for a
// member that is not known.
func handleOf(members map[uuid.UUID]Member, id uuid.UUID) string {
	if m, ok := members[id]; ok && m.Handle != "" {
		return m.Handle
	}
	return "?" + id.String()[:8]
}

// compareIDs orders UUIDs bytewise, which for UUIDv7 is creation order.
func compareIDs(a, b uuid.UUID) int { return bytes.Compare(a[:], b[:]) }
