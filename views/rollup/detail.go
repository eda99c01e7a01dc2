package rollup

import (
	"fmt"
	"strings"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
)

// detail is the pane under the list: what the row under the cursor holds.
func (m Model) detail() []string {
	switch m.at {
	case levelGoals:
		return m.goalDetail()
	case levelTeams:
		return m.teamDetail()
	case levelObjectives:
		return m.objectiveDetail()
	case levelTeamPast:
		return m.pastDetail()
	}
	return nil
}

func (m Model) goalDetail() []string {
	e, ok := m.goal()
	if !ok {
		return []string{m.styles.Faint.Render("The organisation has no goals yet (align org goal add).")}
	}
	out := []string{m.styles.Bold.Render(e.goal.Goal.Title)}
	if d := strings.TrimSpace(e.goal.Goal.Description); d != "" {
		out = append(out, m.styles.Faint.Render(d))
	}
	if e.idle {
		return append(out, fmt.Sprintf("No team works on it in its last %s.", "sprints"))
	}
	if gap := export.RollupGapLine(e.goal); gap != "" {
		out = append(out, m.styles.Level(e.goal.Level).Render(gap))
	}
	for _, t := range e.goal.Teams {
		out = append(out, fmt.Sprintf("%s, %s: %s", t.Team, t.Sprint, export.RollupTeamLine(t)))
	}
	return append(out, m.styles.Faint.Render("enter: the teams working on it"))
}

func (m Model) teamDetail() []string {
	t, ok := m.team()
	if !ok {
		return nil
	}
	out := []string{m.styles.Bold.Render(t.Team+", "+t.Sprint) + ": " + export.RollupTeamLine(t)}
	for _, ob := range t.Objectives {
		out = append(out, "- "+export.RollupLine(ob))
	}
	for _, tr := range m.r.Teams {
		if tr.Team == t.Team {
			out = append(out, pastLine(tr))
		}
	}
	return append(out, m.styles.Faint.Render("enter: its objectives"))
}

func (m Model) objectiveDetail() []string {
	ob, ok := m.objective()
	if !ok {
		return nil
	}
	e := ob.Evidence
	out := []string{m.styles.Bold.Render(stretchTitle(ob)),
		"agreed     " + agreedPlain(ob.Agreed) + discussed(ob.Discussed),
		fmt.Sprintf("responses  %d (%d abstained)", ob.Responses, ob.Abstained)}
	if ob.Level != model.LevelNone {
		out = append(out, fmt.Sprintf("estimates  median %s, spread %d: ", export.Figure(ob.Median), ob.Spread)+m.level(ob.Level))
	} else {
		out = append(out, "estimates  "+m.styles.Faint.Render("fewer than two responses"))
	}
	if e.HasEvidence {
		s := fmt.Sprintf("stories    %d/%d done", e.StoriesDone, e.Stories)
		if e.Points > 0 {
			s += fmt.Sprintf(", %d/%d points", e.PointsDone, e.Points)
		}
		s += fmt.Sprintf(": %d %%", e.DonePercent)
		if e.Flag {
			s += m.styles.Error.Render("  far from the team's median")
		}
		out = append(out, s)
	} else {
		out = append(out, "stories    "+m.styles.Faint.Render("none"))
	}
	if ob.Baseline != nil {
		out = append(out, fmt.Sprintf("baseline   %d %%, carried from an earlier sprint", *ob.Baseline))
	}
	return out
}

func (m Model) pastDetail() []string {
	i := m.cursor[levelTeamPast]
	if i < 0 || i >= len(m.r.Teams) {
		return []string{m.styles.Faint.Render("No team summaries yet.")}
	}
	t := m.r.Teams[i]
	out := []string{m.styles.Bold.Render(t.Team), pastLine(t)}
	for _, why := range t.SilentWhy {
		out = append(out, m.styles.Error.Render("silent: "+why))
	}
	if t.OwnGoals+t.NoGoal > 0 {
		out = append(out, fmt.Sprintf("%d objectives on the team's own goals, %d on none", t.OwnGoals, t.NoGoal))
	}
	return out
}

func pastLine(t model.TeamRollup) string {
	latest := t.Latest
	if latest == "" {
		latest = "no reviewed sprint"
	}
	return fmt.Sprintf("%s: alignment %s, predictability %s, participation %s", latest,
		export.CompareText(t.Alignment, ""), export.CompareText(t.Predictability, " %"), export.CompareText(t.Participation, " %"))
}

func discussed(d bool) string {
	if d {
		return ", discussed"
	}
	return ", not discussed"
}

func agreedPlain(p *int) string {
	if p == nil {
		return "not yet"
	}
	return fmt.Sprintf("%d %%", *p)
}
