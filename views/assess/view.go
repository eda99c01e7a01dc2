package assess

import (
	"fmt"
	"strings"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/align-team/align/views/ui"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/google/uuid"
)

// Lines above the objective list and the member picker's rows.
const (
	assessHeadLines = 2
	pickHeadLines   = 3
	assessFormLines = 5 // progress, confidence, abstain, note label, first note line
)

// listWidth is the width of the objective list on the left.
func (m Model) listWidth() int { return ui.Clamp(m.width/3, 18, 34) }

// detailWidth is the width of the objective's detail on the right.
func (m Model) detailWidth() int { return max(10, m.width-m.listWidth()-2) }

// listRows is how many objectives the list shows.
func (m Model) listRows() int { return max(1, m.height-assessHeadLines) }

// View renders the screen.
func (m Model) View() string {
	s := m.deps.Styles
	switch {
	case !m.loaded:
		return s.Faint.Render("Loading the workspace…")
	case m.picking:
		return m.pickView()
	case !m.data.HasSprint:
		return s.Title.Render("No sprint to assess yet") + "\n" + s.Faint.Render("Create one on the Plan screen (tab twice: digits type here).")
	case len(m.objectives) == 0:
		return s.Title.Render("Nothing to assess") + "\n" + s.Faint.Render("This sprint has no objectives yet.")
	}
	return m.headView() + "\n" + lipgloss.JoinHorizontal(lipgloss.Top,
		s.Plain.Width(m.listWidth()).Render(ui.Fit(m.listView(), m.listWidth()-1, m.listRows())),
		"  ", ui.Fit(m.detailView(), m.detailWidth(), m.height-assessHeadLines))
}

// headView: who is assessing, and how far they are.
func (m Model) headView() string {
	s := m.deps.Styles
	answered := 0
	for _, o := range m.objectives {
		if _, ok := m.mine[o.ID]; ok {
			answered++
		}
	}
	who := s.Faint.Render("Assessing as ") + s.Bold.Render(m.member.Name) + s.Faint.Render(" ("+m.member.Handle+") · "+m.data.Sprint.Sprint.Name)
	if m.as == uuid.Nil {
		// Remembered for the workspace: on a shared laptop the next person
		// opens as the last one, so say how to change it.
		who += s.Faint.Render(" · not you? m")
	}
	var state string
	switch {
	case !model.CanAssess(m.data.Sprint.Sprint.State):
		state = s.Faint.Render("closed: read-only")
	case answered == len(m.objectives):
		state = s.Success.Render(fmt.Sprintf("✓ submitted — all %d answered", answered))
	default:
		state = s.Text.Render(fmt.Sprintf("%d of %d answered", answered, len(m.objectives)))
	}
	return ui.Truncate(who, m.width) + "\n" + ui.Truncate(state, m.width)
}

// listView: one line per objective with the member's answer.
func (m Model) listView() string {
	s := m.deps.Styles
	w := m.listWidth() - 1
	var lines []string
	end := min(len(m.objectives), m.first+m.listRows())
	for i := m.first; i < end; i++ {
		o := m.objectives[i]
		mark := s.Faint.Render("  · ")
		if a, ok := m.mine[o.ID]; ok {
			if a.Abstain {
				mark = s.Faint.Render(" n/a")
			} else {
				mark = s.Success.Render(fmt.Sprintf("%3d%%", a.Progress))
			}
		}
		title := ui.Truncate(o.Title, max(1, w-7))
		cur := "  "
		if i == m.cursor {
			cur = s.Accent.Render("▸ ")
			title = s.Selected.Render(ui.PadRight(title, max(1, w-7)))
		}
		lines = append(lines, cur+mark+" "+title)
	}
	return strings.Join(lines, "\n")
}

// detailView: the objective, its stories, the references, and the form.
func (m Model) detailView() string {
	s := m.deps.Styles
	o, _ := m.current()
	w := m.detailWidth()
	a, answered := m.mine[o.ID]
	var top []string
	top = append(top, ui.Truncate(s.Title.Render(fmt.Sprintf("%d/%d  ", m.cursor+1, len(m.objectives))+o.Title), w))
	if g := m.data.GoalTitle(o.GoalID); g != "" {
		top = append(top, ui.Truncate(s.Faint.Render("Goal: "+g), w))
	}
	desc := ui.Wrap(o.Description, w)
	if len(desc) > 2 {
		// Two lines at most; say that there is more.
		more := desc[1] + "…"
		if ansi.StringWidth(more) > w {
			more = ui.Truncate(desc[1]+" more", w)
		}
		desc = []string{desc[0], more}
	}
	for _, l := range desc {
		top = append(top, s.Text.Render(l))
	}
	top = append(top, m.referenceLines(o, w)...)
	top = append(top, m.roundLine(o, w)...)

	form := m.formLines(a, answered, w)
	room := m.height - assessHeadLines - len(top) - len(form) - 1
	stories := m.storyLines(o, w, room)
	out := append(top, stories...)
	out = append(out, "")
	out = append(out, form...)
	return strings.Join(out, "\n")
}

// referenceLines: the member's previous estimate, the agreed baseline, and
// (in review) the team's figures.
func (m Model) referenceLines(o model.Objective, w int) []string {
	s := m.deps.Styles
	var lines []string
	if p, ok := m.data.Prior[o.ID]; ok {
		ref := "Last sprint:"
		for _, pa := range p.Assessments {
			if pa.MemberID == m.member.ID {
				if pa.Abstain {
					ref += " you abstained ·"
				} else {
					ref += fmt.Sprintf(" you said %d%% ·", pa.Progress)
				}
			}
		}
		switch {
		case o.Baseline != nil:
			ref += fmt.Sprintf(" agreed %d%% (baseline)", *o.Baseline)
		case p.Outcome != nil && p.Outcome.Agreed != nil:
			ref += fmt.Sprintf(" agreed %d%%", *p.Outcome.Agreed)
		default:
			ref += " nothing agreed"
		}
		lines = append(lines, ui.Truncate(s.Marker.Render("◆ ")+s.Text.Render(ref), w))
	} else if o.Baseline != nil {
		lines = append(lines, ui.Truncate(s.Marker.Render("◆ ")+s.Text.Render(fmt.Sprintf("Agreed baseline: %d%%", *o.Baseline)), w))
	}
	st := m.data.Sprint.Sprint.State
	if st == model.StateReview || st == model.StateClosed {
		os, ok := m.stats[o.ID]
		switch {
		case !m.data.FiguresShown(o.ID):
			lines = append(lines, ui.Truncate(s.Faint.Render("Others' estimates show when the facilitator reveals this objective."), w))
		case ok && os.Responses > 0:
			lines = append(lines, ui.Truncate(s.Faint.Render(fmt.Sprintf("Team: median %s%% · range %d–%d · ", export.Figure(os.Median), os.Min, os.Max))+
				s.Level(os.Level).Render(ui.LevelLabel(os.Level)), w))
		}
	} else {
		lines = append(lines, ui.Truncate(s.Faint.Render("Others' estimates stay hidden until the review."), w))
	}
	return lines
}

// storyLines lists the objective's stories in at most room lines.
func (m Model) storyLines(o model.Objective, w, room int) []string {
	s := m.deps.Styles
	list := m.stories[o.ID]
	if room <= 0 {
		return nil
	}
	if len(list) == 0 {
		return []string{s.Faint.Render("No stories linked.")}
	}
	lines := []string{s.Faint.Render(ui.Truncate(export.StoriesDone(model.StoryEvidence(o.ID, list)), w))}
	for i, st := range list {
		if len(lines) == room-1 && i < len(list)-1 {
			lines = append(lines, s.Faint.Render(fmt.Sprintf("  … and %d more", len(list)-i)))
			break
		}
		if len(lines) >= room {
			break
		}
		lines = append(lines, ui.Truncate(storyMark(s, st.Status)+" "+storyTitle(st), w))
	}
	return lines
}

// storyMark is a story status as symbol (and colour).
func storyMark(s ui.Styles, st model.StoryStatus) string {
	switch st {
	case model.StoryDone:
		return s.Success.Render("✓")
	case model.StoryDoing:
		return s.Marker.Render("◐")
	default:
		return s.Faint.Render("○")
	}
}

// storyTitle is the story's key (when set) and title.
func storyTitle(st model.Story) string {
	if st.Key != "" {
		return st.Key + " " + st.Title
	}
	return st.Title
}

// formLines: progress, confidence, abstain and note.
func (m Model) formLines(a model.Assessment, answered bool, w int) []string {
	s := m.deps.Styles
	label := func(l string) string { return s.Faint.Render(ui.PadRight(l, 12)) }
	barW := ui.Clamp(w-12-6, 5, 40)
	var progress string
	switch {
	case m.typing:
		progress = m.number.View()
	case !answered:
		o, _ := m.current()
		progress = label("Progress") + s.Faint.Render(fmt.Sprintf("not answered: type, or ←/→ from %d%%", StartPoint(o)))
	case a.Abstain:
		progress = label("Progress") + s.Faint.Render("abstained (not my area)")
	default:
		progress = label("Progress") + ui.Bar(s, a.Progress, barW) + s.Bold.Render(fmt.Sprintf(" %3d%%", a.Progress))
	}
	conf := 3
	if answered {
		conf = a.Confidence
	}
	dots := s.Accent.Render(strings.Repeat("●", ui.Clamp(conf, 0, 5))) + s.Faint.Render(strings.Repeat("○", 5-ui.Clamp(conf, 0, 5)))
	abst := "no"
	if a.Abstain {
		abst = "yes — not my area"
	}
	lines := []string{
		ui.Truncate(progress, w),
		ui.Truncate(label("Confidence")+dots+s.Text.Render(fmt.Sprintf(" %d/5", conf)), w),
		ui.Truncate(label("Abstain")+s.Text.Render(abst), w),
	}
	if m.noting {
		lines = append(lines, ui.Truncate(label("Note")+s.Faint.Render("saved as you type · enter when done"), w))
		lines = append(lines, strings.Split(m.note.View(), "\n")...)
		return lines
	}
	note := strings.TrimSpace(a.Note)
	if note == "" {
		lines = append(lines, label("Note")+s.Faint.Render("none (n to write one)"))
	} else {
		nl := ui.Wrap(note, max(1, w-12))
		lines = append(lines, label("Note")+s.Text.Render(nl[0]))
		for _, l := range nl[1:min(len(nl), 3)] {
			lines = append(lines, strings.Repeat(" ", 12)+s.Text.Render(l))
		}
	}
	return lines
}

// pickView: the member picker.
func (m Model) pickView() string {
	s := m.deps.Styles
	var b strings.Builder
	b.WriteString(s.Title.Render("Who are you?") + "\n")
	b.WriteString(s.Faint.Render(ui.Truncate("Your choice is remembered for your login on this computer. Your estimates stay private until the review.", m.width)) + "\n")
	if m.filtering || m.pickFilter.Value() != "" {
		b.WriteString(m.pickFilter.View())
	} else {
		b.WriteString(s.Faint.Render("/ to filter"))
	}
	list := m.filteredCandidates()
	if len(list) == 0 {
		b.WriteString("\n" + s.Faint.Render("No active member matches. Add members on the Plan screen (tab twice)."))
	}
	rows := max(1, m.height-pickHeadLines)
	first := ui.Window(0, m.pick, rows, len(list))
	for i := first; i < min(len(list), first+rows); i++ {
		line := fmt.Sprintf("%-14s %s", list[i].Handle, list[i].Name)
		if i == m.pick {
			line = s.Accent.Render("▸ ") + s.Selected.Render(line)
		} else {
			line = "  " + s.Text.Render(line)
		}
		b.WriteString("\n" + ui.Truncate(line, m.width))
	}
	return b.String()
}
