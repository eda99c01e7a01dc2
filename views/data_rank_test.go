package views

import (
	"slices"
	"testing"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// TestLoadWorkspace_AgendaFollowsRankBy: the Review agenda is ordered by
// the rank-by setting through model.Rank, as status is: in the demo's
// current sprint, Address autocomplete (raw spread 25, net of habit 6.2)
// comes before Loyalty points (raw 12) by raw spread and after it net of
// habit.
func TestLoadWorkspace_AgendaFollowsRankBy(t *testing.T) {
	st := newTestStore(t)
	pos := func() (addr, loyalty int, order string) {
		d, err := loadWorkspace(st, uuid.Nil, testNow)
		if err != nil {
			t.Fatalf("loadWorkspace: %v", err)
		}
		at := func(title string) int {
			return slices.IndexFunc(d.Report.Agenda, func(s model.ObjectiveStats) bool { return s.Objective.Title == title })
		}
		return at("Address autocomplete for new customers"), at("Loyalty points at checkout"), model.AgendaOrder(d.Report)
	}
	addr, loyalty, order := pos()
	if addr < 0 || loyalty < 0 || addr > loyalty || order != "most disputed first" {
		t.Fatalf("raw: address %d, loyalty %d, %q", addr, loyalty, order)
	}
	ws, err := st.Workspace()
	if err != nil {
		t.Fatal(err)
	}
	set := ws.Settings
	set.RankByAdjusted = true
	if err := st.SetSettings(set); err != nil {
		t.Fatal(err)
	}
	addr, loyalty, order = pos()
	if addr < loyalty || order != "most disputed net of habit first" {
		t.Errorf("adjusted: address %d, loyalty %d, %q", addr, loyalty, order)
	}
}
