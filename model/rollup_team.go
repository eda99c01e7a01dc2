package model

import (
	"fmt"
	"math"
	"time"

	"github.com/google/uuid"
)

// teamRollup compares a team's latest reviewed sprint of window with its
// earlier ones, and says why it looks silent, if it does.
func teamRollup(s TeamSummary, window []SprintSummary, index map[uuid.UUID]int, now time.Time, o RollupOptions) TeamRollup {
	t := TeamRollup{Team: s.Team, Org: s.Org, ExportedAt: s.ExportedAt, Sprints: max(s.Total, len(s.Sprints))}
	var reviewed []SprintSummary
	for _, sp := range window {
		if !sp.Sealed {
			reviewed = append(reviewed, sp)
		}
	}
	if n := len(reviewed); n > 0 {
		last := reviewed[n-1]
		t.Latest, t.LatestEnd = last.Name, last.End
		for _, ob := range last.Objectives {
			switch _, org := index[ob.GoalID]; {
			case ob.GoalID == uuid.Nil:
				t.NoGoal++
			case !org:
				t.OwnGoals++
			}
		}
	}
	t.Alignment = compareOver(reviewed, func(sp SprintSummary) (float64, bool) { return sp.Score, sp.HasScore })
	t.Predictability = compareOver(reviewed, predictability)
	t.Participation = compareOver(reviewed, func(sp SprintSummary) (float64, bool) {
		return float64(sp.Participation), sp.Members > 0
	})
	if age := now.Sub(s.ExportedAt); age > o.SilentAfter {
		t.SilentWhy = append(t.SilentWhy, fmt.Sprintf("no summary for %d days (last %s)", int(age.Hours()/24), s.ExportedAt.Format(DateLayout)))
	}
	if len(s.Sprints) == 0 {
		t.SilentWhy = append(t.SilentWhy, "no sprint in its summary")
	}
	if p := t.Participation; p.HasValue && p.HasUsual && p.Usual-p.Value >= float64(o.ParticipationDrop) {
		t.SilentWhy = append(t.SilentWhy, fmt.Sprintf("participation falling: %.0f %% in %s, usually %.0f %%", p.Value, t.Latest, p.Usual))
	}
	t.Silent = len(t.SilentWhy) > 0
	return t
}

// predictability is the agreed progress of a sprint's committed (not
// stretch) objectives against the planned 100 % each: their mean agreed
// progress; false when none of them has an agreed value.
func predictability(sp SprintSummary) (float64, bool) {
	sum, n := 0, 0
	for _, ob := range sp.Objectives {
		if !ob.Stretch && ob.Agreed != nil {
			sum, n = sum+min(*ob.Agreed, 100), n+1
		}
	}
	if n == 0 {
		return 0, false
	}
	return float64(sum) / float64(n), true
}

// compareOver takes the value of the latest sprint (HasValue false when
// it has none), and the mean of the earlier ones that have one.
func compareOver(sprints []SprintSummary, value func(SprintSummary) (float64, bool)) Compare {
	var c Compare
	if len(sprints) == 0 {
		return c
	}
	c.Value, c.HasValue = value(sprints[len(sprints)-1])
	var sum float64
	n := 0
	for _, sp := range sprints[:len(sprints)-1] {
		if v, ok := value(sp); ok {
			sum, n = sum+v, n+1
		}
	}
	if n > 0 {
		c.Usual, c.HasUsual = math.Round(sum/float64(n)*10)/10, true
	}
	return c
}
