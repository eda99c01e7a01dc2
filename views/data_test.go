package views

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	"github.com/align-team/align/views/ui"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/google/uuid"
)

// carryStore holds six closed two-week sprints and a running seventh whose
// objectives are carried from 1, 2 and 5 sprints back, plus one whose origin
// does not exist. It returns the store and the carried objectives in that
// order.
func carryStore(t *testing.T) (*store.Store, []model.Objective) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "align.db"), store.Options{Now: testClock})
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { _ = st.Close() })
	at := testNow.AddDate(0, -6, 0)
	tick := func() time.Time { at = at.Add(time.Minute); return at }
	var ds model.Dataset
	var origins []model.Objective // one per sprint
	start := model.Day(testNow).AddDate(0, 0, -7-14*6)
	for i := range 7 {
		state := model.StateClosed
		if i == 6 {
			state = model.StateAssessing
		}
		sp := model.Sprint{Meta: model.NewMeta(tick()), Name: fmt.Sprintf("Sprint %d", i+1),
			Start: start, End: start.AddDate(0, 0, 13), State: state}
		start = start.AddDate(0, 0, 14)
		o := model.Objective{Meta: model.NewMeta(tick()), SprintID: sp.ID, Title: fmt.Sprintf("Origin %d", i+1)}
		ds.Sprints = append(ds.Sprints, model.SprintData{Sprint: sp, Objectives: []model.Objective{o}})
		origins = append(origins, o)
	}
	cur := &ds.Sprints[6]
	var carried []model.Objective
	for n, from := range []uuid.UUID{origins[5].ID, origins[4].ID, origins[1].ID, uuid.New()} {
		o := model.Objective{Meta: model.NewMeta(tick()), SprintID: cur.Sprint.ID,
			Title: fmt.Sprintf("Carried %d", n), Order: n + 1, CarriedFrom: from}
		cur.Objectives = append(cur.Objectives, o)
		carried = append(carried, o)
	}
	if err := st.Apply(ds); err != nil {
		t.Fatalf("apply: %v", err)
	}
	return st, carried
}

func TestLoadWorkspace_CarriedObjectives_BoundedLookback(t *testing.T) {
	st, carried := carryStore(t)
	d, err := loadWorkspace(st, uuid.Nil, testNow)
	if err != nil {
		t.Fatalf("loadWorkspace: %v", err)
	}
	if !d.HasSprint || d.Sprint.Sprint.Name != "Sprint 7" {
		t.Fatalf("selected sprint = %q (has %v), want Sprint 7", d.Sprint.Sprint.Name, d.HasSprint)
	}
	if !d.HasPrevious || d.Previous.Sprint.Name != "Sprint 6" {
		t.Errorf("previous sprint = %q (has %v), want Sprint 6", d.Previous.Sprint.Name, d.HasPrevious)
	}
	tests := []struct {
		name   string
		obj    model.Objective
		want   bool
		origin string
	}{
		{"previous sprint", carried[0], true, "Origin 6"},
		{"two sprints back", carried[1], true, "Origin 5"},
		{"beyond the lookback", carried[2], false, ""},
		{"dangling origin", carried[3], false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, ok := d.Prior[tt.obj.ID]
			if ok != tt.want {
				t.Fatalf("Prior[%s] present = %v, want %v", tt.obj.Title, ok, tt.want)
			}
			if ok && p.Objective.Title != tt.origin {
				t.Errorf("Prior[%s] = %q, want %q", tt.obj.Title, p.Objective.Title, tt.origin)
			}
		})
	}
}

func TestApp_Update_HistoryCachedUntilSave(t *testing.T) {
	a, _ := newTestApp(t, 120, 40)
	if a.history.fresh != 0 || a.history.pending != 0 {
		t.Fatalf("history loaded before History was shown: %+v", a.history)
	}
	m, cmd := a.Update(ui.NavigateMsg{To: ui.ScreenHistory})
	if a = m.(App); a.history.pending != a.history.gen {
		t.Fatalf("showing History started no history load: %+v", a.history)
	}
	a = drive(t, a, cmd)
	if a.history.fresh != a.history.gen || a.history.pending != 0 || !a.historyScreen.Loaded() {
		t.Fatalf("after the load: %+v, screen loaded %v", a.history, a.historyScreen.Loaded())
	}

	a = drive(t, a, func() tea.Msg { return ui.NavigateMsg{To: ui.ScreenDashboard} })
	m, cmd = a.Update(ui.NavigateMsg{To: ui.ScreenHistory})
	if a = m.(App); a.history.pending != 0 {
		t.Fatalf("a second visit reloaded a fresh history: %+v", a.history)
	}
	a = drive(t, a, cmd)

	// A save while History is shown reloads it at once.
	m, cmd = a.Update(ui.SavedMsg{Text: "saved"})
	if a = m.(App); a.history.pending != a.history.gen || a.history.fresh == a.history.gen {
		t.Fatalf("a save on History did not reload it: %+v", a.history)
	}
	a = drive(t, a, cmd)
	if a.history.fresh != a.history.gen {
		t.Fatalf("after the reload: %+v", a.history)
	}

	// A save elsewhere only marks it stale; the next visit reloads.
	a = drive(t, a, func() tea.Msg { return ui.NavigateMsg{To: ui.ScreenDashboard} })
	m, _ = a.Update(ui.OutcomeSavedMsg{O: model.Outcome{}})
	if a = m.(App); a.history.pending != 0 || a.history.fresh == a.history.gen {
		t.Fatalf("a save off History: %+v, want stale and no load", a.history)
	}
	a = drive(t, a, func() tea.Msg { return ui.NavigateMsg{To: ui.ScreenHistory} })
	if a.history.fresh != a.history.gen {
		t.Fatalf("the visit after a save did not reload: %+v", a.history)
	}
}

func TestApp_Update_HistoryStaleResultIgnored(t *testing.T) {
	a, _ := newTestApp(t, 120, 40)
	a.history = historyCache{gen: 3, fresh: 3}
	old := ui.HistoryData{Members: 99}
	m, _ := a.Update(ui.HistoryLoadedMsg{Gen: 2, History: old})
	if a = m.(App); a.history.fresh != 3 || a.historyScreen.Data().Members == 99 {
		t.Errorf("an older result replaced a newer one: %+v", a.history)
	}
	m, _ = a.Update(ui.HistoryLoadedMsg{Gen: 4, Err: fmt.Errorf("disk on fire")})
	if a = m.(App); !a.footerErr || a.footer != "disk on fire" || a.history.fresh != 3 {
		t.Errorf("failed load: footer %q (err %v), cache %+v", a.footer, a.footerErr, a.history)
	}
}
