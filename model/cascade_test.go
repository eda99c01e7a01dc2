package model

import (
	"strings"
	"testing"

	"github.com/google/uuid"
)

// fxCascadeSprint is a sprint with two objectives, each with a story, an
// estimate in each round, an outcome and an action item.
func fxCascadeSprint() (SprintData, Member) {
	sp := Sprint{Meta: fxMeta(1), Name: "S1", State: StatePlanning}
	m := fxMember(2, "ana", true)
	sd := SprintData{Sprint: sp}
	for i, title := range []string{"Checkout", "Search"} {
		o := fxObjective(10+i, i)
		o.SprintID, o.Title = sp.ID, title
		st := fxStory(20+i, o, 3, StoryTodo)
		st.Key = "K-" + title
		a1 := fxEst(m, o, 50, 3)
		a2 := fxEst(m, o, 60, 3)
		a2.ID, a2.Round2 = fxID(30+i), true
		sd.Objectives = append(sd.Objectives, o)
		sd.Stories = append(sd.Stories, st)
		sd.Assessments = append(sd.Assessments, a1)
		sd.Round2 = append(sd.Round2, a2)
		sd.Outcomes = append(sd.Outcomes, Outcome{Meta: fxMeta(40 + i), SprintID: sp.ID, ObjectiveID: o.ID})
		sd.Actions = append(sd.Actions, ActionItem{Meta: fxMeta(50 + i), SprintID: sp.ID, ObjectiveID: o.ID, Text: "do " + title})
	}
	return sd, m
}

func TestCascadeSprint(t *testing.T) {
	for _, tc := range []struct {
		name   string
		edit   func(*SprintData)
		want   []uuid.UUID // in order
		reason string
	}{
		{"nothing deleted", func(*SprintData) {}, nil, ""},
		{"an objective deleted", func(sd *SprintData) { sd.Objectives[0].Deleted = true },
			[]uuid.UUID{fxID(20), fxEst(fxMember(2, "ana", true), sd0Objective(0), 0, 0).ID, fxID(30), fxID(40), fxID(50)},
			`its objective "Checkout" is deleted`},
		{"an objective deleted, its story already gone", func(sd *SprintData) {
			sd.Objectives[0].Deleted, sd.Stories[0].Deleted = true, true
		}, []uuid.UUID{fxEst(fxMember(2, "ana", true), sd0Objective(0), 0, 0).ID, fxID(30), fxID(40), fxID(50)}, "Checkout"},
		{"the sprint deleted", func(sd *SprintData) { sd.Sprint.Deleted = true },
			nil, `its sprint "S1" is deleted`},
	} {
		sd, _ := fxCascadeSprint()
		tc.edit(&sd)
		got := CascadeSprint(sd)
		if tc.name == "the sprint deleted" {
			// every live record of the sprint: 2 objectives, 2 stories, 4 estimates, 2 outcomes, 2 actions
			if len(got) != 12 {
				t.Fatalf("%s: %d cascaded, want 12", tc.name, len(got))
			}
			if _, ok := got[0].Record.(Objective); !ok {
				t.Errorf("%s: first cascaded %T, want the objectives first", tc.name, got[0].Record)
			}
		} else if len(got) != len(tc.want) {
			t.Fatalf("%s: %d cascaded %v, want %d", tc.name, len(got), got, len(tc.want))
		}
		for i, c := range got {
			m := MetaOf(c.Record)
			if !m.Deleted {
				t.Errorf("%s: cascaded %s is not deleted", tc.name, m.ID)
			}
			if tc.want != nil && m.ID != tc.want[i] {
				t.Errorf("%s: cascaded #%d is %s, want %s", tc.name, i, m.ID, tc.want[i])
			}
			if !strings.Contains(c.Why, tc.reason) {
				t.Errorf("%s: why %q, want it to contain %q", tc.name, c.Why, tc.reason)
			}
		}
		if len(CascadeIDs(sd)) != len(got) {
			t.Errorf("%s: CascadeIDs has %d ids, CascadeSprint %d records", tc.name, len(CascadeIDs(sd)), len(got))
		}
	}
}

func sd0Objective(i int) Objective {
	sd, _ := fxCascadeSprint()
	return sd.Objectives[i]
}

func TestCascadeDeletions_KeepsFieldsAndLabels(t *testing.T) {
	sd, m := fxCascadeSprint()
	sd.Objectives[1].Deleted = true
	d := Dataset{Members: []Member{m}, Sprints: []SprintData{sd}}
	extra, changes := CascadeDeletions(d)
	wantLabels := []string{"K-Search story", "ana on Search", "ana on Search", "Search", "do Search"}
	if len(changes) != len(wantLabels) {
		t.Fatalf("%d changes %+v, want %d", len(changes), changes, len(wantLabels))
	}
	for i, c := range changes {
		if c.Kind != ChangeDeleted || c.Label != wantLabels[i] {
			t.Errorf("change %d: %s %q, want deleted %q", i, c.Kind, c.Label, wantLabels[i])
		}
	}
	got := extra.Sprints[0]
	if len(extra.Sprints) != 1 || got.Sprint.ID != sd.Sprint.ID || len(got.Stories) != 1 || len(got.Assessments) != 1 || len(got.Round2) != 1 {
		t.Fatalf("tombstones %+v", extra)
	}
	if st := got.Stories[0]; !st.Deleted || !st.UpdatedAt.Equal(sd.Stories[1].UpdatedAt) || st.Title != sd.Stories[1].Title {
		t.Errorf("cascaded story %+v: want the same version with Deleted set", st)
	}
}

func TestWithCascaded(t *testing.T) {
	a, b, c := fxID(1), fxID(2), fxID(3)
	changes := []Change{{Kind: ChangeAdded, ID: a}, {Kind: ChangeConflict, ID: b, Note: "both changed it"}}
	cascaded := []Change{{Kind: ChangeDeleted, ID: a, Note: "objective gone"}, {Kind: ChangeDeleted, ID: b, Note: "sprint gone"}, {Kind: ChangeDeleted, ID: c, Note: "x"}}
	got := WithCascaded(changes, cascaded)
	want := []Change{{Kind: ChangeDeleted, ID: a, Note: "objective gone"}, {Kind: ChangeConflict, ID: b, Note: "both changed it; sprint gone"}, {Kind: ChangeDeleted, ID: c, Note: "x"}}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("change %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if changes[0].Kind != ChangeAdded {
		t.Error("WithCascaded modified its argument")
	}
}
