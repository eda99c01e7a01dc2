package rollup

import (
	"fmt"
	"github.com/align-team/align/views/ui"
	"strings"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/charmbracelet/x/ansi"
)

// View draws the screen: a title, where the drill-down is, the list of
// the current level, the detail of the row under the cursor, and help.
func (m Model) View() string {
	if m.w < minWidth || m.h < minHeight {
		return ui.Fit(fmt.Sprintf("terminal too small for the roll-up (need %d×%d); q quits", minWidth, minHeight), m.w, m.h)
	}
	title := m.styles.Title.Render(fmt.Sprintf("%s roll-up", m.r.Org)) +
		m.styles.Faint.Render(fmt.Sprintf(" · %s · %s · %s with work", m.r.Now.Format(model.DateLayout),
			export.Plural(len(m.r.Teams), "team", "teams"), export.Plural(len(m.r.Goals), "goal", "goals")))
	helpView := m.help.View(m.keys)
	body := m.h - 3 - strings.Count(helpView, "\n") - 1 // title, crumbs, rule, help
	rows, detail := m.listRows(), m.detail()
	listH := min(len(rows), max(body/2, body-len(detail)))
	listH = max(min(listH, body-2), 1)
	first := ui.Window(0, m.cursor[m.at], listH, len(rows))
	var b strings.Builder
	b.WriteString(title + "\n" + m.styles.Bold.Render(m.crumbs()) + "\n")
	for i := first; i < min(first+listH, len(rows)); i++ {
		line := "  " + rows[i]
		if i == m.cursor[m.at] {
			line = m.styles.Selected.Render(ui.PadRight("> "+ansi.Strip(rows[i]), m.w))
		}
		b.WriteString(ui.Truncate(line, m.w) + "\n")
	}
	for i := len(rows); i < listH; i++ {
		b.WriteString("\n")
	}
	b.WriteString(m.styles.Faint.Render(strings.Repeat("─", m.w)) + "\n")
	detailH := body - listH
	for i, l := range detail {
		if i >= detailH {
			break
		}
		b.WriteString(ui.Truncate(l, m.w) + "\n")
	}
	for i := len(detail); i < detailH; i++ {
		b.WriteString("\n")
	}
	b.WriteString(helpView)
	return ui.Fit(b.String(), m.w, m.h)
}

// crumbs says where the drill-down is: "Goals › Grow revenue › Checkout".
func (m Model) crumbs() string {
	parts := []string{"Goals"}
	if m.at == levelTeamPast {
		return "Teams, each against its own past (t: back to goals)"
	}
	if g, ok := m.goal(); ok && m.at >= levelTeams {
		parts = append(parts, g.goal.Goal.Title)
	}
	if t, ok := m.team(); ok && m.at >= levelObjectives {
		parts = append(parts, t.Team)
	}
	return strings.Join(parts, " › ")
}

// listRows are the rows of the current level.
func (m Model) listRows() []string {
	var out []string
	switch m.at {
	case levelGoals:
		for _, e := range m.entries {
			out = append(out, m.goalRow(e))
		}
	case levelTeams:
		g, _ := m.goal()
		for _, t := range g.goal.Teams {
			out = append(out, fmt.Sprintf("%-14s %-12s %s", t.Team, t.Sprint, export.RollupTeamLine(t)))
		}
	case levelObjectives:
		t, _ := m.team()
		for _, ob := range t.Objectives {
			out = append(out, fmt.Sprintf("%-32s %s  %s", ansi.Truncate(stretchTitle(ob), 32, "…"), agreedText(ob.Agreed), m.level(ob.Level)))
		}
	case levelTeamPast:
		for _, t := range m.r.Teams {
			mark := ""
			if t.Silent {
				mark = m.styles.Error.Render("  silent")
			}
			out = append(out, fmt.Sprintf("%-14s alignment %s%s", t.Team, export.CompareText(t.Alignment, ""), mark))
		}
	}
	return out
}

func (m Model) goalRow(e entry) string {
	title := ui.PadRight(ansi.Truncate(e.goal.Goal.Title, 34, "…"), 34)
	if e.idle {
		return title + " " + m.styles.Faint.Render("no team works on it")
	}
	s := fmt.Sprintf("%s %-8s", title, export.Plural(len(e.goal.Teams), "team", "teams"))
	if e.goal.HasGap {
		s += " " + m.level(e.goal.Level) + fmt.Sprintf(" %d points apart", e.goal.Gap)
	} else if len(e.goal.Teams) == 1 && e.goal.Teams[0].HasProgress {
		s += fmt.Sprintf(" agreed %d %%", e.goal.Teams[0].Progress)
	}
	return s
}

func (m Model) level(l model.Level) string {
	if l == model.LevelNone {
		return m.styles.NoLevel.Render("n/a")
	}
	return m.styles.Level(l).Render(string(l))
}

func stretchTitle(ob model.ObjectiveSummary) string {
	if ob.Stretch {
		return ob.Title + " [stretch]"
	}
	return ob.Title
}

func agreedText(p *int) string {
	if p == nil {
		return "not agreed"
	}
	return fmt.Sprintf("agreed %3d %%", *p)
}
