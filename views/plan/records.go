package plan

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	"github.com/align-team/align/views/ui"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/google/uuid"
)

// newForm opens a form for a new record of the focused kind.
func (p Model) newForm() (Model, tea.Cmd) {
	now := p.deps.Now()
	s := p.deps.Styles
	rec := planRecord{kind: p.focused()}
	switch rec.kind {
	case kindSprint:
		rec.sprint = p.suggestSprint(now)
		p.form = sprintForm(s, rec, "New sprint")
	case kindObjective:
		sp, _ := p.shown()
		rec.objective = model.Objective{SprintID: sp.ID, Order: nextOrder(p.objectives, func(o model.Objective) int { return o.Order })}
		p.form = p.objectiveForm(rec, "New objective in "+sp.Name)
	case kindStory:
		o, _ := p.selObjective()
		rec.story = model.Story{SprintID: o.SprintID, ObjectiveID: o.ID, Status: model.StoryTodo,
			Order: nextOrder(p.stories[o.ID], func(s model.Story) int { return s.Order })}
		p.form = storyForm(s, rec, "New story for “"+o.Title+"”")
	case kindGoal:
		p.form = goalForm(s, rec, "New goal")
	case kindMember:
		rec.member = model.Member{Active: true}
		p.form = memberForm(s, rec, "New member")
	}
	p.formOpen = true
	return p.fix(), nil
}

// editForm opens a form on the selected record.
func (p Model) editForm() (Model, tea.Cmd) {
	rec, ok := p.selected(p.focused())
	if !ok {
		return p, nil
	}
	s := p.deps.Styles
	switch rec.kind {
	case kindSprint:
		p.form = sprintForm(s, rec, "Edit sprint")
	case kindObjective:
		p.form = p.objectiveForm(rec, "Edit objective")
	case kindStory:
		p.form = storyForm(s, rec, "Edit story")
	case kindGoal:
		p.form = goalForm(s, rec, "Edit goal")
	case kindMember:
		p.form = memberForm(s, rec, "Edit member")
	}
	p.formOpen = true
	return p.fix(), nil
}

// nextOrder is one past the largest order of xs.
func nextOrder[T any](xs []T, order func(T) int) int {
	n := 0
	for _, x := range xs {
		n = max(n, order(x)+1)
	}
	return n
}

func sprintForm(s ui.Styles, rec planRecord, title string) formModel {
	sp := rec.sprint
	return newFormModel(s, rec, title,
		textField(s, "name", "Name", "e.g. Sprint 26", fieldText, model.MaxTitle, sp.Name),
		textField(s, "start", "Start", "YYYY-MM-DD", fieldDate, 10, ui.DateText(sp.Start)),
		textField(s, "end", "End", "YYYY-MM-DD (inclusive)", fieldDate, 10, ui.DateText(sp.End)),
		textField(s, "goal", "Sprint goal", "what the sprint is for", fieldLines, model.MaxText, sp.Goal),
	)
}

func (p Model) objectiveForm(rec planRecord, title string) formModel {
	s := p.deps.Styles
	o := rec.objective
	opts := []formOption{{label: "(no goal)"}}
	for _, g := range p.goals {
		switch {
		case !g.Archived:
			opts = append(opts, formOption{id: g.ID, label: g.Title})
		case g.ID == o.GoalID:
			opts = append(opts, formOption{id: g.ID, label: g.Title + " (archived)"})
		}
	}
	return newFormModel(s, rec, title,
		textField(s, "title", "Title", "what the team wants to achieve", fieldText, model.MaxTitle, o.Title),
		textField(s, "description", "Description", "optional", fieldLines, model.MaxText, o.Description),
		choiceField(s, "goal", "Goal", fieldPick, opts, o.GoalID, ""),
	)
}

func storyForm(s ui.Styles, rec planRecord, title string) formModel {
	st := rec.story
	var opts []formOption
	for _, v := range model.StoryStatuses {
		opts = append(opts, formOption{value: string(v), label: storyStatusLabel(v)})
	}
	pts := ""
	if st.Points > 0 {
		pts = strconv.Itoa(st.Points)
	}
	return newFormModel(s, rec, title,
		textField(s, "title", "Title", "As a …, I want … so that …", fieldText, model.MaxTitle, st.Title),
		textField(s, "points", "Points", "optional", fieldNumber, 4, pts),
		choiceField(s, "status", "Status", fieldCycle, opts, uuid.Nil, string(st.Status)),
		textField(s, "key", "Key", "tracker key, e.g. SHOP-123", fieldText, model.MaxKey, st.Key),
	)
}

func goalForm(s ui.Styles, rec planRecord, title string) formModel {
	g := rec.goal
	return newFormModel(s, rec, title,
		textField(s, "title", "Title", "an organisational goal", fieldText, model.MaxTitle, g.Title),
		textField(s, "description", "Description", "optional", fieldLines, model.MaxText, g.Description),
		toggleField("archived", "Archived", g.Archived),
	)
}

func memberForm(s ui.Styles, rec planRecord, title string) formModel {
	m := rec.member
	return newFormModel(s, rec, title,
		textField(s, "name", "Name", "full name", fieldText, model.MaxName, m.Name),
		textField(s, "handle", "Handle", "lower-case, e.g. ana", fieldText, model.MaxHandle, m.Handle),
		toggleField("active", "Active", m.Active),
		toggleField("facilitator", "Facilitator", m.Facilitator),
	)
}

// record builds the record from the form's fields and validates it as the
// store will, so that a mistake is reported at once and the input stays.
func (f formModel) record() (planRecord, error) {
	r := f.rec
	switch r.kind {
	case kindSprint:
		sp := &r.sprint
		sp.Name, sp.Goal = f.text("name"), f.text("goal")
		start, err := model.ParseDate("start", f.text("start"))
		if err != nil {
			return r, err
		}
		end, err := model.ParseDate("end", f.text("end"))
		if err != nil {
			return r, err
		}
		sp.Start, sp.End = start, end
		if sp.ID == uuid.Nil {
			sp.State = model.StatePlanning
		}
		c := *sp
		c.Normalize()
		return r, c.Validate()
	case kindObjective:
		o := &r.objective
		o.Title, o.Description, o.GoalID = f.text("title"), f.text("description"), f.chosen("goal").id
		c := *o
		c.Normalize()
		return r, c.Validate()
	case kindStory:
		st := &r.story
		st.Title, st.Key = f.text("title"), f.text("key")
		st.Status = model.StoryStatus(f.chosen("status").value)
		raw := strings.TrimSpace(f.text("points"))
		st.Points = 0
		if raw != "" {
			n, err := strconv.Atoi(raw)
			if err != nil || n < 0 || n > model.MaxPoints {
				return r, &model.FieldError{Record: "story", Field: "points",
					Msg: fmt.Sprintf("%q is not allowed; use a whole number from 0 to %d, or leave it empty", raw, model.MaxPoints)}
			}
			st.Points = n
		}
		c := *st
		c.Normalize()
		return r, c.Validate()
	case kindGoal:
		g := &r.goal
		g.Title, g.Description, g.Archived = f.text("title"), f.text("description"), f.on("archived")
		c := *g
		c.Normalize()
		return r, c.Validate()
	case kindMember:
		m := &r.member
		m.Name, m.Handle, m.Active, m.Facilitator = f.text("name"), f.text("handle"), f.on("active"), f.on("facilitator")
		c := *m
		c.Keys = append([]string(nil), m.Keys...)
		c.Normalize()
		return r, c.Validate()
	}
	return r, nil
}

// errorField names the form field an error is about ("" when none).
func errorField(err error) string {
	var fe *model.FieldError
	switch {
	case errors.As(err, &fe):
		if fe.Field == "dates" {
			return "start"
		}
		return fe.Field
	case errors.Is(err, store.ErrDuplicate):
		return "handle"
	}
	return ""
}

// formKey hands a key to the open form and saves or closes it.
func (p Model) formKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	if cmd, ok := p.formExternal(msg); ok {
		return p, cmd
	}
	var res formResult
	p.form, res = p.form.Update(msg)
	switch res {
	case formCancel:
		p.formOpen = false
		return p, nil
	case formSave:
		rec, err := p.form.record()
		if err != nil {
			p.form = p.form.focusField(errorField(err))
			return p, func() tea.Msg { return ui.ErrMsg{Err: err} }
		}
		verb := "saved "
		if rec.meta().ID == uuid.Nil {
			verb = "created "
		}
		p.form.saving = true
		return p, p.saveCmd(rec, verb+rec.name(), uuid.Nil)
	}
	return p, nil
}

// saveCmd submits the save (or deletion) of rec; the result comes back as
// a ui.PlanSavedMsg selecting the saved record. A new sprint is shown at once.
func (p Model) saveCmd(rec planRecord, text string, show uuid.UUID) tea.Cmd {
	st := p.deps.Store
	newSprint := rec.kind == kindSprint && rec.sprint.ID == uuid.Nil
	return p.deps.IO.Submit(func() tea.Msg {
		id, err := saveRecord(st, rec)
		if err != nil {
			return ui.PlanSavedMsg{Err: ui.SaveConflict(rec.name(), err)}
		}
		if newSprint {
			show = id
		}
		return ui.PlanSavedMsg{Text: text, Show: show, Focus: id}
	})
}

// saveRecord writes rec with the store method of its kind.
func saveRecord(st *store.Store, rec planRecord) (uuid.UUID, error) {
	switch rec.kind {
	case kindSprint:
		v, err := st.SaveSprint(rec.sprint)
		return v.ID, err
	case kindObjective:
		v, err := st.SaveObjective(rec.objective)
		return v.ID, err
	case kindStory:
		v, err := st.SaveStory(rec.story)
		return v.ID, err
	case kindGoal:
		v, err := st.SaveGoal(rec.goal)
		return v.ID, err
	case kindMember:
		v, err := st.SaveMember(rec.member)
		return v.ID, err
	}
	return uuid.Nil, fmt.Errorf("unknown record kind %d", rec.kind)
}

// suggestSprint proposes the next sprint: named after the latest one with
// its number raised, starting the day after it ends (or today, if that is
// past) and as long as it was (two weeks when there is none).
func (p Model) suggestSprint(now time.Time) model.Sprint {
	today := model.Day(now)
	var last model.Sprint
	found := false
	for _, sp := range p.data.Sprints {
		if !found || sp.End.After(last.End) {
			last, found = sp, true
		}
	}
	start, days := today, 14
	if found {
		start = model.Day(last.End).AddDate(0, 0, 1)
		days = max(1, int(model.Day(last.End).Sub(model.Day(last.Start))/(24*time.Hour))+1)
		if start.Before(today) {
			start = today
		}
	}
	return model.Sprint{Name: nextName(last.Name), Start: start, End: start.AddDate(0, 0, days-1), State: model.StatePlanning}
}

var trailingNumber = regexp.MustCompile(`^(.*?)(\d+)$`)

// nextName raises a trailing number: "Sprint 25" → "Sprint 26"; other
// names give "".
func nextName(name string) string {
	m := trailingNumber.FindStringSubmatch(strings.TrimSpace(name))
	if m == nil {
		return ""
	}
	n, err := strconv.Atoi(m[2])
	if err != nil {
		return ""
	}
	return m[1] + strconv.Itoa(n+1)
}
