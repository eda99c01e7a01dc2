package plan

import (
	"fmt"
	"strings"

	"github.com/align-team/align/model"
	"github.com/align-team/align/views/ui"
	"github.com/charmbracelet/x/ansi"
	"github.com/google/uuid"
)

// planLayout is where the Plan screen's parts go, by arithmetic on the
// content size; Update (scrolling, mouse) and View use the same numbers.
type planLayout struct {
	leftW, rightW int
	rows          [kindCount]int // visible rows per list
	objTop        int            // first line of the objective rows
	storyTop      int            // first line of the story rows
}

// Fixed lines of the layout: the section tabs and a list's header; in the
// sprint section, the sprint's three lines and the objectives' header above
// the objective rows, and the objective's detail and the stories' header
// between the objective and story rows.
const (
	planTopLines    = 2
	planSprintLines = 4
	planBetween     = 2
	planSepWidth    = 3 // " │ "
)

// layout computes the parts' sizes.
func (p Model) layout() planLayout {
	var l planLayout
	if p.section == sectionSprints {
		l.leftW = ui.Clamp(p.width*11/40, 18, 30)
	} else {
		l.leftW = ui.Clamp(p.width/2, 20, 56)
	}
	l.rightW = max(0, p.width-l.leftW-planSepWidth)
	listRows := max(1, p.height-planTopLines)
	l.rows[kindSprint], l.rows[kindGoal], l.rows[kindMember] = listRows, listRows, listRows
	// Objectives get the rows they need while the stories keep at least
	// two fifths of the room (or all they need, when less).
	avail := max(2, p.height-1-planSprintLines-planBetween)
	objNeed := max(1, len(p.lists[kindObjective].rows))
	storyMin := min(max(1, len(p.lists[kindStory].rows)), max(1, avail*2/5))
	l.rows[kindObjective] = ui.Clamp(objNeed, 1, max(1, avail-storyMin))
	l.rows[kindStory] = max(1, avail-l.rows[kindObjective])
	l.objTop = 1 + planSprintLines
	l.storyTop = l.objTop + l.rows[kindObjective] + planBetween
	return l
}

// fix keeps every cursor in view, sizes the form and dialog and turns keys
// on and off; it runs after every change.
func (p Model) fix() Model {
	l := p.layout()
	for k := range kindCount {
		ls := p.lists[k]
		ls.first = ui.Window(ls.first, ls.cursor, l.rows[k], len(ls.rows))
		p.lists[k] = ls
	}
	p.form = p.form.SetSize(l.rightW, max(0, p.height-1))
	p.filterEd = p.filterEd.SetSize(max(1, l.leftW), 1)
	return p.updateKeys()
}

// sectionLabels are the section tabs as drawn.
func (p Model) sectionLabels() []string {
	s := p.deps.Styles
	var out []string
	for i := range sectionCount {
		out = append(out, s.Tabbed(i.String(), i == p.section))
	}
	return out
}

// sectionAt returns the section whose tab covers column x.
func (p Model) sectionAt(x int) (planSection, bool) {
	pos := 0
	for i, l := range p.sectionLabels() {
		w := ansi.StringWidth(l)
		if x >= pos && x < pos+w {
			return planSection(i), true
		}
		pos += w + 1
	}
	return 0, false
}

// listAt returns the list under content position (x, y) and the row of it
// (-1 on its header).
func (p Model) listAt(x, y int) (planKind, int, bool) {
	l := p.layout()
	if y < 1 {
		return 0, 0, false
	}
	if x < l.leftW {
		if p.section == sectionSprints {
			return kindSprint, y - planTopLines, true
		}
		return p.focused(), y - planTopLines, true
	}
	if p.section != sectionSprints {
		return 0, 0, false
	}
	switch {
	case y >= l.objTop-1 && y < l.objTop+l.rows[kindObjective]:
		return kindObjective, y - l.objTop, true
	case y >= l.storyTop-1 && y < l.storyTop+l.rows[kindStory]:
		return kindStory, y - l.storyTop, true
	}
	return 0, 0, false
}

// View renders the screen.
func (p Model) View() string {
	s := p.deps.Styles
	if p.width <= 0 || p.height <= 0 {
		return ""
	}
	if !p.loaded {
		return s.Faint.Render("Loading the workspace…")
	}
	l := p.layout()
	tabs := ui.Truncate(strings.Join(p.sectionLabels(), s.Faint.Render("│")), p.width)
	var left, right []string
	switch p.section {
	case sectionSprints:
		left = p.listView(kindSprint, "Sprints", l.leftW, l.rows[kindSprint])
		right = p.sprintSide(l)
	case sectionGoals:
		left = p.listView(kindGoal, "Goals", l.leftW, l.rows[kindGoal])
		right = p.goalDetail(l.rightW)
	case sectionMembers:
		left = p.listView(kindMember, "Members", l.leftW, l.rows[kindMember])
		right = p.memberDetail(l.rightW)
	}
	switch {
	case p.formOpen:
		right = strings.Split(p.form.View(), "\n")
	case p.carrying:
		right = p.carry.view(s, l.rightW, p.height-1)
	}
	lines := []string{tabs}
	sep := s.Faint.Render(" │ ")
	for i := 0; i < p.height-1; i++ {
		var a, b string
		if i < len(left) {
			a = left[i]
		}
		if i < len(right) {
			b = right[i]
		}
		lines = append(lines, ui.Truncate(ui.PadRight(ui.Truncate(a, l.leftW), l.leftW)+sep+ui.Truncate(b, l.rightW), p.width))
	}
	return strings.Join(lines, "\n")
}

// listView renders list k: a header (or its filter) and its visible rows.
func (p Model) listView(k planKind, title string, w, rows int) []string {
	s := p.deps.Styles
	ls := p.lists[k]
	focused := p.focused() == k && !p.formOpen && !p.carrying
	head := s.Faint.Render(title)
	if focused {
		head = s.Title.Render(title)
	}
	switch {
	case focused && p.filtering:
		head = p.filterEd.View()
	case ls.filter != "":
		head += s.Faint.Render(fmt.Sprintf(" /%s (%d)", ls.filter, len(ls.rows)))
	default:
		head += s.Faint.Render(fmt.Sprintf(" (%d)", len(ls.rows)))
	}
	if k == kindObjective && len(ls.rows) > 0 {
		head = objectiveHeader(s, head, w)
	}
	out := []string{ui.Truncate(head, w)}
	if len(ls.rows) == 0 {
		msg := "none yet"
		if p.canAdd(k) {
			msg += ": n adds one"
		}
		if ls.filter != "" {
			msg = "no match: esc clears the filter"
		}
		return append(out, s.Faint.Render(ui.Truncate(msg, w)))
	}
	for r := ls.first; r < min(len(ls.rows), ls.first+rows); r++ {
		cur := r == ls.cursor
		line := p.row(k, ls.rows[r], w-2)
		switch {
		case cur && focused:
			line = s.Selected.Render(ui.PadRight("▸ "+line, w))
		case cur:
			line = s.Accent.Render("› ") + line
		default:
			line = "  " + line
		}
		out = append(out, ui.Truncate(line, w))
	}
	return out
}

// row renders item i of list k in w cells, without styling that would
// fight the selection's.
func (p Model) row(k planKind, i, w int) string {
	switch k {
	case kindSprint:
		sp := p.sprints[i]
		st := string(sp.State)
		nameW := max(1, w-len(st)-1)
		return ui.PadRight(ui.Truncate(sp.Name, nameW), nameW) + " " + st
	case kindObjective:
		return p.objectiveRow(p.objectives[i], w)
	case kindStory:
		return storyRow(p.currentStories()[i], w)
	case kindGoal:
		g := p.goals[i]
		if g.Archived {
			return ui.Truncate(g.Title, max(1, w-11)) + " (archived)"
		}
		return ui.Truncate(g.Title, w)
	case kindMember:
		m := p.members[i]
		tags := ""
		if m.Facilitator {
			tags += " ★"
		}
		if !m.Active {
			tags += " inactive"
		}
		return ui.Truncate(ui.PadRight(ui.Truncate(m.Handle, 12), 12)+" "+m.Name, max(1, w-len([]rune(tags)))) + tags
	}
	return ""
}

// Columns of the objective list after the title and goal: stories done of
// total, and the agreed value, each under a header label.
const (
	objStoriesWidth = 8 // " stories"
	objAgreedWidth  = 7 // " agreed"
	objTailWidth    = objStoriesWidth + objAgreedWidth
)

// objectiveCols splits w cells (after the cursor) between the title and
// the goal (shown from 50 cells).
func objectiveCols(w int) (titleW, goalW int) {
	if w >= 50 {
		goalW = ui.Clamp(w/4, 8, 24)
	}
	// Long titles are cut at maxPlanTitle so that the figures stay next to
	// them on a wide screen.
	return ui.Clamp(w-objTailWidth-goalW-1, 1, maxPlanTitle), goalW
}

// maxPlanTitle is the widest the Plan screen draws an objective title.
const maxPlanTitle = 56

// objectiveHeader is the objective list's header: its title on the left,
// then labels over the goal, stories and agreed columns, so that "2/5" and
// "50%" read as what they are.
func objectiveHeader(s ui.Styles, head string, w int) string {
	titleW, goalW := objectiveCols(w - 2)
	labels := ""
	if goalW > 0 {
		labels = " " + ui.PadRight("goal", goalW)
	}
	labels += fmt.Sprintf("%*s%*s", objStoriesWidth, "stories", objAgreedWidth, "agreed")
	return ui.PadRight(ui.Truncate(head, 2+titleW), 2+titleW) + s.Faint.Render(labels)
}

// objectiveRow is one objective: title, linked goal, stories done of total
// and the agreed value when there is one, under objectiveHeader's labels.
func (p Model) objectiveRow(o model.Objective, w int) string {
	done, total := 0, 0
	for _, st := range p.stories[o.ID] {
		total++
		if st.Status == model.StoryDone {
			done++
		}
	}
	agreed := "—"
	if a := p.agreed[o.ID]; a != nil {
		agreed = fmt.Sprintf("%d%%", *a)
	}
	tail := fmt.Sprintf("%*s%*s", objStoriesWidth, fmt.Sprintf("%d/%d", done, total), objAgreedWidth, agreed)
	titleW, goalW := objectiveCols(w)
	title := o.Title
	if o.CarriedFrom != uuid.Nil {
		title = "↪ " + title
	}
	out := ui.PadRight(ui.Truncate(title, titleW), titleW)
	if goalW > 0 {
		g := p.data.GoalTitle(o.GoalID)
		if g == "" {
			g = "—"
		}
		out += " " + ui.PadRight(ui.Truncate(g, goalW), goalW)
	}
	return out + tail
}

// storyStatusLabel is a status as symbol and word, readable without colour.
func storyStatusLabel(s model.StoryStatus) string {
	switch s {
	case model.StoryDone:
		return "● done"
	case model.StoryDoing:
		return "◐ doing"
	}
	return "○ todo"
}

// storyRow is one story: status, key, title and points.
func storyRow(st model.Story, w int) string {
	out := ui.PadRight(storyStatusLabel(st.Status), 8)
	if st.Key != "" {
		out += ui.Truncate(st.Key, 12) + " "
	}
	pts := ""
	if st.Points > 0 {
		pts = fmt.Sprintf(" %dpt", st.Points)
	}
	titleW := max(1, w-ansi.StringWidth(out)-len(pts))
	return out + ui.PadRight(ui.Truncate(st.Title, titleW), titleW) + pts
}

// canAdd reports whether n would add a record to list k now.
func (p Model) canAdd(k planKind) bool {
	if !p.deps.Facilitator {
		return false
	}
	if k == kindObjective || k == kindStory {
		return p.planWhy(k, actNew) == ""
	}
	return true
}
