package model

// A team's summary: what leaves a team for the organisation's roll-up.
// Aggregates only: per sprint and objective the figures of the review,
// never a member's handle, name, estimate, note or action.

import (
	"math"
	"time"

	"github.com/google/uuid"
)

// TeamSummary is one team's history in aggregates.
type TeamSummary struct {
	Team       string
	Org        string // the organisation the team follows, if any
	ExportedAt time.Time
	// Total is the number of sprints in the team's history; Sprints holds
	// them all, or only the latest when read for a roll-up.
	Total   int
	Sprints []SprintSummary // in start order
}

// SprintSummary is one sprint in aggregates.
type SprintSummary struct {
	Name       string
	Start, End time.Time
	State      SprintState
	// Members is the number of active members expected to assess, and
	// Answered how many of them answered every objective; Participation
	// is Answered as a share of Members (0–100), 0 without members.
	Members, Answered, Participation int
	Score                            float64 // alignment score, valid when HasScore
	HasScore                         bool
	// Sealed: the sprint is before its review, so its estimates are
	// sealed and the summary carries no figure drawn from them (median,
	// spread, level, score): nobody anchors on them before the reveal.
	Sealed     bool
	Objectives []ObjectiveSummary // in plan order
}

// ObjectiveSummary is one objective in aggregates: how many answered, how
// far apart they were, what was agreed, and what the stories say.
type ObjectiveSummary struct {
	Title     string
	GoalID    uuid.UUID // uuid.Nil when linked to no goal
	Goal      string    // the goal's title
	Stretch   bool
	Responses int
	Abstained int
	Median    float64
	Spread    int
	Level     Level
	Agreed    *int // nil until agreed
	Baseline  *int // progress agreed where it was carried from
	Discussed bool
	Evidence  SummaryEvidence
}

// SummaryEvidence is the share of an objective's stories done.
type SummaryEvidence struct {
	Stories, StoriesDone, Points, PointsDone int
	DonePercent                              int
	HasEvidence, Flag                        bool
}

// Summarize builds team's summary from its live sprints: every figure the
// review shows, and no member's identity or words.
func Summarize(team, org string, goals []Goal, members []Member, sprints []SprintData, s Settings, now time.Time) TeamSummary {
	title := make(map[uuid.UUID]string, len(goals))
	for _, g := range goals {
		if !g.Deleted {
			title[g.ID] = g.Title
		}
	}
	out := TeamSummary{Team: team, Org: org, ExportedAt: now.UTC()}
	for _, d := range liveSprintData(sprints) {
		r := Analyze(d, members, s)
		ss := SprintSummary{Name: d.Sprint.Name, Start: d.Sprint.Start, End: d.Sprint.End, State: d.Sprint.State,
			Members: r.Expected, Answered: r.Submitted, Score: round1(r.Score), HasScore: r.HasScore}
		if r.Expected > 0 {
			ss.Participation = percent(r.Submitted, r.Expected)
		}
		ss.Sealed = EstimatesSealed(d.Sprint.State)
		if ss.Sealed {
			ss.Score, ss.HasScore = 0, false
		}
		for _, st := range r.Objectives {
			o := st.Objective
			if ss.Sealed {
				st.Median, st.Spread, st.Level, st.Evidence.Gap, st.Evidence.Flag = 0, 0, LevelNone, 0, false
			}
			os := ObjectiveSummary{Title: o.Title, Stretch: o.Stretch, Responses: st.Responses, Abstained: st.Abstained,
				Median: round1(st.Median), Spread: st.Spread, Level: st.Level, Baseline: copyIntPtr(o.Baseline)}
			if gt, ok := title[o.GoalID]; ok {
				os.GoalID, os.Goal = o.GoalID, gt
			}
			if st.Outcome != nil {
				os.Agreed, os.Discussed = copyIntPtr(st.Outcome.Agreed), st.Outcome.Discussed
			}
			e := st.Evidence
			os.Evidence = SummaryEvidence{Stories: e.Stories, StoriesDone: e.StoriesDone, Points: e.Points, PointsDone: e.PointsDone,
				DonePercent: e.DonePercent, HasEvidence: e.HasEvidence, Flag: e.Flag}
			ss.Objectives = append(ss.Objectives, os)
		}
		out.Sprints = append(out.Sprints, ss)
	}
	out.Total = len(out.Sprints)
	return out
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

func copyIntPtr(p *int) *int {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
