package views

import (
	"fmt"
	"strings"

	"github.com/align-team/align/model"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// Lines above the agenda list.
const reviewHeadLines = 2

// listWidth is the width of the agenda on the left.
func (m Review) listWidth() int { return clamp(m.width/4, 16, 30) }

// detailWidth is the width of the objective's detail on the right.
func (m Review) detailWidth() int { return max(10, m.width-m.listWidth()-2) }

// listRows is how many agenda items show.
func (m Review) listRows() int { return max(1, m.height-reviewHeadLines) }

// mouse: the wheel moves through the agenda (or the actions), a click on
// the agenda selects.
func (m Review) mouse(msg tea.MouseMsg) Review {
	up, down := msg.Button == tea.MouseButtonWheelUp, msg.Button == tea.MouseButtonWheelDown
	if m.mode == modeActions {
		switch {
		case up:
			m.act = clamp(m.act-1, 0, max(0, len(m.prev)-1))
		case down:
			m.act = clamp(m.act+1, 0, max(0, len(m.prev)-1))
		}
		return m
	}
	if m.mode != modeAgenda {
		return m
	}
	n := len(m.agenda)
	switch {
	case up:
		m.cursor = clamp(m.cursor-1, 0, max(0, n-1))
	case down:
		m.cursor = clamp(m.cursor+1, 0, max(0, n-1))
	case msg.Button == tea.MouseButtonLeft && msg.Action == tea.MouseActionPress && msg.X < m.listWidth():
		if i := m.first + msg.Y - reviewHeadLines; msg.Y >= reviewHeadLines && i < n {
			m.cursor = i
		}
	}
	m.first = window(m.first, m.cursor, m.listRows(), n)
	return m
}

// View renders the screen.
func (m Review) View() string {
	s := m.deps.styles
	switch {
	case !m.loaded:
		return s.Faint.Render("Loading the workspace…")
	case !m.data.HasSprint:
		return s.Title.Render("No sprint to review yet") + "\n" + s.Faint.Render("Create one on the Plan screen (4).")
	case m.mode == modeActions:
		return m.actionsView()
	case len(m.agenda) == 0:
		return m.headView() + "\n" + s.Faint.Render("This sprint has no objectives to review.")
	}
	return m.headView() + "\n" + lipgloss.JoinHorizontal(lipgloss.Top,
		s.Plain.Width(m.listWidth()).Render(fit(m.agendaView(), m.listWidth()-1, m.listRows())),
		"  ", fit(m.detailView(), m.detailWidth(), m.height-reviewHeadLines))
}

// headView: the sprint, submissions and the review's state.
func (m Review) headView() string {
	s := m.deps.styles
	r := m.data.Report
	sp := m.data.Sprint.Sprint
	discussed := 0
	for _, st := range m.agenda {
		if m.outcomes[st.Objective.ID].Discussed {
			discussed++
		}
	}
	line1 := s.Title.Render("Review · "+sp.Name) + s.Faint.Render(fmt.Sprintf(" · %d of %d submitted · %d of %d discussed", r.Submitted, r.Expected, discussed, len(m.agenda)))
	var line2 string
	switch sp.State {
	case model.StateReview:
		line2 = s.Faint.Render("Agenda: most disputed first.")
		if f := m.followLine(); f != "" {
			line2 += s.Accent.Render(f)
		}
		if m.anonymous {
			line2 += s.Accent.Render(" Anonymous: estimates unnamed; action owners shown (x).")
		}
	case model.StateClosed:
		line2 = s.Faint.Render("This sprint is closed: the review is read-only.")
	default:
		line2 = s.Marker.Render(fmt.Sprintf("The sprint is %s: estimates are revealed in review. Press R to move it to review.", sp.State))
	}
	return truncate(line1, m.width) + "\n" + truncate(line2, m.width)
}

// agendaView: one line per objective, the level only once revealed.
func (m Review) agendaView() string {
	s := m.deps.styles
	w := m.listWidth() - 1
	var lines []string
	end := min(len(m.agenda), m.first+m.listRows())
	for i := m.first; i < end; i++ {
		st := m.agenda[i]
		o := m.outcomes[st.Objective.ID]
		mark := s.Faint.Render("·")
		switch {
		case o.Discussed:
			mark = s.Success.Render("✓")
		case m.revealed(st.Objective.ID):
			mark = s.Level(st.Level).Render(strings.Fields(LevelLabel(st.Level))[0])
		}
		title := truncate(st.Objective.Title, max(1, w-4))
		cur := "  "
		if i == m.cursor {
			cur = s.Accent.Render("▸ ")
			title = s.Selected.Render(padRight(title, max(1, w-4)))
		}
		lines = append(lines, cur+mark+" "+title)
	}
	return strings.Join(lines, "\n")
}

// detailView: the objective, hidden or revealed, and what was recorded.
func (m Review) detailView() string {
	s := m.deps.styles
	st, _ := m.current()
	w := m.detailWidth()
	id := st.Objective.ID
	lines := []string{truncate(s.Title.Render(fmt.Sprintf("%d/%d  ", m.cursor+1, len(m.agenda))+st.Objective.Title), w)}
	if g := m.data.goalTitle(st.Objective.GoalID); g != "" {
		lines = append(lines, truncate(s.Faint.Render("Goal: "+g), w))
	}
	answered := st.Responses + st.Abstained
	if !m.revealed(id) {
		lines = append(lines, "", s.Bold.Render(fmt.Sprintf("%d of %d submitted", answered, m.data.Report.Expected)))
		switch {
		case m.revealable() && m.deps.facilitator:
			lines = append(lines, s.Faint.Render("Estimates are hidden. Press space to reveal them."))
		case m.revealable():
			lines = append(lines, s.Faint.Render("Estimates are hidden until the facilitator reveals them."))
		}
		return strings.Join(append(lines, m.recordLines(st, w)...), "\n")
	}
	resp := fmt.Sprintf("%d responses", st.Responses)
	if st.Abstained > 0 {
		resp += fmt.Sprintf(" · %d abstained", st.Abstained)
	}
	lines = append(lines, s.Bold.Render(truncate(resp, w)))
	if st.Responses > 0 {
		lines = append(lines, dotPlot(s, st, w, m.anonymous)...)
		lines = append(lines, truncate(s.Text.Render(fmt.Sprintf("median %s · range %d–%d · spread %d · SD %.1f · ", figure(st.Median), st.Min, st.Max, st.Spread, st.StdDev))+
			s.Level(st.Level).Render(LevelLabel(st.Level)), w))
	}
	lines = append(lines, m.evidenceLines(st, w)...)
	lines = append(lines, m.recordLines(st, w)...)
	lines = append(lines, m.noteLines(st, w)...)
	return strings.Join(lines, "\n")
}

// evidenceLines: outliers and what the stories say.
func (m Review) evidenceLines(st model.ObjectiveStats, w int) []string {
	s := m.deps.styles
	var out []string
	if len(st.Outliers) > 0 {
		if m.anonymous {
			out = append(out, s.Error.Render(truncate(fmt.Sprintf("Outliers: %d (names hidden)", len(st.Outliers)), w)))
		} else {
			var named []string
			for _, e := range st.Estimates {
				if e.Outlier {
					named = append(named, fmt.Sprintf("%s (%d)", e.Handle, e.Progress))
				}
			}
			out = append(out, s.Error.Render(truncate("Outliers: "+strings.Join(named, ", "), w)))
		}
	}
	ev := st.Evidence
	if ev.HasEvidence {
		line := fmt.Sprintf("Stories: %d of %d done (%d%%)", ev.StoriesDone, ev.Stories, ev.DonePercent)
		if ev.Flag {
			line += fmt.Sprintf(" ⚑ %d points from the team's median", ev.Gap)
			out = append(out, s.Marker.Render(truncate(line, w)))
		} else {
			out = append(out, s.Faint.Render(truncate(line, w)))
		}
	} else {
		out = append(out, s.Faint.Render("No stories linked."))
	}
	return out
}

// recordLines: agreed value, discussion notes, action items, or the editor
// being used.
func (m Review) recordLines(st model.ObjectiveStats, w int) []string {
	s := m.deps.styles
	o := m.outcomes[st.Objective.ID]
	var out []string
	switch m.mode {
	case modeAgree:
		out = append(out, m.agree.View())
	default:
		agreed := s.Faint.Render("not yet (v)")
		if o.Agreed != nil {
			agreed = s.Success.Render(fmt.Sprintf("%d%%", *o.Agreed))
		}
		disc := ""
		if o.Discussed {
			disc = s.Success.Render("  ✓ discussed")
		}
		out = append(out, truncate(s.Bold.Render("Agreed: ")+agreed+disc, w))
	}
	if m.mode == modeNotes {
		out = append(out, s.Faint.Render("Discussion notes — esc when done"))
		out = append(out, strings.Split(m.notes.View(), "\n")...)
	} else if n := strings.TrimSpace(o.Notes); n != "" {
		nl := wrap(n, max(1, w-7))
		out = append(out, truncate(s.Bold.Render("Notes: ")+s.Text.Render(nl[0]), w))
		for _, l := range nl[1:min(len(nl), 3)] {
			out = append(out, "       "+s.Text.Render(l))
		}
	}
	for _, a := range m.actions {
		if a.ObjectiveID == st.Objective.ID {
			out = append(out, truncate(s.Text.Render("☐ "+a.Text)+s.Faint.Render(" — "+m.ownerName(a.OwnerID)), w))
		}
	}
	if m.mode == modeNewAction {
		members := m.data.activeMembers()
		owner := "nobody"
		if m.owner >= 0 && m.owner < len(members) {
			owner = members[m.owner].Handle
		}
		out = append(out, m.action.View(), truncate(s.Faint.Render("Owner: ")+s.Accent.Render(owner)+s.Faint.Render(" (tab to change)"), w))
	}
	return out
}

// noteLines: everyone's estimate, confidence and note.
func (m Review) noteLines(st model.ObjectiveStats, w int) []string {
	s := m.deps.styles
	var out []string
	list := st.Estimates // by estimate, then handle
	if m.anonymous {
		list = m.unnamed[st.Objective.ID]
	}
	for _, e := range list {
		who := e.Handle
		if m.anonymous {
			who = "—"
		}
		note := strings.ReplaceAll(strings.TrimSpace(e.Note), "\n", " ")
		line := s.Bold.Render(padRight(truncate(who, 10), 10)) + s.Text.Render(fmt.Sprintf(" %3d%% c%d ", e.Progress, e.Confidence))
		if note != "" {
			line += s.Faint.Render(note)
		}
		out = append(out, truncate(line, w))
	}
	return out
}

// actionsView: last sprint's open action items, to tick off first.
func (m Review) actionsView() string {
	s := m.deps.styles
	name := m.data.Previous.Sprint.Name
	lines := []string{
		s.Title.Render(truncate("Before the agenda: action items from "+name, m.width)),
		s.Faint.Render(truncate("Tick off what is done (space), then enter for the agenda.", m.width)),
		"",
	}
	rows := max(1, m.height-len(lines))
	first := window(0, m.act, rows, len(m.prev))
	for i := first; i < min(len(m.prev), first+rows); i++ {
		a := m.prev[i]
		box := "[ ]"
		if a.Done {
			box = s.Success.Render("[x]")
		}
		line := box + " " + a.Text + s.Faint.Render(" — "+m.ownerName(a.OwnerID))
		if i == m.act {
			line = s.Accent.Render("▸ ") + line
		} else {
			line = "  " + line
		}
		lines = append(lines, truncate(line, m.width))
	}
	return strings.Join(lines, "\n")
}
