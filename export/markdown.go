package export

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// Summary is what a markdown review summary is made from.
type Summary struct {
	Team     string
	Sprint   model.SprintData // live records of one sprint
	Members  []model.Member
	Goals    []model.Goal
	Settings model.Settings
	// Earlier are the action items of earlier sprints still open
	// (model.OpenActionsBefore); the summary lists them apart.
	Earlier []model.OpenAction
	// Anonymous leaves out who estimated what: no names by estimates,
	// outliers or abstentions. A review run anonymously
	// (Settings.AnonymousReveal) is exported anonymously too.
	Anonymous bool
	// Offsets are the members' usual offsets from the sprints before
	// (model.PastOffsets); the agenda is ranked by them when
	// Settings.RankByAdjusted (model.Rank).
	Offsets map[uuid.UUID]float64
}

// anonymous reports whether the summary names nobody by their estimates.
func (s Summary) anonymous() bool { return s.Anonymous || s.Settings.AnonymousReveal }

// Markdown writes the review summary of s.Sprint: a header, alignment at a
// glance, the discrepancies in agenda order with every estimate and note,
// the action items as a task list, the stories by objective and who has not
// submitted. All figures come from model.Analyze. User text is escaped so
// that it renders literally on GitHub and GitLab and stays readable as
// plain text; the only HTML is <br> for line breaks inside table cells.
func Markdown(w io.Writer, s Summary) error {
	bw := bufio.NewWriter(w)
	md := newSummaryWriter(bw, s)
	md.header()
	md.glance()
	md.discrepancies()
	md.actions()
	md.earlierActions()
	md.stories()
	md.notSubmitted()
	return bw.Flush()
}

// summaryWriter renders one summary; lookups are built once.
type summaryWriter struct {
	w          *bufio.Writer
	s          Summary
	r          model.SprintReport
	members    map[uuid.UUID]model.Member
	goals      map[uuid.UUID]model.Goal
	objectives map[uuid.UUID]model.Objective
}

func newSummaryWriter(w *bufio.Writer, s Summary) *summaryWriter {
	return &summaryWriter{
		w: w, s: s, r: model.Rank(model.Analyze(s.Sprint, s.Members, s.Settings), s.Settings, s.Offsets),
		members: model.IndexByID(s.Members), goals: model.IndexByID(s.Goals), objectives: model.IndexByID(s.Sprint.Objectives),
	}
}

func (md *summaryWriter) printf(format string, args ...any) { fmt.Fprintf(md.w, format, args...) }

// handle names a member by handle, or by a short ID when unknown.
func (md *summaryWriter) handle(id uuid.UUID) string {
	if m, ok := md.members[id]; ok {
		return m.Handle
	}
	return "member " + id.String()[:8]
}

func (md *summaryWriter) goalTitle(id uuid.UUID) string {
	if g, ok := md.goals[id]; ok && !g.Deleted {
		return inline(g.Title)
	}
	if id == uuid.Nil {
		return "none"
	}
	return "unknown goal " + id.String()[:8]
}

func (md *summaryWriter) header() {
	sp := md.s.Sprint.Sprint
	md.printf("# Sprint review: %s\n\n", heading(sp.Name))
	if t := inline(md.s.Team); t != "" {
		md.printf("- **Team:** %s\n", t)
	}
	md.printf("- **Dates:** %s to %s\n", sp.Start.Format(model.DateLayout), sp.End.Format(model.DateLayout))
	md.printf("- **State:** %s\n", sp.State)
	md.printf("- **Submissions:** %d of %d members", md.r.Submitted, md.r.Expected)
	if len(md.r.NotSubmitted) > 0 {
		md.printf(" (not yet: %s)", inline(strings.Join(md.r.NotSubmitted, ", ")))
	}
	if len(md.r.Late) > 0 {
		md.printf("; late, first saved during the review: %s", inline(strings.Join(md.r.Late, ", ")))
	}
	md.printf("\n")
	if md.r.HasScore {
		md.printf("- **Alignment score:** %s of 100\n", Figure(md.r.Score))
	}
	if strings.TrimSpace(sp.Goal) != "" {
		md.printf("\n**Sprint goal:**\n\n%s", quote(sp.Goal))
	}
	md.printf("\n")
}

// agreed formats an objective's agreed progress, or a dash.
func agreed(st model.ObjectiveStats) string {
	if st.Outcome != nil && !st.Outcome.Deleted && st.Outcome.Agreed != nil {
		return strconv.Itoa(*st.Outcome.Agreed)
	}
	return "–"
}

// figures returns median, range and spread, or dashes without responses.
func figures(st model.ObjectiveStats) (median, rng, spread string) {
	if st.Responses == 0 {
		return "–", "–", "–"
	}
	return Figure(st.Median), fmt.Sprintf("%d–%d", st.Min, st.Max), strconv.Itoa(st.Spread)
}

func (md *summaryWriter) glance() {
	md.printf("## Alignment at a glance\n\n")
	if len(md.r.Objectives) == 0 {
		md.printf("This sprint has no objectives.\n\n")
		return
	}
	timed := md.timed() // a Minutes column beside Spread (markdown_minutes.go)
	t := table{
		head:  withMinutes([]string{"Objective", "Goal", "Responses", "Median", "Range", "Spread", "Level", "Agreed"}, timed, "Minutes"),
		right: withMinutes([]bool{false, false, true, true, true, true, false, true}, timed, true),
	}
	for _, st := range md.r.Objectives {
		median, rng, spread := figures(st)
		t.add(withMinutes([]string{cell(st.Objective.Title), md.goalTitle(st.Objective.GoalID), strconv.Itoa(st.Responses),
			median, rng, spread, string(st.Level), agreed(st)}, timed, minutesCell(st))...)
	}
	md.printf("%s\n", t.String())
	set := md.s.Settings
	md.printf("Levels by spread (highest minus lowest estimate): aligned below %d points, divergent from %d, split from %d. "+
		"Outliers are estimates %d points or more from the median, with three responses or more.\n\n",
		set.AlignedBelow, set.AlignedBelow, set.SplitAt, set.OutlierDistance)
}

func (md *summaryWriter) discrepancies() {
	if len(md.r.Agenda) == 0 {
		return
	}
	md.printf("## Discrepancies\n\nIn agenda order, %s.\n\n", model.AgendaOrder(md.r))
	for i, st := range md.r.Agenda {
		md.objective(i+1, st)
	}
}

func (md *summaryWriter) actions() {
	md.printf("## Action items\n\n")
	var live []model.ActionItem
	for _, a := range md.s.Sprint.Actions {
		if !a.Deleted {
			live = append(live, a)
		}
	}
	if len(live) == 0 {
		md.printf("None recorded.\n\n")
		return
	}
	// Grouped by objective in plan order, items without one last; within a
	// group in creation (ID) order.
	rank := map[uuid.UUID]int{}
	for i, st := range md.r.Objectives {
		rank[st.Objective.ID] = i
	}
	pos := func(a model.ActionItem) int {
		if r, ok := rank[a.ObjectiveID]; ok {
			return r
		}
		return len(rank)
	}
	slices.SortStableFunc(live, func(a, b model.ActionItem) int {
		return cmp.Or(cmp.Compare(pos(a), pos(b)), lessID(a.ID, b.ID))
	})
	for _, a := range live {
		box := " "
		if a.Done {
			box = "x"
		}
		about := ""
		if o, ok := md.objectives[a.ObjectiveID]; ok {
			about = "; objective: " + inline(o.Title)
		}
		md.printf("- [%s] %s (%s%s)\n", box, inline(a.Text), md.ownerDue(a), about)
	}
	md.printf("\n")
}

func (md *summaryWriter) stories() {
	if len(md.r.Objectives) == 0 {
		return
	}
	md.printf("## Stories by objective\n\n")
	for _, st := range md.r.Objectives {
		md.printf("### %s\n\n", heading(st.Objective.Title))
		list := md.storiesOf(st.Objective.ID)
		if len(list) == 0 {
			md.printf("No stories.\n\n")
			continue
		}
		t := table{head: []string{"Key", "Story", "Points", "Status"}, right: []bool{false, false, true, false}}
		for _, s := range list {
			pts := "–"
			if s.Points > 0 {
				pts = strconv.Itoa(s.Points)
			}
			t.add(cell(s.Key), cell(s.Title), pts, string(s.Status))
		}
		md.printf("%s\n%s.\n\n", t.String(), capitalise(evidence(st, list)))
	}
}

func (md *summaryWriter) notSubmitted() {
	md.printf("## Not submitted\n\n")
	switch {
	case len(md.r.Objectives) == 0:
		md.printf("Nothing to answer yet: the sprint has no objectives.\n")
		return
	case len(md.r.NotSubmitted) == 0:
		md.printf("Every active member has answered every objective.\n")
		return
	}
	missing := map[string][]string{}
	for _, m := range md.r.Missing {
		for _, h := range m.Handles {
			missing[h] = append(missing[h], inline(md.objectives[m.ObjectiveID].Title))
		}
	}
	for _, h := range md.r.NotSubmitted {
		objs := missing[h]
		switch {
		case len(objs) == 0:
			md.printf("- %s\n", inline(h))
		case len(objs) == len(md.r.Objectives):
			md.printf("- %s: no objective answered\n", inline(h))
		default:
			md.printf("- %s: missing %s\n", inline(h), strings.Join(objs, ", "))
		}
	}
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
