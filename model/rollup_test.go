package model

import (
	"strings"
	"testing"
	"time"
)

func rsObj(title string, g Goal, agreed int, level Level, stretch bool) ObjectiveSummary {
	return ObjectiveSummary{Title: title, GoalID: g.ID, Goal: g.Title, Agreed: fxInt(agreed), Level: level, Stretch: stretch,
		Evidence: SummaryEvidence{Stories: 4, StoriesDone: 2, DonePercent: 50, HasEvidence: true}}
}

func rsSprint(name string, participation int, score float64, objs ...ObjectiveSummary) SprintSummary {
	return SprintSummary{Name: name, State: StateClosed, Members: 10, Answered: participation / 10, Participation: participation,
		Score: score, HasScore: true, Objectives: objs}
}

func TestRollUp(t *testing.T) {
	now := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	org, _ := NewOrg("Acme", Keeper{Name: "Olga", Key: orgKeyA}, now)
	org, revenue, _ := org.AddGoal("Grow revenue", "", now)
	org, costs, _ := org.AddGoal("Cut costs", "", now)
	org, idle, _ := org.AddGoal("Enter Germany", "", now)
	org, old, _ := org.AddGoal("Old goal", "", now)
	org, _, _ = org.EditGoal(old.ID, GoalEdit{Archived: fxBool(true)}, now)
	own := Goal{Meta: NewMeta(now), Title: "Team's own"}
	checkout := TeamSummary{Team: "Checkout", ExportedAt: now.Add(-time.Hour), Sprints: []SprintSummary{
		rsSprint("C1", 100, 70, rsObj("Pay faster", revenue, 40, LevelAligned, false)),
		rsSprint("C2", 100, 80, rsObj("Pay faster", revenue, 60, LevelAligned, false)),
		rsSprint("C3", 90, 90, rsObj("Pay faster", revenue, 80, LevelAligned, false), rsObj("Moonshot", costs, 0, LevelSplit, true),
			rsObj("Own thing", own, 50, LevelAligned, false)),
	}}
	planned := rsSprint("C4", 0, 0, rsObj("Next", costs, 0, LevelNone, false))
	planned.Sealed, planned.HasScore, planned.Objectives[0].Agreed = true, false, nil
	checkout.Sprints = append(checkout.Sprints, planned)
	growth := TeamSummary{Team: "growth", ExportedAt: now.Add(-40 * 24 * time.Hour), Sprints: []SprintSummary{
		rsSprint("G1", 100, 60, rsObj("Trials", revenue, 30, LevelDivergent, false)),
		rsSprint("G2", 60, 50, rsObj("Trials", revenue, 25, LevelSplit, false)),
	}}
	r := RollUp(org, []TeamSummary{growth, checkout}, now, DefaultRollupOptions())

	if len(r.Goals) != 2 || r.Goals[0].Goal.ID != revenue.ID || r.Goals[1].Goal.ID != costs.ID {
		t.Fatalf("goals worked on: %+v", r.Goals)
	}
	g := r.Goals[0]
	if len(g.Teams) != 2 || g.Teams[0].Team != "Checkout" || g.Teams[1].Team != "growth" {
		t.Fatalf("teams on revenue: %+v", g.Teams)
	}
	if !g.HasGap || g.Gap != 55 || g.Level != LevelSplit {
		t.Errorf("gap %d %v %s, want 55 split (80 vs 25)", g.Gap, g.HasGap, g.Level)
	}
	c := g.Teams[0]
	if c.Sprint != "C3" || c.Progress != 80 || c.Level != LevelAligned || len(c.Trend) != 3 || c.Trend[0].Progress != 40 || c.Evidence != 50 {
		t.Errorf("Checkout on revenue: %+v", c)
	}
	if gr := g.Teams[1]; gr.Level != LevelSplit || gr.Progress != 25 {
		t.Errorf("growth on revenue: %+v", gr)
	}
	if cc := r.Goals[1].Teams[0]; cc.Planned || cc.Sprint != "C3" || r.Goals[1].HasGap {
		t.Errorf("costs: the reviewed stretch objective of C3 should show, not the plan of C4: %+v", cc)
	}
	if len(r.Idle) != 1 || r.Idle[0].ID != idle.ID {
		t.Errorf("idle goals %+v, want Enter Germany only (archived ones are not idle)", r.Idle)
	}
	ct, gt := r.Teams[0], r.Teams[1]
	if ct.Team != "Checkout" || ct.Silent || ct.Latest != "C3" || ct.OwnGoals != 1 {
		t.Errorf("Checkout: %+v", ct)
	}
	// Predictability counts committed objectives: C3 (80 + 50) / 2, the
	// stretch Moonshot left out; usual: C1 40 and C2 60.
	if p := ct.Predictability; p.Value != 65 || p.Usual != 50 {
		t.Errorf("Checkout predictability %+v, want 65 (usual 50)", p)
	}
	if a := ct.Alignment; a.Value != 90 || a.Usual != 75 || a.Delta() != 15 {
		t.Errorf("Checkout alignment %+v", a)
	}
	if !gt.Silent || len(gt.SilentWhy) != 2 || !strings.Contains(gt.SilentWhy[0], "no summary for 40 days") ||
		!strings.Contains(gt.SilentWhy[1], "participation falling: 60 % in G2, usually 100 %") {
		t.Errorf("growth: %+v", gt)
	}
}

func TestRollUp_WindowBoundsTheWork(t *testing.T) {
	now := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	org, _ := NewOrg("Acme", Keeper{Name: "Olga", Key: orgKeyA}, now)
	org, g, _ := org.AddGoal("Grow revenue", "", now)
	s := TeamSummary{Team: "T", ExportedAt: now}
	s.Sprints = append(s.Sprints, rsSprint("S0", 100, 50, rsObj("Old", g, 10, LevelAligned, false)))
	for i := range 6 {
		s.Sprints = append(s.Sprints, rsSprint("S"+string(rune('1'+i)), 100, 50))
	}
	r := RollUp(org, []TeamSummary{s}, now, DefaultRollupOptions())
	if len(r.Goals) != 0 || len(r.Idle) != 1 {
		t.Errorf("a goal last worked on seven sprints ago: goals %+v, idle %+v", r.Goals, r.Idle)
	}
}

func fxBool(b bool) *bool { return &b }
