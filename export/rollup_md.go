package export

import (
	"encoding/json"
	"io"
	"strings"

	"github.com/align-team/align/model"
)

// WriteRollupMarkdown writes r for the organisation's wiki.
func WriteRollupMarkdown(w io.Writer, r model.Rollup) error {
	p := &printer{w: w}
	p.printf("# %s: roll-up of %s\n\n", heading(r.Org), r.Now.Format(model.DateLayout))
	p.printf("%s, %s with work. Each team is shown against its own past, never ranked.\n", Plural(len(r.Teams), "team", "teams"), Plural(len(r.Goals), "goal", "goals"))
	for _, g := range r.Goals {
		p.printf("\n## %s%s\n\n", heading(g.Goal.Title), archivedMark(g.Goal))
		if gap := RollupGapLine(g); gap != "" {
			p.printf("**%s**\n\n", inline(gap))
		}
		p.printf("| Team | Sprint | Progress | Objectives |\n| --- | --- | --- | --- |\n")
		for _, t := range g.Teams {
			objs := make([]string, len(t.Objectives))
			for i, ob := range t.Objectives {
				objs[i] = cell(RollupLine(ob))
			}
			p.printf("| %s | %s | %s | %s |\n", cell(t.Team), cell(t.Sprint), cell(RollupTeamLine(t)), strings.Join(objs, "<br>"))
		}
	}
	p.printf("\n## Goals no team works on\n\n")
	if len(r.Idle) == 0 {
		p.printf("None.\n")
	}
	for _, g := range r.Idle {
		p.printf("- %s\n", inline(g.Title))
	}
	p.printf("\n## Teams, each against its own past\n\n")
	p.printf("| Team | Latest reviewed sprint | Alignment | Predictability | Participation | Silent |\n| --- | --- | --- | --- | --- | --- |\n")
	for _, t := range r.Teams {
		silent := "no"
		if t.Silent {
			silent = strings.Join(t.SilentWhy, "; ")
		}
		p.printf("| %s | %s | %s | %s | %s | %s |\n", cell(t.Team), cell(orDash(t.Latest)), CompareText(t.Alignment, ""),
			cell(CompareText(t.Predictability, " %")), cell(CompareText(t.Participation, " %")), cell(silent))
	}
	return p.err
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

type jsonRollup struct {
	Format string          `json:"format"`
	Org    string          `json:"organisation"`
	Date   string          `json:"date"`
	Goals  []jsonGoal      `json:"goals"`
	Idle   []jsonIdle      `json:"goals_without_teams"`
	Teams  []jsonTeamTrend `json:"teams"`
}

type jsonIdle struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

type jsonGoal struct {
	ID       string         `json:"id"`
	Title    string         `json:"title"`
	Archived bool           `json:"archived"`
	Gap      *int           `json:"gap_between_teams"`
	Level    string         `json:"level_between_teams"`
	Teams    []jsonGoalTeam `json:"teams"`
}

type jsonGoalTeam struct {
	Team       string                 `json:"team"`
	Sprint     string                 `json:"sprint"`
	Planned    bool                   `json:"planned_only"`
	Progress   *int                   `json:"agreed_progress"`
	Level      string                 `json:"level"`
	Evidence   *int                   `json:"stories_done_percent"`
	Flag       bool                   `json:"evidence_flag"`
	Trend      []*int                 `json:"trend"`
	Objectives []wireObjectiveSummary `json:"objectives"`
}

type jsonCompare struct {
	Value *float64 `json:"latest"`
	Usual *float64 `json:"usual"`
}

type jsonTeamTrend struct {
	Team           string      `json:"team"`
	Organisation   string      `json:"organisation"`
	ExportedAt     string      `json:"exported_at"`
	Sprints        int         `json:"sprints"`
	Latest         string      `json:"latest_reviewed_sprint"`
	Alignment      jsonCompare `json:"alignment"`
	Predictability jsonCompare `json:"predictability"`
	Participation  jsonCompare `json:"participation"`
	Silent         []string    `json:"silent_because"`
	OwnGoals       int         `json:"objectives_on_own_goals"`
	NoGoal         int         `json:"objectives_without_goal"`
}

// WriteRollupJSON writes r as JSON for scripts.
func WriteRollupJSON(w io.Writer, r model.Rollup) error {
	out := jsonRollup{Format: "align-rollup", Org: r.Org, Date: r.Now.Format(model.DateLayout),
		Goals: []jsonGoal{}, Idle: []jsonIdle{}, Teams: []jsonTeamTrend{}}
	for _, g := range r.Goals {
		jg := jsonGoal{ID: g.Goal.ID.String(), Title: g.Goal.Title, Archived: g.Goal.Archived, Level: string(g.Level), Teams: []jsonGoalTeam{}}
		if g.HasGap {
			jg.Gap = intPtr(g.Gap)
		}
		for _, t := range g.Teams {
			jg.Teams = append(jg.Teams, jsonTeamOnGoal(t))
		}
		out.Goals = append(out.Goals, jg)
	}
	for _, g := range r.Idle {
		out.Idle = append(out.Idle, jsonIdle{ID: g.ID.String(), Title: g.Title})
	}
	for _, t := range r.Teams {
		out.Teams = append(out.Teams, jsonTeamTrend{Team: t.Team, Organisation: t.Org, ExportedAt: fmtTime(t.ExportedAt),
			Sprints: t.Sprints, Latest: t.Latest, Alignment: jsonCmp(t.Alignment), Predictability: jsonCmp(t.Predictability),
			Participation: jsonCmp(t.Participation), Silent: append([]string{}, t.SilentWhy...), OwnGoals: t.OwnGoals, NoGoal: t.NoGoal})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func jsonTeamOnGoal(t model.GoalTeam) jsonGoalTeam {
	jt := jsonGoalTeam{Team: t.Team, Sprint: t.Sprint, Planned: t.Planned, Level: string(t.Level), Flag: t.Flag,
		Trend: []*int{}, Objectives: []wireObjectiveSummary{}}
	if t.HasProgress {
		jt.Progress = intPtr(t.Progress)
	}
	if t.HasEvidence {
		jt.Evidence = intPtr(t.Evidence)
	}
	for _, p := range t.Trend {
		var v *int
		if p.Has {
			v = intPtr(p.Progress)
		}
		jt.Trend = append(jt.Trend, v)
	}
	sp := toWireSprintSummary(model.SprintSummary{Objectives: t.Objectives, Sealed: t.Planned})
	jt.Objectives = sp.Objectives
	return jt
}

func jsonCmp(c model.Compare) jsonCompare {
	var j jsonCompare
	if c.HasValue {
		v := c.Value
		j.Value = &v
	}
	if c.HasUsual {
		u := c.Usual
		j.Usual = &u
	}
	return j
}

func intPtr(v int) *int { return &v }
