package export

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// WriteStatus writes the plain-text status report of a sprint (align
// status): its header, who has submitted, the alignment score and the
// agenda in r's order, then the traceability gaps. goals name the
// objectives' goals; members resolve handles (an uncertain outcome's owner
// need not have estimated); today places the sprint's dates.
func WriteStatus(w io.Writer, team string, r model.SprintReport, goals []model.Goal, members []model.Member, today time.Time) error {
	var b strings.Builder
	sp := r.Sprint
	title := sp.Name
	if team != "" {
		title = team + ": " + sp.Name
	}
	fmt.Fprintf(&b, "%s (%s)\n", title, sp.State)
	fmt.Fprintf(&b, "%s to %s, %s\n", sp.Start.Format(model.DateLayout), sp.End.Format(model.DateLayout), daysText(sp, today))
	if sp.Goal != "" {
		fmt.Fprintf(&b, "Goal: %s\n", OneLine(sp.Goal))
	}
	b.WriteString("\n")

	fmt.Fprintf(&b, "Submitted: %d of %d members", r.Submitted, r.Expected)
	if len(r.NotSubmitted) > 0 {
		fmt.Fprintf(&b, "; not yet: %s", strings.Join(r.NotSubmitted, ", "))
	}
	if len(r.Late) > 0 {
		fmt.Fprintf(&b, "; late: %s", strings.Join(r.Late, ", "))
	}
	b.WriteString("\n")
	if r.HasScore {
		fmt.Fprintf(&b, "Alignment score: %s of 100 (100 minus the mean spread)\n", Figure(r.Score))
	}
	b.WriteString("\n")

	if len(r.Agenda) == 0 {
		b.WriteString("No objectives yet: add one with `align objective add TITLE`.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	goalTitle := make(map[uuid.UUID]string, len(goals))
	for _, g := range goals {
		goalTitle[g.ID] = g.Title
	}
	missing := make(map[uuid.UUID][]string, len(r.Missing))
	for _, m := range r.Missing {
		missing[m.ObjectiveID] = m.Handles
	}
	handles := map[uuid.UUID]string{}
	for _, m := range members {
		handles[m.ID] = m.Handle
	}
	for _, st := range r.Objectives {
		for _, e := range st.Estimates {
			handles[e.MemberID] = e.Handle
		}
	}
	fmt.Fprintf(&b, "Agenda, %s:\n", model.AgendaOrder(r))
	for i, s := range r.Agenda {
		b.WriteString("\n")
		writeObjective(&b, i+1, s, goalTitle[s.Objective.GoalID], missing[s.Objective.ID], r.Expected)
		writeRound2(&b, r.Rounds, s)
		writeUncertain(&b, s, handles)
		writeAdjusted(&b, s, r.Offsets)
	}

	var trace []string
	for _, s := range r.Objectives {
		if s.NoStories {
			trace = append(trace, fmt.Sprintf("%q has no stories", s.Objective.Title))
		}
		if s.NoGoal {
			trace = append(trace, fmt.Sprintf("%q is not linked to an organisational goal", s.Objective.Title))
		}
	}
	if len(trace) > 0 {
		b.WriteString("\nTraceability:\n")
		for _, t := range trace {
			fmt.Fprintf(&b, "  - %s\n", t)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeObjective renders one agenda block.
func writeObjective(b *strings.Builder, n int, s model.ObjectiveStats, goal string, missing []string, expected int) {
	const ind = "   "
	level := string(s.Level)
	if s.Level == model.LevelNone {
		level = "not enough responses to compare"
	}
	fmt.Fprintf(b, "%d. %s [%s]\n", n, s.Objective.Title, level)
	if goal != "" {
		fmt.Fprintf(b, "%sgoal: %s\n", ind, goal)
	}
	if s.Objective.Baseline != nil {
		fmt.Fprintf(b, "%sbaseline: %d, agreed when it was carried over\n", ind, *s.Objective.Baseline)
	}
	resp := fmt.Sprintf("%sresponses: %d of %d", ind, s.Responses, expected)
	if s.Abstained > 0 {
		resp += fmt.Sprintf(" (%d abstained)", s.Abstained)
	}
	b.WriteString(resp + "\n")
	if s.Responses > 0 {
		conf := strconv.Itoa(s.ConfMin)
		if s.ConfMax != s.ConfMin {
			conf += "–" + strconv.Itoa(s.ConfMax)
		}
		fmt.Fprintf(b, "%smedian %s, range %d–%d, spread %d, sd %s, confidence %s%s\n",
			ind, Figure(s.Median), s.Min, s.Max, s.Spread, OneDecimal(s.StdDev), conf, discussedFor(s.Outcome))
		parts := make([]string, len(s.Estimates))
		for i, e := range s.Estimates {
			parts[i] = fmt.Sprintf("%s %d", e.Handle, e.Progress)
			if e.Late {
				parts[i] += " (late)"
			}
		}
		fmt.Fprintf(b, "%sestimates: %s\n", ind, strings.Join(parts, ", "))
	}
	if len(s.Outliers) > 0 {
		fmt.Fprintf(b, "%soutliers: %s\n", ind, strings.Join(s.Outliers, ", "))
	}
	if len(missing) > 0 {
		fmt.Fprintf(b, "%smissing: %s\n", ind, strings.Join(missing, ", "))
	}
	ev := s.Evidence
	if ev.HasEvidence {
		line := fmt.Sprintf("%sstories: %d of %d done", ind, ev.StoriesDone, ev.Stories)
		// The share stands by what it counts (model.StoryEvidence): the
		// points when every story has some, else the stories.
		switch {
		case ev.ByPoints:
			line += ", " + Points(ev.PointsDone, ev.Points) + " (" + Percent(ev.DonePercent) + ")"
		case ev.Points > 0:
			line += " (" + Percent(ev.DonePercent) + "), " + Points(ev.PointsDone, ev.Points)
		default:
			line += " (" + Percent(ev.DonePercent) + ")"
		}
		if ev.Flag {
			line += fmt.Sprintf("; FLAG: the median and the stories differ by %d points", ev.Gap)
		}
		b.WriteString(line + "\n")
	} else {
		fmt.Fprintf(b, "%sstories: none\n", ind)
	}
	if o := s.Outcome; o != nil && (o.Agreed != nil || o.Notes != "" || o.Discussed) {
		line := ind + "agreed: "
		if o.Agreed != nil {
			line += strconv.Itoa(*o.Agreed)
		} else {
			line += "not recorded"
		}
		if o.Discussed {
			line += " (discussed)"
		}
		b.WriteString(line + "\n")
		if o.Notes != "" {
			fmt.Fprintf(b, "%snotes: %s\n", ind, OneLine(o.Notes))
		}
	}
}

// daysText says where today is relative to the sprint's dates; End is the
// sprint's last day.
func daysText(sp model.Sprint, today time.Time) string {
	days := func(from, to time.Time) int { return int(math.Round(to.Sub(from).Hours() / 24)) }
	switch {
	case today.Before(sp.Start):
		return "starts " + inDays(days(today, sp.Start))
	case today.After(sp.End):
		if n := days(sp.End, today); n > 1 {
			return fmt.Sprintf("ended %d days ago", n)
		}
		return "ended yesterday"
	}
	return "ends " + inDays(days(today, sp.End))
}

// inDays says when something n days from today happens.
func inDays(n int) string {
	switch n {
	case 0:
		return "today"
	case 1:
		return "tomorrow"
	}
	return fmt.Sprintf("in %d days", n)
}

// OneLine folds multi-line text onto one line, as the plain-text reports and
// lists show it.
func OneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
