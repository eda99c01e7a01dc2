package plan

import (
	"fmt"
	"slices"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	"github.com/align-team/align/views/ui"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/google/uuid"
)

// carryModel is the dialog that carries the shown sprint's unfinished
// objectives into a later sprint: one still being planned, or a new one.
type carryModel struct {
	from       model.Sprint
	objectives []model.Objective // unfinished, in plan order
	agreed     map[uuid.UUID]*int
	stories    map[uuid.UUID][]model.Story // the stories not done, by objective
	targets    []model.Sprint              // later sprints still planning or assessing
	fresh      model.Sprint                // the new sprint offered last
	cursor     int                         // the target: an index into targets, len(targets) for fresh
	// onObj is the objective under the cursor, -1 while it is on the
	// targets; skip holds the objectives not to carry (space toggles).
	onObj int
	skip  map[uuid.UUID]bool
}

// unfinished returns the shown sprint's objectives with no agreed value or
// one below 100.
func (p Model) unfinished() []model.Objective {
	var out []model.Objective
	for _, o := range p.objectives {
		if a := p.agreed[o.ID]; a == nil || *a < 100 {
			out = append(out, o)
		}
	}
	return out
}

// carryWhy explains why carrying is not possible now, or returns "".
func (p Model) carryWhy() string {
	sp, ok := p.shown()
	switch {
	case !ok:
		return "no sprint yet: n adds one"
	case sp.State != model.StateReview && sp.State != model.StateClosed:
		return fmt.Sprintf("carrying on starts from a sprint in review or closed; %s is %s", sp.Name, sp.State)
	case len(p.unfinished()) == 0:
		return fmt.Sprintf("every objective of %s was agreed at 100%%: nothing to carry on", sp.Name)
	}
	if sel, ok := p.selSprint(); ok && sel.ID != sp.ID && p.pane == kindSprint {
		return fmt.Sprintf("c carries on from the sprint on show (%s): enter shows %s first", sp.Name, sel.Name)
	}
	return ""
}

// openCarry opens the carry dialog on the shown sprint.
func (p Model) openCarry() (Model, tea.Cmd) {
	p.carry = carryModel{onObj: -1, skip: map[uuid.UUID]bool{}}.refresh(p)
	p.carrying = true
	return p, nil
}

// refresh recomputes the dialog from the screen's data, keeping the chosen
// target.
func (c carryModel) refresh(p Model) carryModel {
	keep := uuid.Nil
	if c.cursor < len(c.targets) {
		keep = c.targets[c.cursor].ID
	}
	sp, _ := p.shown()
	c.from, c.objectives, c.agreed = sp, p.unfinished(), p.agreed
	c.stories = map[uuid.UUID][]model.Story{}
	for _, o := range c.objectives {
		for _, s := range p.stories[o.ID] {
			if s.Status != model.StoryDone {
				c.stories[o.ID] = append(c.stories[o.ID], s)
			}
		}
	}
	c.targets = nil
	for _, t := range p.data.Sprints {
		if t.ID != sp.ID && !t.Start.Before(sp.Start) && model.CanEditPlan(t.State) {
			c.targets = append(c.targets, t)
		}
	}
	c.fresh = p.suggestSprint(p.deps.Now())
	if c.fresh.Name == "" {
		c.fresh.Name = "Next sprint"
	}
	c.cursor = ui.Clamp(c.cursor, 0, len(c.targets))
	if i := slices.IndexFunc(c.targets, func(t model.Sprint) bool { return t.ID == keep }); i >= 0 {
		c.cursor = i
	}
	if c.onObj >= len(c.objectives) {
		c.onObj = len(c.objectives) - 1
	}
	return c
}

// carryKey hands a key to the open carry-over dialog, and closes it or
// carries on as the key asks.
func (p Model) carryKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	var res carryResult
	p.carry, res = p.carry.Update(msg, p.carryKeys)
	switch res {
	case carryCancel:
		p.carrying = false
	case carryNothing:
		return p, ui.Footer("no objective is chosen: space marks the ones to carry on")
	case carryGo:
		return p, p.carryCmd()
	}
	return p, nil
}

// carryResult is what a key did to the carry-over dialog as a whole.
type carryResult int

const (
	carryNone    carryResult = iota
	carryCancel              // close the dialog
	carryGo                  // carry the chosen objectives into the target
	carryNothing             // carry asked for with no objective chosen
)

// Update moves the dialog's cursor between the objectives and the target
// sprints, or marks an objective to skip, for a key of k; it reports
// whether the key closes the dialog or carries on.
func (c carryModel) Update(msg tea.KeyMsg, k carryKeyMap) (carryModel, carryResult) {
	switch {
	case key.Matches(msg, k.Cancel):
		return c, carryCancel
	case key.Matches(msg, k.Up):
		return c.move(-1), carryNone
	case key.Matches(msg, k.Down):
		return c.move(1), carryNone
	case key.Matches(msg, k.Toggle):
		if c.onObj >= 0 && c.onObj < len(c.objectives) {
			id := c.objectives[c.onObj].ID
			c.skip[id] = !c.skip[id]
		}
	case key.Matches(msg, k.Carry):
		if len(c.chosen()) == 0 {
			return c, carryNothing
		}
		return c, carryGo
	}
	return c, carryNone
}

// move walks the cursor through the objectives (above) and the targets
// (below), one row at a time.
func (c carryModel) move(d int) carryModel {
	n := len(c.objectives)
	row := n + c.cursor // objectives first, then the targets
	if c.onObj >= 0 {
		row = c.onObj
	}
	row = ui.Clamp(row+d, 0, n+len(c.targets))
	if row < n {
		c.onObj = row
	} else {
		c.onObj, c.cursor = -1, row-n
	}
	return c
}

// chosen returns the objectives to carry: the unfinished ones not skipped.
func (c carryModel) chosen() []model.Objective {
	var out []model.Objective
	for _, o := range c.objectives {
		if !c.skip[o.ID] {
			out = append(out, o)
		}
	}
	return out
}

// carryJob is everything a carry-over needs, copied out of the screen.
type carryJob struct {
	from       string
	fromID     uuid.UUID
	objectives []model.Objective
	target     model.Sprint
	isNew      bool
}

// carryCmd submits the carry-over into the chosen target.
func (p Model) carryCmd() tea.Cmd {
	c := p.carry
	job := carryJob{from: c.from.Name, fromID: c.from.ID, objectives: c.chosen()}
	if c.cursor < len(c.targets) {
		job.target = c.targets[c.cursor]
	} else {
		job.target, job.isNew = c.fresh, true
	}
	st := p.deps.Store
	return p.deps.IO.Submit(func() tea.Msg {
		id, n, err := carryOver(st, job)
		if err != nil {
			return ui.PlanSavedMsg{Err: fmt.Errorf("carry from %s: %w", job.from, err)}
		}
		return ui.PlanSavedMsg{Text: fmt.Sprintf("carried %d objective(s) from %s into %s", n, job.from, job.target.Name), Show: id}
	})
}

// carryOver carries job's objectives into the target sprint (created when
// new) as model.CarryOver decides, read, decided and written in one
// transaction (Store.CarryOver). It returns the target's ID and how many
// objectives it carried.
func carryOver(st *store.Store, job carryJob) (uuid.UUID, int, error) {
	pick := make([]uuid.UUID, 0, len(job.objectives))
	for _, o := range job.objectives {
		pick = append(pick, o.ID)
	}
	out, err := st.CarryOver(job.fromID, job.target, job.isNew, pick, nil)
	if err != nil {
		return uuid.Nil, 0, err
	}
	return out.Sprint.ID, len(out.Objectives), nil
}

// view renders the dialog in w×h.
func (c carryModel) view(s ui.Styles, w, h int) []string {
	out := []string{
		ui.Truncate(s.Title.Render("Carry on from "+c.from.Name), w),
		ui.Truncate(s.Text.Render(fmt.Sprintf("%d of %d unfinished objective(s), agreed value as baseline, stories not done (space: carry or not):", len(c.chosen()), len(c.objectives))), w),
	}
	room := max(1, h-len(out)-2-len(c.targets)-1)
	// Two aligned columns: the titles, padded to the longest that fits,
	// then the baseline and the stories carried along.
	bases := make([]string, len(c.objectives))
	titleW, baseW := 0, 0
	for i, o := range c.objectives {
		bases[i] = "no agreed value"
		if a := c.agreed[o.ID]; a != nil {
			bases[i] = fmt.Sprintf("from %d%%", *a)
		}
		titleW = max(titleW, ansi.StringWidth(o.Title))
		baseW = max(baseW, len(bases[i]))
	}
	titleW = max(1, min(titleW, w-6-2-baseW-2-len("99 stories")))
	for i, o := range c.objectives {
		if i == room-1 && len(c.objectives) > room {
			out = append(out, s.Faint.Render(fmt.Sprintf("  … and %d more", len(c.objectives)-i)))
			break
		}
		tail := "  " + ui.PadRight(bases[i], baseW) + "  " + export.Plural(len(c.stories[o.ID]), "story", "stories")
		box := "[x] "
		if c.skip[o.ID] {
			box = "[ ] "
		}
		line := box + ui.PadRight(ui.Truncate(o.Title, titleW), titleW)
		if i == c.onObj {
			out = append(out, ui.Truncate(s.Selected.Render("▸ "+line)+s.Faint.Render(tail), w))
			continue
		}
		out = append(out, ui.Truncate("  "+line+s.Faint.Render(tail), w))
	}
	out = append(out, s.Bold.Render("Into:"))
	for i := 0; i <= len(c.targets); i++ {
		var line string
		if i < len(c.targets) {
			t := c.targets[i]
			line = fmt.Sprintf("%s · %s · %s → %s", t.Name, t.State, ui.DateText(t.Start), ui.DateText(t.End))
		} else {
			line = fmt.Sprintf("＋ new sprint %q, %s → %s", c.fresh.Name, ui.DateText(c.fresh.Start), ui.DateText(c.fresh.End))
		}
		if i == c.cursor && c.onObj < 0 {
			out = append(out, s.Selected.Render(ui.PadRight(ui.Truncate("▸ "+line, w), w)))
		} else {
			out = append(out, ui.Truncate("  "+line, w))
		}
	}
	return out[:min(len(out), max(0, h))]
}
