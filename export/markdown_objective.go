package export

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// objective renders one agenda item: figures, estimates, evidence, warnings
// and what the team recorded.
func (md *summaryWriter) objective(n int, st model.ObjectiveStats) {
	o := st.Objective
	md.printf("### %d. %s (%s)\n\n", n, heading(o.Title), st.Level)
	md.printf("- **Goal:** %s\n", md.goalTitle(o.GoalID))
	md.printf("- **Responses:** %d", st.Responses)
	if st.Abstained > 0 {
		md.printf(", %d abstained", st.Abstained)
	}
	md.printf("\n")
	if st.Responses > 0 {
		median, rng, spread := figures(st)
		md.printf("- **Median:** %s; **range:** %s; **spread:** %s; **standard deviation:** %s%s\n",
			median, rng, spread, Figure(st.StdDev), minutesNote(st))
		md.printf("- **Mean:** %s; **confidence-weighted mean:** %s; **confidence:** %d–%d\n",
			Figure(st.Mean), Figure(st.Weighted), st.ConfMin, st.ConfMax)
	}
	if len(st.Outliers) > 0 {
		var parts []string
		for _, e := range st.Estimates {
			switch {
			case e.Outlier && md.s.anonymous():
				parts = append(parts, strconv.Itoa(e.Progress))
			case e.Outlier:
				parts = append(parts, fmt.Sprintf("%s (%d)", inline(e.Handle), e.Progress))
			}
		}
		md.printf("- **Outliers:** %s, against a median of %s\n", strings.Join(parts, ", "), Figure(st.Median))
	}
	md.printf("- **Evidence:** %s\n", evidence(st, md.storiesOf(o.ID)))
	if st.Evidence.Flag {
		md.printf("- ⚠ The team's median (%s) and the stories (%d%% done) differ by %d points.\n",
			Figure(st.Median), st.Evidence.DonePercent, st.Evidence.Gap)
	}
	if st.NoStories {
		md.printf("- ⚠ No stories are linked to this objective.\n")
	}
	if st.NoGoal {
		md.printf("- ⚠ This objective is not linked to an organisational goal.\n")
	}
	if o.Baseline != nil {
		md.printf("- **Baseline:** %d, agreed when it was carried over\n", *o.Baseline)
	}
	md.printf("\n")
	md.estimates(st)
	md.round2(st)
	md.uncertain(st)
	md.outcome(st)
}

// evidence describes what the stories say, naming the basis of the share
// done: points when every story is estimated, else the count of stories.
func evidence(st model.ObjectiveStats, stories []model.Story) string {
	ev := st.Evidence
	if !ev.HasEvidence {
		return "no stories"
	}
	byPoints := ev.Points > 0
	for _, s := range stories {
		byPoints = byPoints && s.Points > 0
	}
	count := fmt.Sprintf("%d of %s done", ev.StoriesDone, Plural(ev.Stories, "story", "stories"))
	switch {
	case byPoints:
		return fmt.Sprintf("%s; %d of %d points done (%d%%)", count, ev.PointsDone, ev.Points, ev.DonePercent)
	case ev.Points > 0:
		return fmt.Sprintf("%s (%d%%); %d of %d estimated points done", count, ev.DonePercent, ev.PointsDone, ev.Points)
	}
	return fmt.Sprintf("%s (%d%%)", count, ev.DonePercent)
}

// storiesOf returns the live stories of an objective in plan order.
func (md *summaryWriter) storiesOf(objective uuid.UUID) []model.Story {
	var list []model.Story
	for _, s := range md.s.Sprint.Stories {
		if !s.Deleted && s.ObjectiveID == objective {
			list = append(list, s)
		}
	}
	slices.SortStableFunc(list, func(a, b model.Story) int {
		return cmp.Or(cmp.Compare(a.Order, b.Order), a.CreatedAt.Compare(b.CreatedAt), lessID(a.ID, b.ID))
	})
	return list
}

// estimates renders each member's answer: estimates in the analysis's order,
// then abstentions by handle.
func (md *summaryWriter) estimates(st model.ObjectiveStats) {
	late := map[uuid.UUID]bool{}
	type abstention struct{ handle, note string }
	var abstained []abstention
	for _, a := range md.s.Sprint.Assessments {
		if a.Deleted || a.ObjectiveID != st.Objective.ID {
			continue
		}
		late[a.MemberID] = a.Late
		if a.Abstain {
			abstained = append(abstained, abstention{md.handle(a.MemberID), a.Note})
		}
	}
	if len(st.Estimates) == 0 && len(abstained) == 0 {
		md.printf("No estimates yet.\n\n")
		return
	}
	if md.s.anonymous() {
		notes := make([]string, len(abstained))
		for i, a := range abstained {
			notes[i] = a.note
		}
		md.anonymousEstimates(st, notes)
		return
	}
	slices.SortFunc(abstained, func(a, b abstention) int { return cmp.Compare(a.handle, b.handle) })
	t := table{head: []string{"Member", "Estimate", "Confidence", "Note"}, right: []bool{false, true, true, false}}
	for _, e := range st.Estimates {
		who, est := inline(e.Handle), strconv.Itoa(e.Progress)
		if late[e.MemberID] {
			who += " (late)"
		}
		if e.Outlier {
			est += " (outlier)"
		}
		t.add(who, est, strconv.Itoa(e.Confidence), cell(e.Note))
	}
	for _, a := range abstained {
		t.add(inline(a.handle), "abstained", "–", cell(a.note))
	}
	md.printf("%s\n", t.String())
}

// outcome renders what the team agreed and its discussion notes.
func (md *summaryWriter) outcome(st model.ObjectiveStats) {
	oc := st.Outcome
	if oc == nil || oc.Deleted {
		md.printf("Not discussed yet.\n\n")
		return
	}
	switch {
	case oc.Agreed != nil:
		md.printf("**Agreed progress:** %d", *oc.Agreed)
	default:
		md.printf("**Agreed progress:** not recorded")
	}
	if oc.Discussed {
		md.printf(" (discussed)")
	}
	md.printf("\n\n")
	if strings.TrimSpace(oc.Notes) != "" {
		md.printf("**Discussion notes:**\n\n%s\n", quote(oc.Notes))
	}
}

// anonymousEstimates renders the answers without names, by estimate, then
// confidence and note, so that their order names nobody either; abstentions
// follow with their notes.
func (md *summaryWriter) anonymousEstimates(st model.ObjectiveStats, abstained []string) {
	es := slices.Clone(st.Estimates)
	slices.SortFunc(es, func(a, b model.Estimate) int {
		return cmp.Or(cmp.Compare(a.Progress, b.Progress), cmp.Compare(a.Confidence, b.Confidence), cmp.Compare(a.Note, b.Note))
	})
	t := table{head: []string{"Estimate", "Confidence", "Note"}, right: []bool{true, true, false}}
	for _, e := range es {
		t.add(strconv.Itoa(e.Progress), strconv.Itoa(e.Confidence), cell(e.Note))
	}
	slices.Sort(abstained)
	for _, n := range abstained {
		t.add("abstained", "–", cell(n))
	}
	md.printf("Anonymous: estimates without names.\n\n%s\n", t.String())
}
