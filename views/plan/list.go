package plan

import (
	"slices"
	"strings"

	"github.com/align-team/align/model"
	"github.com/align-team/align/views/ui"
	"github.com/google/uuid"
)

// listModel is the view state of one list: the rows that pass the filter
// (indices into the screen's slice of that kind), the cursor among them and
// the first visible row.
type listModel struct {
	rows   []int
	cursor int
	first  int
	filter string
}

// selected returns the index (into the source slice) under the cursor.
func (l listModel) selected() (int, bool) {
	if l.cursor < 0 || l.cursor >= len(l.rows) {
		return 0, false
	}
	return l.rows[l.cursor], true
}

// moved returns the list with the cursor moved by d rows.
func (l listModel) moved(d int) listModel {
	l.cursor = ui.Clamp(l.cursor+d, 0, max(0, len(l.rows)-1))
	return l
}

// load derives everything the screen shows from a fresh snapshot, keeping
// the selection of every list by ID.
func (p Model) load(d ui.WorkspaceData) Model {
	keep := [kindCount]uuid.UUID{}
	for k := range kindCount {
		keep[k] = p.selectedID(k)
	}
	// The sprint cursor follows the sprint on show when that changes (first
	// load, enter here, a save that shows another); otherwise it stays
	// where the user moved it.
	moved := !p.loaded || d.HasSprint != p.data.HasSprint || d.Sprint.Sprint.ID != p.data.Sprint.Sprint.ID
	p.data, p.loaded = d, true
	p.sprints = make([]model.Sprint, 0, len(d.Sprints))
	for i := len(d.Sprints) - 1; i >= 0; i-- {
		p.sprints = append(p.sprints, d.Sprints[i])
	}
	p.objectives, p.stories, p.agreed, p.goalUse = nil, map[uuid.UUID][]model.Story{}, map[uuid.UUID]*int{}, map[uuid.UUID]int{}
	if d.HasSprint {
		p.objectives = model.LiveObjectives(d.Sprint)
		for _, st := range d.Sprint.Stories {
			if !st.Deleted {
				p.stories[st.ObjectiveID] = append(p.stories[st.ObjectiveID], st)
			}
		}
		for _, o := range d.Sprint.Outcomes {
			if !o.Deleted && o.Agreed != nil {
				v := *o.Agreed
				p.agreed[o.ObjectiveID] = &v
			}
		}
		for _, o := range p.objectives {
			if o.GoalID != uuid.Nil {
				p.goalUse[o.GoalID]++
			}
		}
	}
	p.goals = slices.Clone(d.Goals)
	p.members = slices.Clone(d.Members)
	if d.HasSprint && (moved || keep[kindSprint] == uuid.Nil) && (p.want == uuid.Nil || p.want == d.Sprint.Sprint.ID) {
		keep[kindSprint], p.want = d.Sprint.Sprint.ID, uuid.Nil
	}
	if p.objectiveChanged(keep[kindObjective]) {
		keep[kindStory] = uuid.Nil
	}
	for k := range kindCount {
		p = p.refilter(k, keep[k])
	}
	if p.carrying {
		p.carry = p.carry.refresh(p)
	}
	return p
}

// objectiveChanged reports whether the objective with id is gone, so that
// the story selection starts afresh.
func (p Model) objectiveChanged(id uuid.UUID) bool {
	return !slices.ContainsFunc(p.objectives, func(o model.Objective) bool { return o.ID == id })
}

// count, id and text describe the source slice of list k: its length, the
// ID of item i, and the text a filter matches.
func (p Model) count(k planKind) int {
	switch k {
	case kindSprint:
		return len(p.sprints)
	case kindObjective:
		return len(p.objectives)
	case kindStory:
		return len(p.currentStories())
	case kindGoal:
		return len(p.goals)
	case kindMember:
		return len(p.members)
	}
	return 0
}

func (p Model) id(k planKind, i int) uuid.UUID {
	switch k {
	case kindSprint:
		return p.sprints[i].ID
	case kindObjective:
		return p.objectives[i].ID
	case kindStory:
		return p.currentStories()[i].ID
	case kindGoal:
		return p.goals[i].ID
	case kindMember:
		return p.members[i].ID
	}
	return uuid.Nil
}

func (p Model) text(k planKind, i int) string {
	switch k {
	case kindSprint:
		return p.sprints[i].Name + " " + string(p.sprints[i].State)
	case kindObjective:
		return p.objectives[i].Title
	case kindStory:
		st := p.currentStories()[i]
		return st.Title + " " + st.Key + " " + string(st.Status)
	case kindGoal:
		return p.goals[i].Title
	case kindMember:
		return p.members[i].Handle + " " + p.members[i].Name
	}
	return ""
}

// currentStories are the stories of the selected objective.
func (p Model) currentStories() []model.Story {
	o, ok := p.selObjective()
	if !ok {
		return nil
	}
	return p.stories[o.ID]
}

// selectedID returns the ID of the record under list k's cursor.
func (p Model) selectedID(k planKind) uuid.UUID {
	i, ok := p.lists[k].selected()
	if !ok || i >= p.count(k) {
		return uuid.Nil
	}
	return p.id(k, i)
}

// refilter recomputes list k's rows from its filter and puts the cursor on
// keep (or on the record a save asked to show), else where it was.
func (p Model) refilter(k planKind, keep uuid.UUID) Model {
	l := p.lists[k]
	q := strings.ToLower(strings.TrimSpace(l.filter))
	n := p.count(k)
	l.rows = l.rows[:0:0]
	for i := range n {
		if q == "" || strings.Contains(strings.ToLower(p.text(k, i)), q) {
			l.rows = append(l.rows, i)
		}
	}
	for r, i := range l.rows {
		id := p.id(k, i)
		if p.focusAfter != uuid.Nil && id == p.focusAfter {
			l.cursor, keep = r, id
			p.focusAfter = uuid.Nil
			break
		}
		if id == keep {
			l.cursor = r
		}
	}
	l.cursor = ui.Clamp(l.cursor, 0, max(0, len(l.rows)-1))
	p.lists[k] = l
	return p
}

// selSprint returns the sprint under the sprint list's cursor.
func (p Model) selSprint() (model.Sprint, bool) {
	i, ok := p.lists[kindSprint].selected()
	if !ok || i >= len(p.sprints) {
		return model.Sprint{}, false
	}
	return p.sprints[i], true
}

// shown returns the sprint whose objectives are on show.
func (p Model) shown() (model.Sprint, bool) {
	return p.data.Sprint.Sprint, p.data.HasSprint
}

// selObjective returns the objective under the cursor.
func (p Model) selObjective() (model.Objective, bool) {
	i, ok := p.lists[kindObjective].selected()
	if !ok || i >= len(p.objectives) {
		return model.Objective{}, false
	}
	return p.objectives[i], true
}

// selStory returns the story under the cursor.
func (p Model) selStory() (model.Story, bool) {
	ss := p.currentStories()
	i, ok := p.lists[kindStory].selected()
	if !ok || i >= len(ss) {
		return model.Story{}, false
	}
	return ss[i], true
}

// selGoal returns the goal under the cursor.
func (p Model) selGoal() (model.Goal, bool) {
	i, ok := p.lists[kindGoal].selected()
	if !ok || i >= len(p.goals) {
		return model.Goal{}, false
	}
	return p.goals[i], true
}

// selMember returns the member under the cursor.
func (p Model) selMember() (model.Member, bool) {
	i, ok := p.lists[kindMember].selected()
	if !ok || i >= len(p.members) {
		return model.Member{}, false
	}
	return p.members[i], true
}
