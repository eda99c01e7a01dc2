package plan

import (
	"fmt"
	"slices"

	"github.com/align-team/align/model"
	"github.com/align-team/align/views/ui"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/google/uuid"
)

// askDelete asks the root to confirm deleting the selected record.
func (p Model) askDelete() (Model, tea.Cmd) {
	rec, ok := p.selected(p.focused())
	if !ok {
		return p, nil
	}
	// Prompts stay short: the footer is one line, and "(y/n)" must show.
	var prompt string
	switch rec.kind {
	case kindSprint:
		rec.sprint.Deleted = true
		prompt = fmt.Sprintf("Delete sprint %q and all in it?", short(rec.sprint.Name))
	case kindObjective:
		rec.objective.Deleted = true
		prompt = fmt.Sprintf("Delete objective %q, its stories and estimates?", short(rec.objective.Title))
	case kindStory:
		rec.story.Deleted = true
		prompt = fmt.Sprintf("Delete story %q?", short(rec.story.Title))
	case kindGoal:
		rec.goal.Deleted = true
		prompt = fmt.Sprintf("Delete goal %q? (a archives it instead)", short(rec.goal.Title))
	case kindMember:
		rec.member.Deleted = true
		prompt = fmt.Sprintf("Delete @%s and their open estimates? (a: inactive)", rec.member.Handle)
	}
	return p, func() tea.Msg { return ui.ConfirmMsg{Prompt: prompt, Yes: planDeleteConfirmedMsg{rec: rec}} }
}

// afterDelete is the sprint to show once rec is deleted: a neighbour of a
// deleted sprint on show, else none (keep the shown one).
func (p Model) afterDelete(rec planRecord) uuid.UUID {
	if rec.kind != kindSprint {
		return uuid.Nil
	}
	if sp, ok := p.shown(); !ok || sp.ID != rec.sprint.ID {
		return uuid.Nil
	}
	i := slices.IndexFunc(p.sprints, func(s model.Sprint) bool { return s.ID == rec.sprint.ID })
	switch {
	case i < 0:
		return uuid.Nil
	case i+1 < len(p.sprints):
		return p.sprints[i+1].ID
	case i > 0:
		return p.sprints[i-1].ID
	}
	return uuid.Nil
}

// askState moves the selected sprint one state on (or back); moving into or
// out of review, or closing, asks first.
func (p Model) askState(forward bool) tea.Cmd {
	sp, ok := p.selSprint()
	if !ok {
		return nil
	}
	to, ok := prevState(sp.State)
	if forward {
		to, ok = nextState(sp.State)
	}
	if !ok {
		return nil
	}
	var prompt string
	switch to {
	case model.StateReview:
		prompt = fmt.Sprintf("Move %s to review? Later estimates count as late.", short(sp.Name))
	case model.StateClosed:
		prompt = fmt.Sprintf("Close %s? It becomes read-only for good.", short(sp.Name))
	case model.StateAssessing:
		if sp.State == model.StateReview {
			// Back out of the review: estimates hide again on members'
			// screens, so ask as for the way in.
			prompt = fmt.Sprintf("Move %s back to assessing? Estimates hide again.", short(sp.Name))
			break
		}
		return p.stateCmd(sp, to)
	default:
		return p.stateCmd(sp, to)
	}
	return func() tea.Msg { return ui.ConfirmMsg{Prompt: prompt, Yes: planStateConfirmedMsg{sprint: sp, to: to}} }
}

// stateCmd saves sprint sp in state to.
func (p Model) stateCmd(sp model.Sprint, to model.SprintState) tea.Cmd {
	from := sp.State
	sp.State = to
	sp.Touch(p.deps.Now())
	st := p.deps.Store
	return p.deps.IO.Submit(func() tea.Msg {
		if _, err := st.SaveSprint(sp); err != nil {
			return ui.PlanSavedMsg{Err: fmt.Errorf("moving %s from %s to %s: %w", sp.Name, from, to, err)}
		}
		return ui.PlanSavedMsg{Text: fmt.Sprintf("%s is now %s", sp.Name, to), Focus: sp.ID}
	})
}

// reorder moves the selected objective or story d places, renumbering the
// list so that orders are distinct (model.MoveObjective, model.MoveStory),
// and saves the new order in one transaction (Store.SaveOrder).
func (p Model) reorder(d int) tea.Cmd {
	now, st := p.deps.Now(), p.deps.Store
	var objectives []model.Objective
	var stories []model.Story
	var what, whats, title string
	var id uuid.UUID
	ok := false
	switch p.focused() {
	case kindObjective:
		sel, _ := p.selObjective()
		objectives, ok = model.MoveObjective(p.objectives, sel.ID, d, now)
		what, whats, title, id = "objective", "objectives", sel.Title, sel.ID
	case kindStory:
		sel, _ := p.selStory()
		stories, ok = model.MoveStory(p.currentStories(), sel.ID, d, now)
		what, whats, title, id = "story", "stories", sel.Title, sel.ID
	default:
		return nil
	}
	if !ok {
		return ui.Footer(edgeText(d))
	}
	return p.deps.IO.Submit(func() tea.Msg {
		if err := st.SaveOrder(objectives, stories); err != nil {
			return ui.PlanSavedMsg{Err: fmt.Errorf("reordering %s: %w", whats, err)}
		}
		return ui.PlanSavedMsg{Text: fmt.Sprintf("moved %s %q", what, title), Focus: id}
	})
}

func edgeText(d int) string {
	if d < 0 {
		return "already at the top"
	}
	return "already at the bottom"
}

// cycleStatus moves the selected story to its next status.
func (p Model) cycleStatus() tea.Cmd {
	s, ok := p.selStory()
	if !ok {
		return nil
	}
	i := slices.Index(model.StoryStatuses, s.Status)
	s.Status = model.StoryStatuses[(i+1)%len(model.StoryStatuses)]
	s.Touch(p.deps.Now())
	rec := planRecord{kind: kindStory, story: s}
	return p.saveCmd(rec, fmt.Sprintf("story %q is %s", s.Title, s.Status), uuid.Nil)
}

// toggleArchive archives the selected goal, or brings it back.
func (p Model) toggleArchive() tea.Cmd {
	g, ok := p.selGoal()
	if !ok {
		return nil
	}
	g.Archived = !g.Archived
	g.Touch(p.deps.Now())
	text := fmt.Sprintf("archived goal %q", g.Title)
	if !g.Archived {
		text = fmt.Sprintf("goal %q is active again", g.Title)
	}
	return p.saveCmd(planRecord{kind: kindGoal, goal: g}, text, uuid.Nil)
}

// toggleMember flips the selected member's facilitator role or, when fac
// is false, whether they are active.
func (p Model) toggleMember(fac bool) tea.Cmd {
	m, ok := p.selMember()
	if !ok {
		return nil
	}
	var text string
	if fac {
		m.Facilitator = !m.Facilitator
		text = fmt.Sprintf("@%s is %s", m.Handle, map[bool]string{true: "a facilitator", false: "no longer a facilitator"}[m.Facilitator])
	} else {
		m.Active = !m.Active
		text = fmt.Sprintf("@%s is %s", m.Handle, map[bool]string{true: "active", false: "inactive"}[m.Active])
	}
	m.Touch(p.deps.Now())
	return p.saveCmd(planRecord{kind: kindMember, member: m}, text, uuid.Nil)
}

// short cuts a title for a one-line prompt.
func short(s string) string { return ui.Truncate(s, 30) }
