package review

import (
	"fmt"
	"strings"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/align-team/align/views/ui"
	"github.com/charmbracelet/x/ansi"
)

// detailPane is the objective's detail as lines: a title pinned at the top
// and a body that scrolls (pgup/pgdn, the wheel). The input being edited,
// if any, is body[in0:in1]: it sits right below the figures, before the
// notes, and is always scrolled into view.
type detailPane struct {
	title    string
	body     []string
	in0, in1 int
}

// withInput appends the lines of the input being edited and marks them.
func (p detailPane) withInput(lines []string) detailPane {
	p.in0 = len(p.body)
	p.body = append(p.body, lines...)
	p.in1 = len(p.body)
	return p
}

// window returns the first body line shown in rows lines, starting from
// scroll but moved so that the input shows, and how many lines are cut
// below it (the last row then says "+N more (pgdn)" instead).
func (p detailPane) window(scroll, rows int) (first, below int) {
	n := len(p.body)
	if rows <= 0 || n <= rows {
		return 0, 0
	}
	last := n - rows // scrolled to the end: every row is content
	first = ui.Clamp(scroll, 0, last)
	if p.in1 > p.in0 {
		if first < last && p.in1 > first+rows-1 {
			first = min(last, p.in1-(rows-1))
		}
		if p.in0 < first {
			first = p.in0
		}
	}
	if first < last {
		below = n - (first + rows - 1)
	}
	return first, below
}

// detailRows is the height of the detail pane's body, below its title.
func (m Model) detailRows() int { return max(0, m.height-reviewHeadLines-1) }

// maxScroll is the furthest the detail body scrolls.
func (m Model) maxScroll() int {
	return max(0, len(m.detailPane().body)-m.detailRows())
}

// scrollBy scrolls the detail body by n lines (up when negative).
func (m Model) scrollBy(n int) Model {
	m.scroll = ui.Clamp(m.scroll+n, 0, m.maxScroll())
	return m
}

// detailPage is how far pgup/pgdn scroll: a page, keeping a line of context.
func (m Model) detailPage() int { return max(1, m.detailRows()-2) }

// detailView renders the visible part of the detail pane.
func (m Model) detailView() string {
	s := m.deps.Styles
	w := m.detailWidth()
	p := m.detailPane()
	rows := m.detailRows()
	first, below := p.window(m.scroll, rows)
	title := p.title
	if first > 0 {
		up := s.Faint.Render(fmt.Sprintf("  ↑ %d more (pgup)", first))
		title = ui.Truncate(title, max(1, w-ansi.StringWidth(up))) + up
	}
	lines := []string{ui.Truncate(title, w)}
	end := min(len(p.body), first+rows)
	if below > 0 {
		end = first + rows - 1
	}
	lines = append(lines, p.body[first:end]...)
	if below > 0 {
		lines = append(lines, s.Faint.Render(ui.Truncate(fmt.Sprintf("+%d more lines (pgdn)", below), w)))
	}
	return strings.Join(lines, "\n")
}

// detailPane lays out the objective, hidden or revealed, the input being
// edited, what was recorded and everyone's notes.
func (m Model) detailPane() detailPane {
	s := m.deps.Styles
	st, _ := m.current()
	w := m.detailWidth()
	p := detailPane{title: ui.Truncate(s.Title.Render(fmt.Sprintf("%d/%d  ", m.cursor+1, len(m.agenda))+st.Objective.Title), w)}
	if g := m.data.GoalTitle(st.Objective.GoalID); g != "" {
		p.body = append(p.body, ui.Truncate(s.Faint.Render("Goal: "+g), w))
	}
	if !m.revealed(st.Objective.ID) {
		answered := st.Responses + st.Abstained
		p.body = append(p.body, "", s.Bold.Render(ui.Truncate(fmt.Sprintf("%d of %d answered this objective", answered, m.data.Report.Expected), w)))
		switch {
		case m.revealable() && m.deps.Facilitator:
			p.body = append(p.body, s.Faint.Render(ui.Truncate("Estimates are hidden. Press space to reveal them.", w)))
		case m.revealable():
			p.body = append(p.body, s.Faint.Render(ui.Truncate("Estimates are hidden until the facilitator reveals them.", w)))
		}
		p = p.withInput(m.inputLines(w))
		p.body = append(p.body, m.recordLines(st, w)...)
		return p
	}
	resp := export.Plural(st.Responses, "response", "responses")
	if st.Abstained > 0 {
		resp += fmt.Sprintf(" · %d abstained", st.Abstained)
	}
	p.body = append(p.body, s.Bold.Render(ui.Truncate(resp, w)))
	if st.Responses > 0 {
		// The plot marks the agreed value as recorded here, which may be
		// newer than the analysis's copy until the next load.
		if o, ok := m.outcomes[st.Objective.ID]; ok {
			st.Outcome = &o
		}
		p.body = append(p.body, dotPlot(s, st, w, m.anonymous)...)
		p.body = append(p.body, m.figuresLine(st, w))
		p.body = append(p.body, m.round2Lines(st, w)...)
	}
	p = p.withInput(m.inputLines(w))
	p.body = append(p.body, m.evidenceLines(st, w)...)
	p.body = append(p.body, m.contextLines(st, w)...)
	p.body = append(p.body, m.recordLines(st, w)...)
	p.body = append(p.body, m.noteLines(st, w)...)
	return p
}

// figuresLine: the median (▲ on the plot), range, spread, SD and level; on
// a narrow pane SD and then the range (the plot shows it) make way, never
// the spread, the figure the agenda is ordered by. With one response there
// is nothing to compare, and the line says so.
func (m Model) figuresLine(st model.ObjectiveStats, w int) string {
	s := m.deps.Styles
	med := "▲ median " + export.Figure(st.Median)
	if st.Level == model.LevelNone {
		return s.Text.Render(ui.Truncate(med+" · one response, nothing to compare yet", w))
	}
	level := ui.LevelLabel(st.Level)
	for _, parts := range [][]string{
		{med, fmt.Sprintf("range %d–%d", st.Min, st.Max), fmt.Sprintf("spread %d", st.Spread), "SD " + export.OneDecimal(st.StdDev)},
		{med, fmt.Sprintf("range %d–%d", st.Min, st.Max), fmt.Sprintf("spread %d", st.Spread)},
		{med, fmt.Sprintf("spread %d", st.Spread)},
	} {
		text := strings.Join(parts, " · ") + " · "
		if ansi.StringWidth(text+level) <= w {
			return s.Text.Render(text) + s.Level(st.Level).Render(level)
		}
	}
	return ui.Truncate(s.Text.Render(med+" · ")+s.Level(st.Level).Render(level), w)
}

// evidenceLines: outliers and what the stories say (◆ on the plot).
func (m Model) evidenceLines(st model.ObjectiveStats, w int) []string {
	s := m.deps.Styles
	var out []string
	if len(st.Outliers) > 0 {
		if m.anonymous {
			out = append(out, s.Error.Render(ui.Truncate(fmt.Sprintf("Outliers: %d (names hidden)", len(st.Outliers)), w)))
		} else {
			var named []string
			for _, e := range st.Estimates {
				if e.Outlier {
					named = append(named, fmt.Sprintf("%s (%d)", e.Handle, e.Progress))
				}
			}
			out = append(out, s.Error.Render(ui.Truncate("Outliers: "+strings.Join(named, ", "), w)))
		}
	}
	ev := st.Evidence
	if ev.HasEvidence {
		line := "◆ " + export.StoriesDone(ev)
		if ev.Flag {
			line += fmt.Sprintf(" ⚑ %d points from the team's median", ev.Gap)
			out = append(out, s.Marker.Render(ui.Truncate(line, w)))
		} else {
			out = append(out, s.Faint.Render(ui.Truncate(line, w)))
		}
	} else {
		out = append(out, s.Faint.Render("No stories linked."))
	}
	return out
}

// inputLines: the input being edited (agreed value, discussion notes, a new
// action item and its owner), or nothing.
func (m Model) inputLines(w int) []string {
	s := m.deps.Styles
	switch m.mode {
	case modeAgree:
		return []string{m.agree.View()}
	case modeNotes:
		return append([]string{s.Faint.Render(ui.Truncate("Discussion notes — enter or esc when done", w))}, strings.Split(m.notes.View(), "\n")...)
	case modeNewAction:
		members := m.data.ActiveMembers()
		owner := "nobody"
		if m.owner >= 0 && m.owner < len(members) {
			owner = members[m.owner].Handle
		}
		return []string{m.action.View(), ui.Truncate(s.Faint.Render("Owner: ")+s.Accent.Render(owner)+s.Faint.Render(" (tab to change)"), w)}
	}
	return nil
}

// recordLines: the agreed value, discussion notes and action items, except
// what is being edited. Keys are hinted only to whoever may use them.
func (m Model) recordLines(st model.ObjectiveStats, w int) []string {
	s := m.deps.Styles
	o := m.outcomes[st.Objective.ID]
	var out []string
	if m.mode != modeAgree {
		agreed := "not yet"
		if m.recording() {
			agreed += " (v)"
		}
		agreed = s.Faint.Render(agreed)
		if o.Agreed != nil {
			agreed = s.Success.Render(fmt.Sprintf("%d%% ★", *o.Agreed))
		}
		if o.Uncertain {
			agreed = s.Error.Render("uncertain: needs information")
		}
		disc := ""
		if o.Discussed {
			disc = s.Success.Render("  " + DiscussedMark + " discussed")
		}
		out = append(out, ui.Truncate(s.Bold.Render("Agreed: ")+agreed+disc, w))
	}
	if o.Uncertain {
		out = append(out, ui.Truncate(s.Bold.Render("Question: ")+s.Text.Render(m.questionText(o)), w))
	}
	if n := strings.TrimSpace(o.Notes); n != "" && m.mode != modeNotes {
		nl := ui.Wrap(n, max(1, w-7))
		out = append(out, ui.Truncate(s.Bold.Render("Notes: ")+s.Text.Render(nl[0]), w))
		for _, l := range nl[1:min(len(nl), 3)] {
			out = append(out, "       "+s.Text.Render(l))
		}
	}
	for _, a := range m.actions {
		if a.ObjectiveID == st.Objective.ID {
			out = append(out, ui.Truncate(s.Text.Render("☐ "+a.Text)+s.Faint.Render(" — "+m.ownerName(a.OwnerID)), w))
		}
	}
	return out
}

// noteLines: everyone's estimate, confidence and note.
func (m Model) noteLines(st model.ObjectiveStats, w int) []string {
	s := m.deps.Styles
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
		head := s.Bold.Render(ui.PadRight(ui.Truncate(who, 10), 10)) + s.Text.Render(fmt.Sprintf(" %3d%% c%d%s ", e.Progress, e.Confidence, m.lateMark(e)))
		// Notes wrap under their author (the pane scrolls), so the whole
		// of what someone wrote can be read out in the review.
		indent := ansi.StringWidth(head)
		if note == "" || w-indent < 12 {
			out = append(out, ui.Truncate(head+s.Faint.Render(note), w))
			continue
		}
		for i, l := range ui.Wrap(note, w-indent) {
			if i == 0 {
				out = append(out, ui.Truncate(head+s.Faint.Render(l), w))
			} else {
				out = append(out, strings.Repeat(" ", indent)+s.Faint.Render(l))
			}
		}
	}
	return out
}
