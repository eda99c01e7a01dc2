package model

import (
	"cmp"
	"slices"

	"github.com/google/uuid"
)

// Analyze computes the whole report of one sprint.
//
// Deleted records are ignored throughout. Objectives are analysed in plan
// order (see AnalyzeObjective), each with its live Outcome if it has one.
// Expected members are the live, active ones (but a facilitator who does
// not estimate, Member.NoEstimates): a member added mid-sprint is
// expected at once, and a member deactivated mid-sprint is no longer
// expected, though estimates they already gave still count in the figures.
// An abstention answers an objective as well as an estimate does.
func Analyze(d SprintData, members []Member, s Settings) SprintReport {
	r := SprintReport{Sprint: d.Sprint}
	byID := make(map[uuid.UUID]Member, len(members))
	for _, m := range members {
		byID[m.ID] = m
	}

	objs := LiveObjectives(d)
	asByObj := make(map[uuid.UUID][]Assessment, len(objs))
	for _, a := range d.Assessments {
		if !a.Deleted {
			asByObj[a.ObjectiveID] = append(asByObj[a.ObjectiveID], a)
		}
	}
	storiesByObj := make(map[uuid.UUID][]Story, len(objs))
	for _, st := range d.Stories {
		if !st.Deleted {
			storiesByObj[st.ObjectiveID] = append(storiesByObj[st.ObjectiveID], st)
		}
	}
	outcomes := liveOutcomes(d.Outcomes)

	r.Objectives = make([]ObjectiveStats, 0, len(objs))
	for _, o := range objs {
		st := AnalyzeObjective(o, asByObj[o.ID], storiesByObj[o.ID], byID, s)
		if oc, ok := outcomes[o.ID]; ok {
			st.Outcome = &oc
		}
		r.Objectives = append(r.Objectives, st)
	}
	r.Agenda = Agenda(r.Objectives)
	r.Score, r.HasScore = AlignmentScore(r.Objectives)
	fillMissing(&r, objs, asByObj, members)
	var live []Assessment // of live objectives only
	for _, o := range objs {
		live = append(live, asByObj[o.ID]...)
	}
	r.Late = lateHandles(live, byID)
	r.Rounds = analyzeRounds(d, objs, outcomes, byID, s)
	return r
}

// fillMissing records, per objective, the expected members who have not
// answered it, and counts who has answered everything.
func fillMissing(r *SprintReport, objs []Objective, asByObj map[uuid.UUID][]Assessment, members []Member) {
	active := make([]Member, 0, len(members))
	for _, m := range members {
		if m.Expected() {
			active = append(active, m)
		}
	}
	slices.SortFunc(active, func(a, b Member) int {
		if c := cmp.Compare(a.Handle, b.Handle); c != 0 {
			return c
		}
		return compareIDs(a.ID, b.ID)
	})
	r.Expected = len(active)

	incomplete := make(map[uuid.UUID]bool)
	for _, o := range objs {
		answered := make(map[uuid.UUID]bool)
		for _, a := range asByObj[o.ID] {
			answered[a.MemberID] = true
		}
		var handles []string
		for _, m := range active {
			if !answered[m.ID] {
				handles = append(handles, m.Handle)
				incomplete[m.ID] = true
			}
		}
		if len(handles) > 0 {
			r.Missing = append(r.Missing, Missing{ObjectiveID: o.ID, Handles: handles})
		}
	}
	for _, m := range active {
		if incomplete[m.ID] {
			r.NotSubmitted = append(r.NotSubmitted, m.Handle)
		} else {
			r.Submitted++
		}
	}
}

// liveOutcomes maps each objective to its live outcome; where merged data
// holds several, the most recently updated wins.
func liveOutcomes(outcomes []Outcome) map[uuid.UUID]Outcome {
	out := make(map[uuid.UUID]Outcome, len(outcomes))
	for _, oc := range outcomes {
		if oc.Deleted {
			continue
		}
		if prev, ok := out[oc.ObjectiveID]; ok && !newer(oc.Meta, prev.Meta) {
			continue
		}
		if oc.Agreed != nil {
			v := *oc.Agreed
			oc.Agreed = &v // the report must not alias the caller's data
		}
		out[oc.ObjectiveID] = oc
	}
	return out
}

// Agenda orders objectives most disputed first: spread, then standard
// deviation, descending; ties keep plan order. It returns a new slice and
// leaves stats as it was.
func Agenda(stats []ObjectiveStats) []ObjectiveStats {
	out := slices.Clone(stats)
	slices.SortStableFunc(out, func(a, b ObjectiveStats) int {
		if c := cmp.Compare(b.Spread, a.Spread); c != 0 {
			return c
		}
		return cmp.Compare(b.StdDev, a.StdDev)
	})
	return out
}

// AlignmentScore is 100 − the mean spread over objectives with at least two
// responses; ok is false when there is no such objective.
//
// Score = 100 − (Σ spread_i) / n, over the n objectives with two or more
// responses. A sprint where everyone agrees on everything scores 100; one
// where every objective spans the whole 0–100 axis scores 0.
func AlignmentScore(stats []ObjectiveStats) (score float64, ok bool) {
	var sum, n int
	for _, st := range stats {
		if st.Responses >= 2 {
			sum += st.Spread
			n++
		}
	}
	if n == 0 {
		return 0, false
	}
	return 100 - float64(sum)/float64(n), true
}
