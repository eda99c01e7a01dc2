package model

// The organisation's roll-up: per organisation goal, the teams working on
// it and what they agreed; goals nobody works on; teams gone silent; and
// each team against its own past (never ranked against the others: a
// matrix used to judge teams makes teams hide their problems).

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
)

// RollupOptions tune the roll-up.
type RollupOptions struct {
	// Window is how many of a team's latest sprints the roll-up looks at:
	// for the trend, for "working on a goal" and for the team's usual.
	Window int
	// SilentAfter: a team whose summary was exported longer ago is silent.
	SilentAfter time.Duration
	// ParticipationDrop: participation this many points below the team's
	// usual counts as falling.
	ParticipationDrop int
	// Settings give the levels of the spread between teams' agreed
	// progress on one goal (AlignedBelow, SplitAt).
	Settings Settings
}

// DefaultRollupOptions are six sprints, four weeks, twenty points.
func DefaultRollupOptions() RollupOptions {
	return RollupOptions{Window: 6, SilentAfter: 28 * 24 * time.Hour, ParticipationDrop: 20, Settings: DefaultSettings()}
}

// Rollup is the organisation's view over its teams' summaries.
type Rollup struct {
	Org   string
	Now   time.Time
	Goals []GoalRollup // organisation goals that teams work on, in the file's order
	Idle  []Goal       // live organisation goals no team works on
	Teams []TeamRollup // every team, by name
}

// GoalRollup is one organisation goal and the teams working on it.
type GoalRollup struct {
	Goal  Goal
	Teams []GoalTeam // by team name
	// Gap is the distance between the lowest and highest agreed progress
	// of the teams that have one (HasGap with two or more), and Level its
	// level: teams far apart on one goal see it differently.
	Gap    int
	HasGap bool
	Level  Level
}

// GoalTeam is one team's work on one goal: the objectives of its latest
// reviewed sprint that link the goal, and the trend over its window.
type GoalTeam struct {
	Team        string
	Sprint      string // the sprint the figures come from
	Objectives  []ObjectiveSummary
	Progress    int // agreed progress of Objectives (see goalProgress), when HasProgress
	HasProgress bool
	Level       Level // the widest level among Objectives
	Evidence    int   // mean share of stories done, when HasEvidence
	HasEvidence bool
	Flag        bool         // an objective's stories and perception disagree
	Planned     bool         // only planned so far: no reviewed sprint links the goal yet
	Trend       []TrendPoint // oldest first, sprints of the window that link the goal
}

// TrendPoint is a team's mean agreed progress on a goal in one sprint.
type TrendPoint struct {
	Sprint   string
	Progress int
	Has      bool
}

// TeamRollup is one team against its own past.
type TeamRollup struct {
	Team       string
	Org        string // the organisation its summary names
	ExportedAt time.Time
	Sprints    int
	Latest     string // latest reviewed sprint, "" when none
	LatestEnd  time.Time
	// Latest and usual (mean over the earlier sprints of the window).
	Alignment, Predictability, Participation Compare
	Silent                                   bool
	SilentWhy                                []string
	OwnGoals, NoGoal                         int // latest sprint's objectives on the team's own goals, on none
}

// Compare is a latest value beside the team's usual one.
type Compare struct {
	Value, Usual       float64
	HasValue, HasUsual bool
}

// Delta is Value − Usual; meaningful when both exist.
func (c Compare) Delta() float64 { return c.Value - c.Usual }

// RollUp builds the roll-up of org over summaries at now. It reads each
// summary's last o.Window sprints only, so its cost grows linearly with
// the number of summaries, whatever their history.
func RollUp(org Org, summaries []TeamSummary, now time.Time, o RollupOptions) Rollup {
	o.Window = max(o.Window, 1)
	r := Rollup{Org: org.Name, Now: now.UTC()}
	index := make(map[uuid.UUID]int, len(org.Goals))
	r.Goals = make([]GoalRollup, len(org.Goals))
	for i, g := range org.Goals {
		index[g.ID] = i
		r.Goals[i] = GoalRollup{Goal: g}
	}
	for _, s := range summaries {
		window := s.Sprints[max(len(s.Sprints)-o.Window, 0):]
		r.Teams = append(r.Teams, teamRollup(s, window, index, now, o))
		for gi, gt := range goalTeams(s.Team, window, index) {
			r.Goals[gi].Teams = append(r.Goals[gi].Teams, gt)
		}
	}
	slices.SortFunc(r.Teams, func(a, b TeamRollup) int { return cmp.Compare(strings.ToLower(a.Team), strings.ToLower(b.Team)) })
	worked := r.Goals[:0]
	for _, g := range r.Goals {
		if len(g.Teams) == 0 {
			if !g.Goal.Archived && !g.Goal.Deleted {
				r.Idle = append(r.Idle, g.Goal)
			}
			continue
		}
		slices.SortFunc(g.Teams, func(a, b GoalTeam) int { return cmp.Compare(strings.ToLower(a.Team), strings.ToLower(b.Team)) })
		fillGap(&g, o.Settings)
		worked = append(worked, g)
	}
	r.Goals = worked
	return r
}

func fillGap(g *GoalRollup, s Settings) {
	lo, hi, n := 101, -1, 0
	for _, t := range g.Teams {
		if t.HasProgress {
			lo, hi, n = min(lo, t.Progress), max(hi, t.Progress), n+1
		}
	}
	g.Level = LevelNone
	if n >= 2 {
		g.Gap, g.HasGap, g.Level = hi-lo, true, LevelFor(hi-lo, s)
	}
}

// goalTeams returns, per index of an organisation goal that window links,
// the team's work on it.
func goalTeams(team string, window []SprintSummary, index map[uuid.UUID]int) map[int]GoalTeam {
	out := map[int]GoalTeam{}
	for _, sp := range window {
		for gi, objs := range linkedObjectives(sp, index) {
			gt, seen := out[gi]
			if !seen {
				gt = GoalTeam{Team: team}
			}
			pt := TrendPoint{Sprint: sp.Name}
			pt.Progress, pt.Has = goalProgress(objs)
			if !sp.Sealed {
				gt = goalFigures(gt, sp.Name, objs)
				gt.Trend = append(gt.Trend, pt)
			} else if !seen {
				gt.Planned, gt.Sprint, gt.Objectives, gt.Level = true, sp.Name, objs, LevelNone
			}
			out[gi] = gt
		}
	}
	return out
}

// linkedObjectives groups a sprint's objectives by organisation goal.
func linkedObjectives(sp SprintSummary, index map[uuid.UUID]int) map[int][]ObjectiveSummary {
	var out map[int][]ObjectiveSummary
	for _, ob := range sp.Objectives {
		if gi, ok := index[ob.GoalID]; ok && ob.GoalID != uuid.Nil {
			if out == nil {
				out = map[int][]ObjectiveSummary{}
			}
			out[gi] = append(out[gi], ob)
		}
	}
	return out
}

// goalFigures sets gt's figures from a reviewed sprint's objectives.
func goalFigures(gt GoalTeam, sprint string, objs []ObjectiveSummary) GoalTeam {
	gt.Planned, gt.Sprint, gt.Objectives = false, sprint, objs
	gt.Progress, gt.HasProgress = goalProgress(objs)
	gt.Level, gt.Flag = LevelNone, false
	sum, n := 0, 0
	for _, ob := range objs {
		gt.Level = widerLevel(gt.Level, ob.Level)
		gt.Flag = gt.Flag || ob.Evidence.Flag
		if ob.Evidence.HasEvidence {
			sum, n = sum+ob.Evidence.DonePercent, n+1
		}
	}
	gt.HasEvidence = n > 0
	if n > 0 {
		gt.Evidence = (2*sum + n) / (2 * n)
	}
	return gt
}

// goalProgress is a team's agreed progress on a goal in one sprint: the
// mean agreed progress of its committed objectives on the goal, or of its
// stretch ones when it committed to none (a stretch objective says what
// the team hoped for, not what it expects).
func goalProgress(objs []ObjectiveSummary) (int, bool) {
	if v, ok := meanAgreed(objs, false); ok {
		return v, true
	}
	return meanAgreed(objs, true)
}

func meanAgreed(objs []ObjectiveSummary, stretch bool) (int, bool) {
	sum, n := 0, 0
	for _, ob := range objs {
		if ob.Agreed != nil && ob.Stretch == stretch {
			sum, n = sum+*ob.Agreed, n+1
		}
	}
	if n == 0 {
		return 0, false
	}
	return (2*sum + n) / (2 * n), true
}

var levelRank = map[Level]int{LevelNone: 0, LevelAligned: 1, LevelDivergent: 2, LevelSplit: 3}

func widerLevel(a, b Level) Level {
	if levelRank[b] > levelRank[a] {
		return b
	}
	return a
}
