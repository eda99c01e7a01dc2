package merge

import (
	"testing"

	"github.com/align-team/align/model"
)

// TestImport_Rules applies one bundle to mtWorkspace under each import
// rule: a refused author, a closed sprint, a cascading deletion.
func TestImport_Rules(t *testing.T) {
	ann := model.Author{ID: mtID(mtAnn), Signed: true}
	bob := model.Author{ID: mtID(mtBob)}
	bob2 := func(d *model.Dataset) { d.Members[1].Facilitator = false }
	for _, tc := range []struct {
		name      string
		local     func(*model.Dataset)
		incoming  func(*model.Dataset)
		author    model.Author
		refused   bool
		wantKinds map[model.ChangeKind]int
	}{
		{"a facilitator renames the objective", nil,
			func(d *model.Dataset) {
				d.Sprints[0].Objectives[0].Title, d.Sprints[0].Objectives[0].UpdatedAt = "Pay", mtAt(9)
			},
			ann, false, map[model.ChangeKind]int{model.ChangeUpdated: 1}},
		{"a member may not rename it", bob2,
			func(d *model.Dataset) {
				d.Sprints[0].Objectives[0].Title, d.Sprints[0].Objectives[0].UpdatedAt = "Pay", mtAt(9)
			},
			bob, true, nil},
		{"the sprint is closed here", func(d *model.Dataset) { d.Sprints[0].Sprint.State = model.StateClosed },
			func(d *model.Dataset) {
				d.Sprints[0].Objectives[0].Title, d.Sprints[0].Objectives[0].UpdatedAt = "Pay", mtAt(9)
			},
			ann, false, map[model.ChangeKind]int{model.ChangeSkipped: 1}},
		{"deleting the objective cascades", nil,
			func(d *model.Dataset) {
				d.Sprints[0].Objectives[0].Deleted, d.Sprints[0].Objectives[0].UpdatedAt = true, mtAt(9)
			}, ann, false, map[model.ChangeKind]int{model.ChangeDeleted: 4}},
	} {
		local := mtWorkspace()
		local.Members[0].Facilitator = true
		if tc.local != nil {
			tc.local(&local)
		}
		in := model.Dataset{Sprints: []model.SprintData{{Sprint: local.Sprints[0].Sprint, Objectives: local.Sprints[0].Objectives}}}
		in.Sprints[0].Objectives = append([]model.Objective(nil), in.Sprints[0].Objectives...)
		tc.incoming(&in)
		st, err := Import(local, in, tc.author, mtNow, mtSkew)
		if err != nil {
			t.Fatalf("%s: Import: %v", tc.name, err)
		}
		if got := len(st.Refusals) > 0; got != tc.refused {
			t.Fatalf("%s: refused = %v (%v), want %v", tc.name, got, st.Refusals, tc.refused)
		}
		if tc.refused {
			if len(st.Write.Sprints) != 0 || len(st.Changes) != 0 {
				t.Errorf("%s: a refused bundle writes %+v", tc.name, st.Write)
			}
			continue
		}
		for k, n := range tc.wantKinds {
			if st.Counts[k] != n {
				t.Errorf("%s: %d %s, want %d (changes %+v)", tc.name, st.Counts[k], k, n, st.Changes)
			}
		}
		if mtCanon(st.Merged) != mtCanon(model.ApplyToDataset(local, st.Write)) {
			t.Errorf("%s: Merged is not the workspace with Write applied", tc.name)
		}
	}
}
