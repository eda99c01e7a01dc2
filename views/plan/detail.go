package plan

import (
	"fmt"
	"strings"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/align-team/align/views/ui"
	"github.com/google/uuid"
)

// stateNote says what the sprint's state allows, so that a key that does
// nothing here is never a mystery.
func stateNote(st model.SprintState) string {
	switch st {
	case model.StatePlanning:
		return "Planning: the plan is editable. > starts the assessment."
	case model.StateAssessing:
		return "Assessing: members estimate; the plan is still editable. > moves to review."
	case model.StateReview:
		return "In review: the plan is read-only. c carries unfinished objectives on; > closes."
	case model.StateClosed:
		return "Closed and read-only. c carries unfinished objectives into a next sprint."
	}
	return ""
}

// sprintSide renders the right side of the sprint section: the shown
// sprint, its objectives, the selected objective and its stories.
func (p Model) sprintSide(l planLayout) []string {
	s := p.deps.Styles
	w := l.rightW
	sp, ok := p.shown()
	if !ok {
		return []string{
			s.Title.Render("No sprint yet"),
			ui.Truncate(s.Text.Render("Press n in the Sprints list to create the first one."), w),
		}
	}
	out := []string{
		ui.Truncate(s.Bold.Render(sp.Name)+s.Faint.Render(" · ")+s.Accent.Render(string(sp.State))+
			s.Faint.Render(fmt.Sprintf(" · %s → %s", sp.Start.Format(model.DateLayout), sp.End.Format(model.DateLayout))), w),
		ui.Truncate(s.Faint.Render("Goal: ")+s.Text.Render(orNone(ui.FirstLine(sp.Goal), "(no sprint goal)")), w),
		ui.Truncate(s.Faint.Render(stateNote(sp.State)), w),
	}
	if sel, ok := p.selSprint(); ok && sel.ID != sp.ID && p.pane == kindSprint {
		out[2] = ui.Truncate(s.Marker.Render("enter shows "+sel.Name+" here and on every screen"), w)
	}
	objs := p.listView(kindObjective, "Objectives", w, l.rows[kindObjective])
	for len(objs) < 1+l.rows[kindObjective] {
		objs = append(objs, "")
	}
	out = append(out, objs...)
	o, ok := p.selObjective()
	if !ok {
		return out
	}
	out = append(out, ui.Truncate(s.Faint.Render("↳ "+p.objectiveDetail(o)), w))
	title := "Stories of “" + o.Title + "”"
	out = append(out, p.listView(kindStory, title, w, l.rows[kindStory])...)
	return out
}

// objectiveDetail is one line about an objective: goal, carry-over,
// description.
func (p Model) objectiveDetail(o model.Objective) string {
	var parts []string
	if ev := model.StoryEvidence(o.ID, p.stories[o.ID]); ev.HasEvidence {
		parts = append(parts, export.StoriesDone(ev))
	}
	parts = append(parts, "goal: "+orNone(p.data.GoalTitle(o.GoalID), "none"))
	if o.CarriedFrom != uuid.Nil {
		if o.Baseline != nil {
			parts = append(parts, fmt.Sprintf("carried on from %d%%", *o.Baseline))
		} else {
			parts = append(parts, "carried on (no agreed value)")
		}
	}
	if o.Description != "" {
		parts = append(parts, ui.FirstLine(o.Description))
	}
	return strings.Join(parts, " · ")
}

// goalDetail renders the selected goal.
func (p Model) goalDetail(w int) []string {
	s := p.deps.Styles
	g, ok := p.selGoal()
	if !ok {
		return []string{s.Faint.Render(ui.Truncate("Organisational goals that objectives tie into. n adds one.", w))}
	}
	var out []string
	for _, l := range ui.Wrap(g.Title, w) {
		out = append(out, s.Bold.Render(l))
	}
	state := "active goal"
	if g.Archived {
		state = "archived: not offered for new links"
	}
	out = append(out, s.Accent.Render(ui.Truncate(state, w)))
	if sp, ok := p.shown(); ok {
		out = append(out, s.Faint.Render(ui.Truncate(fmt.Sprintf("linked by %d objective(s) of %s", p.goalUse[g.ID], sp.Name), w)))
	}
	out = append(out, "")
	for _, para := range strings.Split(orNone(g.Description, "(no description)"), "\n") {
		for _, l := range ui.Wrap(para, w) {
			out = append(out, s.Text.Render(l))
		}
	}
	return out
}

// memberDetail renders the selected member.
func (p Model) memberDetail(w int) []string {
	s := p.deps.Styles
	m, ok := p.selMember()
	if !ok {
		return []string{s.Faint.Render(ui.Truncate("The people who assess. n adds one.", w))}
	}
	active := "active: expected to assess"
	if !m.Active {
		active = "inactive: not expected to assess"
	}
	role := "member"
	if m.Facilitator {
		role = "★ facilitator"
	}
	if m.Active && !m.Expected() {
		active = "active: facilitates, does not estimate"
	}
	return []string{
		ui.Truncate(s.Bold.Render(m.Name)+s.Faint.Render("  @"+m.Handle), w),
		s.Text.Render(ui.Truncate(active, w)),
		s.Text.Render(ui.Truncate(role, w)),
		s.Faint.Render(ui.Truncate(fmt.Sprintf("%d SSH key(s) for serve", len(m.Keys)), w)),
	}
}

// orNone returns s, or none when s is empty.
func orNone(s, none string) string {
	if strings.TrimSpace(s) == "" {
		return none
	}
	return s
}
