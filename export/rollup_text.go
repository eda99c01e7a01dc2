package export

// The roll-up as plain text (a terminal) and as markdown (the
// organisation's wiki). Teams are listed by name, never ranked: each is
// shown against its own past.

import (
	"fmt"
	"io"
	"strings"

	"github.com/align-team/align/model"
)

// RollupLine is one objective of a team's work on a goal, in words:
// "Checkout in three steps: agreed 80 %, median 75, spread 10 (aligned),
// stories 3/4 done".
func RollupLine(ob model.ObjectiveSummary) string {
	var parts []string
	if ob.Agreed != nil {
		parts = append(parts, fmt.Sprintf("agreed %d %%", *ob.Agreed))
	} else {
		parts = append(parts, "not agreed")
	}
	if ob.Level != model.LevelNone {
		parts = append(parts, fmt.Sprintf("median %s, spread %d (%s)", Figure(ob.Median), ob.Spread, ob.Level))
	}
	parts = append(parts, Plural(ob.Responses, "response", "responses"))
	if ob.Evidence.HasEvidence {
		e := fmt.Sprintf("stories %d/%d done", ob.Evidence.StoriesDone, ob.Evidence.Stories)
		if ob.Evidence.Flag {
			e += " (far from the team's median)"
		}
		parts = append(parts, e)
	} else {
		parts = append(parts, "no stories")
	}
	if !ob.Discussed {
		parts = append(parts, "not discussed")
	}
	title := ob.Title
	if ob.Stretch {
		title += " [stretch]"
	}
	return title + ": " + strings.Join(parts, ", ")
}

// RollupTeamLine sums up one team's work on a goal: "agreed 80 %
// (aligned), stories 75 % done, trend 40 → 60 → 80".
func RollupTeamLine(gt model.GoalTeam) string {
	if gt.Planned {
		return "planned in " + gt.Sprint + ", not reviewed yet"
	}
	var parts []string
	if gt.HasProgress {
		parts = append(parts, fmt.Sprintf("agreed %d %%", gt.Progress))
	} else {
		parts = append(parts, "nothing agreed yet")
	}
	if gt.Level != model.LevelNone {
		parts[0] += fmt.Sprintf(" (%s)", gt.Level)
	}
	if gt.HasEvidence {
		s := fmt.Sprintf("stories %d %% done", gt.Evidence)
		if gt.Flag {
			s += ", evidence gap"
		}
		parts = append(parts, s)
	}
	if tr := trendText(gt.Trend); tr != "" {
		parts = append(parts, "trend "+tr)
	}
	return strings.Join(parts, ", ")
}

func trendText(pts []model.TrendPoint) string {
	var vals []string
	for _, p := range pts {
		if p.Has {
			vals = append(vals, fmt.Sprint(p.Progress))
		}
	}
	if len(vals) < 2 {
		return ""
	}
	return strings.Join(vals, " → ")
}

// RollupGapLine says how far apart the teams on a goal are, "" when fewer
// than two teams agreed a value.
func RollupGapLine(g model.GoalRollup) string {
	if !g.HasGap {
		return ""
	}
	lo, hi := 101, -1
	for _, t := range g.Teams {
		if t.HasProgress {
			lo, hi = min(lo, t.Progress), max(hi, t.Progress)
		}
	}
	switch g.Level {
	case model.LevelAligned:
		return fmt.Sprintf("teams agree: %d–%d %%", lo, hi)
	case model.LevelDivergent:
		return fmt.Sprintf("teams differ (divergent): agreed %d %% to %d %%", lo, hi)
	}
	return fmt.Sprintf("teams far apart (split): agreed %d %% to %d %%; ask them why before relying on either", lo, hi)
}

// CompareText is "88 (usual 80, +8)", "88 (no past yet)" or "-".
func CompareText(c model.Compare, unit string) string {
	if !c.HasValue {
		if c.HasUsual {
			return fmt.Sprintf("- (usual %.0f%s)", c.Usual, unit)
		}
		return "-"
	}
	s := fmt.Sprintf("%.0f%s", c.Value, unit)
	if !c.HasUsual {
		return s + " (no past yet)"
	}
	return fmt.Sprintf("%s (usual %.0f%s, %+.0f)", s, c.Usual, unit, c.Delta())
}

// WriteRollupText writes r for a terminal.
func WriteRollupText(w io.Writer, r model.Rollup) error {
	p := &printer{w: w}
	p.printf("%s: %s, %s with work (roll-up of %s)\n", r.Org, Plural(len(r.Teams), "team", "teams"), Plural(len(r.Goals), "goal", "goals"), r.Now.Format(model.DateLayout))
	for _, g := range r.Goals {
		p.printf("\n%s%s\n", g.Goal.Title, archivedMark(g.Goal))
		if gap := RollupGapLine(g); gap != "" {
			p.printf("  %s\n", gap)
		}
		for _, t := range g.Teams {
			p.printf("  %s, %s: %s\n", t.Team, t.Sprint, RollupTeamLine(t))
			for _, ob := range t.Objectives {
				p.printf("    - %s\n", RollupLine(ob))
			}
		}
	}
	p.printf("\nGoals no team works on\n")
	if len(r.Idle) == 0 {
		p.printf("  (none)\n")
	}
	for _, g := range r.Idle {
		p.printf("  %s\n", g.Title)
	}
	p.printf("\nTeams, each against its own past (latest reviewed sprint; usual: the sprints before it)\n")
	for _, t := range r.Teams {
		latest := t.Latest
		if latest == "" {
			latest = "no reviewed sprint"
		}
		p.printf("  %s, %s: alignment %s, predictability %s, participation %s\n", t.Team, latest,
			CompareText(t.Alignment, ""), CompareText(t.Predictability, " %"), CompareText(t.Participation, " %"))
	}
	p.printf("\nSilent teams\n")
	silent := 0
	for _, t := range r.Teams {
		if t.Silent {
			silent++
			p.printf("  %s: %s\n", t.Team, strings.Join(t.SilentWhy, "; "))
		}
	}
	if silent == 0 {
		p.printf("  (none)\n")
	}
	return p.err
}

func archivedMark(g model.Goal) string {
	if g.Archived {
		return " (archived)"
	}
	return ""
}

// printer writes formatted lines, remembering the first error.
type printer struct {
	w   io.Writer
	err error
}

func (p *printer) printf(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}
