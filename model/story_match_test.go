package model

import (
	"strings"
	"testing"
	"time"
)

func TestMatchStories(t *testing.T) {
	sp := Sprint{Meta: fxMeta(1), Name: "S1", State: StatePlanning}
	checkout, search := fxObjective(10, 0), fxObjective(11, 1)
	checkout.SprintID, checkout.Title = sp.ID, "Checkout"
	search.SprintID, search.Title = sp.ID, "Search"
	keyed := fxStory(20, checkout, 3, StoryTodo)
	keyed.Key, keyed.Title = "PROJ-1", "Pay by card"
	plain := fxStory(21, checkout, 2, StoryDoing)
	plain.Title, plain.Order = "Refunds", 4
	dupA, dupB := fxStory(22, search, 1, StoryTodo), fxStory(23, search, 1, StoryTodo)
	dupA.Key, dupB.Key = "PROJ-9", "proj-9"
	d := SprintData{Sprint: sp, Objectives: []Objective{checkout, search}, Stories: []Story{keyed, plain, dupA, dupB}}
	later := fxNow.Add(2 * time.Hour)
	for _, tc := range []struct {
		name    string
		row     StoryRow
		fixed   *Objective
		kind    ChangeKind // "" for a problem
		detail  string     // a substring of Detail, or of the problem
		objOf   string     // the objective title the story ends in
		orderOf int
	}{
		{"a new key adds a story last in its objective", StoryRow{Line: 2, Key: "PROJ-2", Title: "Wallets", Parent: "checkout", Status: StoryTodo, Points: 5},
			nil, ChangeAdded, "", "Checkout", 5},
		{"a known key, same fields", StoryRow{Line: 3, Key: "proj-1", Title: "Pay by card", Parent: "Checkout", Status: StoryTodo, Points: 3},
			nil, ChangeUnchanged, "", "Checkout", 0},
		{"a known key, new status and points", StoryRow{Line: 4, Key: "PROJ-1", Title: "Pay by card", Parent: "Checkout", Status: StoryDone, Points: 8},
			nil, ChangeUpdated, "status todo → done, points 3 → 8", "Checkout", 0},
		{"points kept when the input has none", StoryRow{Line: 5, Key: "PROJ-1", Title: "Pay by card", Parent: "Checkout", Status: StoryTodo, KeepPoints: true},
			nil, ChangeUnchanged, "", "Checkout", 0},
		{"no key: matched by title", StoryRow{Line: 6, Title: "refunds", Parent: "Checkout", Status: StoryDoing, Points: 2},
			nil, ChangeUpdated, `title "Refunds" → "refunds"`, "Checkout", 4},
		{"moved to another objective", StoryRow{Line: 7, Key: "PROJ-1", Title: "Pay by card", Parent: "Search", Status: StoryTodo, Points: 3},
			nil, ChangeUpdated, `objective "Checkout" → "Search"`, "Search", 1},
		{"--objective overrides the parent", StoryRow{Line: 8, Key: "PROJ-3", Title: "New", Status: StoryTodo},
			&search, ChangeAdded, "", "Search", 1},
		{"no parent", StoryRow{Line: 9, Key: "PROJ-3", Title: "New", Status: StoryTodo}, nil, "", "names no epic or parent", "", 0},
		{"unknown parent", StoryRow{Line: 10, Key: "PROJ-3", Title: "New", Parent: "Billing", Status: StoryTodo}, nil, "",
			`parent "Billing" matches no objective of sprint "S1"`, "", 0},
		{"a key on two stories", StoryRow{Line: 11, Key: "PROJ-9", Title: "x", Parent: "Search", Status: StoryTodo}, nil, "",
			"key PROJ-9 is on 2 stories", "", 0},
	} {
		m := MatchStories(d, []StoryRow{tc.row}, tc.fixed, later)
		if tc.kind == "" {
			if len(m.Problems) != 1 || len(m.Changes) != 0 || len(m.Write) != 0 || m.Problems[0].Line != tc.row.Line || !strings.Contains(m.Problems[0].Msg, tc.detail) {
				t.Errorf("%s: problems %+v, changes %+v; want one problem on line %d with %q", tc.name, m.Problems, m.Changes, tc.row.Line, tc.detail)
			}
			continue
		}
		if len(m.Changes) != 1 || len(m.Problems) != 0 {
			t.Fatalf("%s: changes %+v problems %+v", tc.name, m.Changes, m.Problems)
		}
		c := m.Changes[0]
		if c.Kind != tc.kind || !strings.Contains(c.Detail, tc.detail) || c.Row != 0 {
			t.Errorf("%s: %s %q (row %d), want %s with %q", tc.name, c.Kind, c.Detail, c.Row, tc.kind, tc.detail)
		}
		title := map[bool]string{true: "Checkout", false: "Search"}[c.Story.ObjectiveID == checkout.ID]
		if title != tc.objOf || c.Story.Order != tc.orderOf {
			t.Errorf("%s: story in %s at order %d, want %s at %d", tc.name, title, c.Story.Order, tc.objOf, tc.orderOf)
		}
		if wrote := len(m.Write) == 1; wrote != (tc.kind != ChangeUnchanged) {
			t.Errorf("%s: writes %d stories", tc.name, len(m.Write))
		}
		if tc.kind == ChangeUpdated && !c.Story.UpdatedAt.Equal(later) {
			t.Errorf("%s: updated story not stamped: %v", tc.name, c.Story.UpdatedAt)
		}
	}
}

// TestMatchStories_TitleClaimedOnce: two rows without a key and with one
// title update one story, then add another.
func TestMatchStories_TitleClaimedOnce(t *testing.T) {
	sp := Sprint{Meta: fxMeta(1), Name: "S1"}
	o := fxObjective(10, 0)
	o.SprintID, o.Title = sp.ID, "Checkout"
	s := fxStory(20, o, 1, StoryTodo)
	s.Title = "Refunds"
	rows := []StoryRow{{Line: 2, Title: "Refunds", Parent: "Checkout", Status: StoryTodo, Points: 1}, {Line: 3, Title: "Refunds", Parent: "Checkout", Status: StoryTodo, Points: 1}}
	m := MatchStories(SprintData{Sprint: sp, Objectives: []Objective{o}, Stories: []Story{s}}, rows, nil, fxNow)
	if len(m.Changes) != 2 || m.Changes[0].Kind != ChangeUnchanged || m.Changes[1].Kind != ChangeAdded || m.Changes[1].Row != 1 {
		t.Errorf("changes %+v, want unchanged then added", m.Changes)
	}
}
