package plan

import (
	"fmt"

	"github.com/align-team/align/model"
	"github.com/align-team/align/views/ui"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/google/uuid"
)

// planAction is something a key asks of the focused list.
type planAction int

const (
	actNew planAction = iota
	actEdit
	actDelete
	actMove
	actStatus
	actArchive
	actActive
	actFacilitator
	actStateNext
	actStatePrev
	actCarry
)

// gate reports whether action a applies to the focused list and, when it
// applies but is not possible now, why: the footer says so instead of the
// key failing silently, and help leaves the key out.
func (p Model) gate(a planAction) (applies bool, why string) {
	k := p.focused()
	switch a {
	case actMove:
		applies = k == kindObjective || k == kindStory
	case actStatus:
		applies = k == kindStory
	case actArchive:
		applies = k == kindGoal
	case actActive, actFacilitator:
		applies = k == kindMember
	case actStateNext, actStatePrev, actCarry:
		applies = p.section == sectionSprints
	default:
		applies = true
	}
	if !applies {
		return false, ""
	}
	if !p.deps.Facilitator {
		return true, "only the facilitator edits the plan"
	}
	if !p.loaded {
		return true, "the workspace is still loading"
	}
	switch a {
	case actStateNext, actStatePrev:
		return true, p.stateWhy(a == actStateNext)
	case actCarry:
		return true, p.carryWhy()
	}
	switch k {
	case kindSprint:
		return true, p.sprintWhy(a)
	case kindObjective, kindStory:
		return true, p.planWhy(k, a)
	case kindGoal:
		if _, ok := p.selGoal(); !ok && a != actNew {
			return true, "no goal yet: n adds one"
		}
	case kindMember:
		if _, ok := p.selMember(); !ok && a != actNew {
			return true, "no member yet: n adds one"
		}
	}
	return true, ""
}

// sprintWhy explains why a sprint action is not possible, or returns "".
func (p Model) sprintWhy(a planAction) string {
	if a == actNew {
		return ""
	}
	sp, ok := p.selSprint()
	switch {
	case !ok:
		return "no sprint yet: n adds one"
	case sp.State == model.StateClosed:
		return fmt.Sprintf("%s is closed and read-only", sp.Name)
	}
	return ""
}

// planWhy explains why objectives or stories of the shown sprint cannot
// change, or returns "".
func (p Model) planWhy(k planKind, a planAction) string {
	sp, ok := p.shown()
	switch {
	case !ok:
		return "no sprint yet: ← and n add one"
	case sp.State == model.StateClosed:
		return fmt.Sprintf("%s is closed: its plan is read-only", sp.Name)
	case !model.CanEditPlan(sp.State):
		return fmt.Sprintf("%s is in %s: the plan is editable only while planning or assessing", sp.Name, sp.State)
	}
	if k == kindStory {
		if _, ok := p.selObjective(); !ok {
			return "add an objective first (← then n)"
		}
	}
	if a == actNew {
		return ""
	}
	if _, ok := p.selected(k); !ok {
		return fmt.Sprintf("no %s selected", k)
	}
	if a == actMove && p.lists[k].filter != "" {
		return "clear the filter (esc) to reorder"
	}
	return ""
}

// selected reports whether list k has a record under its cursor.
func (p Model) selected(k planKind) (planRecord, bool) {
	r := planRecord{kind: k}
	var ok bool
	switch k {
	case kindSprint:
		r.sprint, ok = p.selSprint()
	case kindObjective:
		r.objective, ok = p.selObjective()
	case kindStory:
		r.story, ok = p.selStory()
	case kindGoal:
		r.goal, ok = p.selGoal()
	case kindMember:
		r.member, ok = p.selMember()
	}
	return r, ok
}

// nextState and prevState are the states a sprint moves to with > and <.
// A closed sprint is read-only, so nothing leads back out of closed.
func nextState(s model.SprintState) (model.SprintState, bool) {
	switch s {
	case model.StatePlanning:
		return model.StateAssessing, true
	case model.StateAssessing:
		return model.StateReview, true
	case model.StateReview:
		return model.StateClosed, true
	}
	return "", false
}

func prevState(s model.SprintState) (model.SprintState, bool) {
	switch s {
	case model.StateAssessing:
		return model.StatePlanning, true
	case model.StateReview:
		return model.StateAssessing, true
	}
	return "", false
}

// stateWhy explains why the selected sprint cannot move on (or back).
func (p Model) stateWhy(forward bool) string {
	sp, ok := p.selSprint()
	switch {
	case !ok:
		return "no sprint yet: n adds one"
	case sp.State == model.StateClosed:
		return fmt.Sprintf("%s is closed and stays read-only", sp.Name)
	case !forward && sp.State == model.StatePlanning:
		return fmt.Sprintf("%s is planning: there is no earlier state", sp.Name)
	}
	return ""
}

// key handles a key press.
func (p Model) key(msg tea.KeyMsg) (Model, tea.Cmd) {
	switch {
	case p.formOpen:
		return p.formKey(msg)
	case p.filtering:
		return p.filterKey(msg)
	case p.carrying:
		return p.carryKey(msg)
	}
	k := p.all
	switch {
	case key.Matches(msg, k.Up):
		return p.moveCursor(-1)
	case key.Matches(msg, k.Down):
		return p.moveCursor(1)
	case key.Matches(msg, k.Left):
		if p.section == sectionSprints && p.pane > kindSprint {
			p.pane--
		}
	case (key.Matches(msg, k.Right) || key.Matches(msg, k.Open)) && p.section == sectionSprints && p.pane == kindSprint:
		return p.openSprint()
	case key.Matches(msg, k.Right), key.Matches(msg, k.Open) && p.section == sectionSprints && p.pane != kindStory:
		if p.section == sectionSprints && p.pane < kindStory {
			p.pane++
		}
	case key.Matches(msg, k.NextSection):
		p.section = (p.section + 1) % sectionCount
	case key.Matches(msg, k.PrevSection):
		p.section = (p.section + sectionCount - 1) % sectionCount
	case key.Matches(msg, k.Filter):
		f := p.focused()
		p.filtering, p.filterEd = true, p.filterEd.SetValue(p.lists[f].filter).Focus()
	case key.Matches(msg, k.Back):
		f := p.focused()
		if p.lists[f].filter != "" {
			p.lists[f].filter = ""
			p = p.refilter(f, p.selectedID(f))
		} else if p.section == sectionSprints && p.pane > kindSprint {
			p.pane--
		}
	case key.Matches(msg, k.New):
		return p.act(actNew, Model.newForm)
	case key.Matches(msg, k.Edit), key.Matches(msg, k.Open):
		return p.act(actEdit, Model.editForm)
	case key.Matches(msg, k.Delete):
		return p.act(actDelete, Model.askDelete)
	case key.Matches(msg, k.MoveUp):
		return p.act(actMove, func(p Model) (Model, tea.Cmd) { return p, p.reorder(-1) })
	case key.Matches(msg, k.MoveDown):
		return p.act(actMove, func(p Model) (Model, tea.Cmd) { return p, p.reorder(1) })
	case key.Matches(msg, k.Status):
		return p.act(actStatus, func(p Model) (Model, tea.Cmd) { return p, p.cycleStatus() })
	case key.Matches(msg, k.Archive) && p.section == sectionGoals:
		return p.act(actArchive, func(p Model) (Model, tea.Cmd) { return p, p.toggleArchive() })
	case key.Matches(msg, k.Active) && p.section == sectionMembers:
		return p.act(actActive, func(p Model) (Model, tea.Cmd) { return p, p.toggleMember(false) })
	case key.Matches(msg, k.Facilitator):
		return p.act(actFacilitator, func(p Model) (Model, tea.Cmd) { return p, p.toggleMember(true) })
	case key.Matches(msg, k.StateNext):
		return p.act(actStateNext, func(p Model) (Model, tea.Cmd) { return p, p.askState(true) })
	case key.Matches(msg, k.StatePrev):
		return p.act(actStatePrev, func(p Model) (Model, tea.Cmd) { return p, p.askState(false) })
	case key.Matches(msg, k.Carry):
		return p.act(actCarry, Model.openCarry)
	}
	return p, nil
}

// act runs do when action a applies and is possible, else explains why not.
func (p Model) act(a planAction, do func(Model) (Model, tea.Cmd)) (Model, tea.Cmd) {
	applies, why := p.gate(a)
	switch {
	case !applies:
		return p, nil
	case why != "":
		return p, ui.Footer(why)
	}
	return do(p)
}

// moveCursor moves the focused list's cursor. Moving over the sprints only
// selects one: enter (openSprint) shows it, here and on every screen.
func (p Model) moveCursor(d int) (Model, tea.Cmd) {
	f := p.focused()
	before := p.selectedID(f)
	p.lists[f] = p.lists[f].moved(d)
	if after := p.selectedID(f); f == kindObjective && after != before {
		p = p.refilter(kindStory, uuid.Nil)
		p.lists[kindStory].cursor = 0
	}
	return p, nil
}

// openSprint shows the sprint under the cursor on every screen (the app's
// sprint changes only here) and moves on to its objectives.
func (p Model) openSprint() (Model, tea.Cmd) {
	p.pane = kindObjective
	sp, ok := p.selSprint()
	if !ok || (p.data.HasSprint && sp.ID == p.data.Sprint.Sprint.ID) {
		return p, nil
	}
	id := sp.ID
	p.want = id
	return p, func() tea.Msg { return ui.SelectSprintMsg{ID: id} }
}

// filterKey edits the focused list's filter; the list narrows as one types.
func (p Model) filterKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	f := p.focused()
	switch {
	case key.Matches(msg, p.input.Submit):
		p.filtering, p.filterEd = false, p.filterEd.Blur()
		return p, nil
	case key.Matches(msg, p.input.Cancel):
		p.filtering, p.filterEd = false, p.filterEd.Blur()
		p.lists[f].filter = ""
	default:
		p.filterEd = p.filterEd.Update(msg)
		p.lists[f].filter = p.filterEd.Value()
	}
	p = p.refilter(f, p.selectedID(f))
	if f == kindObjective {
		p = p.refilter(kindStory, p.selectedID(kindStory))
	}
	return p, nil
}

// mouse scrolls the list under the pointer with the wheel and selects a row
// or a section tab with a click.
func (p Model) mouse(msg tea.MouseMsg) (Model, tea.Cmd) {
	if p.formOpen || p.filtering || p.carrying {
		return p, nil
	}
	if msg.Action == tea.MouseActionPress && msg.Button == tea.MouseButtonLeft && msg.Y == 0 {
		if s, ok := p.sectionAt(msg.X); ok {
			p.section = s
		}
		return p, nil
	}
	k, row, ok := p.listAt(msg.X, msg.Y)
	if !ok {
		return p, nil
	}
	if p.section == sectionSprints {
		p.pane = k
	}
	switch {
	case msg.Button == tea.MouseButtonWheelUp:
		return p.moveCursor(-1)
	case msg.Button == tea.MouseButtonWheelDown:
		return p.moveCursor(1)
	case msg.Button == tea.MouseButtonLeft && msg.Action == tea.MouseActionPress && row >= 0:
		if i := p.lists[k].first + row; i < len(p.lists[k].rows) {
			return p.moveCursor(i - p.lists[k].cursor)
		}
	}
	return p, nil
}
