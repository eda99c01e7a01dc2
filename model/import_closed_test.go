package model

import (
	"strings"
	"testing"
)

func TestWithoutClosedSprints(t *testing.T) {
	open, _ := fxCascadeSprint()
	closed := SprintData{Sprint: Sprint{Meta: fxMeta(90), Name: "Old", State: StateClosed},
		Objectives: []Objective{{Meta: fxMeta(91), SprintID: fxID(90), Title: "o"}}}
	gone := closed
	gone.Sprint.Deleted = true
	for _, tc := range []struct {
		name        string
		local       []SprintData
		wantSprints int
		wantDropped int
	}{
		{"no closed sprint here", []SprintData{open}, 2, 0},
		{"one closed here", []SprintData{open, closed}, 1, 2},
		{"closed but deleted here", []SprintData{open, gone}, 2, 0},
	} {
		w := Dataset{Goals: []Goal{{Meta: fxMeta(99), Title: "g"}}, Sprints: []SprintData{open, closed}}
		got, dropped := WithoutClosedSprints(Dataset{Sprints: tc.local}, w)
		if len(got.Sprints) != tc.wantSprints || len(dropped) != tc.wantDropped || len(got.Goals) != 1 {
			t.Errorf("%s: %d sprints, %d dropped, %d goals; want %d, %d, 1", tc.name, len(got.Sprints), len(dropped), len(got.Goals), tc.wantSprints, tc.wantDropped)
		}
		if tc.wantDropped > 0 && (dropped[fxID(90)] != "Old" || dropped[fxID(91)] != "Old") {
			t.Errorf("%s: dropped %v, want the closed sprint and its objective", tc.name, dropped)
		}
		changes := MarkSkipped([]Change{{Kind: ChangeUpdated, ID: fxID(90)}, {Kind: ChangeUnchanged, ID: fxID(91)}, {Kind: ChangeAdded, ID: fxID(99)}}, dropped)
		wantKind := ChangeUpdated
		if tc.wantDropped > 0 {
			wantKind = ChangeSkipped
			if !strings.Contains(changes[0].Note, `sprint "Old" is closed here`) {
				t.Errorf("%s: note %q", tc.name, changes[0].Note)
			}
		}
		if changes[0].Kind != wantKind || changes[1].Kind != ChangeUnchanged || changes[2].Kind != ChangeAdded {
			t.Errorf("%s: kinds %s %s %s, want %s unchanged added", tc.name, changes[0].Kind, changes[1].Kind, changes[2].Kind, wantKind)
		}
	}
}

func TestSameTeam(t *testing.T) {
	for _, tc := range []struct {
		local, bundle string
		want          bool
	}{
		{"Checkout", "Checkout", true},
		{"Checkout", "checkout", true},
		{"Checkout", "", true},
		{"", "Search", true},
		{"Checkout", "Search", false},
	} {
		if got := SameTeam(tc.local, tc.bundle); got != tc.want {
			t.Errorf("SameTeam(%q, %q) = %v, want %v", tc.local, tc.bundle, got, tc.want)
		}
	}
}

func TestWithLocalSprint(t *testing.T) {
	sd, m := fxCascadeSprint()
	state := Dataset{Sprints: []SprintData{sd}}
	mine := Dataset{Sprints: []SprintData{{Sprint: Sprint{Meta: Meta{ID: sd.Sprint.ID}}, Assessments: []Assessment{fxEst(m, sd.Objectives[0], 10, 2)}}}}
	got, ok := WithLocalSprint(state, mine, sd.Sprint.ID)
	if !ok || got.Sprints[0].Sprint != sd.Sprint || len(got.Sprints[0].Assessments) != 1 {
		t.Errorf("WithLocalSprint = %+v, %v; want the local header and the estimate", got, ok)
	}
	if mine.Sprints[0].Sprint.Name != "" {
		t.Error("WithLocalSprint modified its argument")
	}
	if _, ok := WithLocalSprint(state, mine, fxID(500)); ok {
		t.Error("WithLocalSprint found a sprint the workspace does not have")
	}
}
