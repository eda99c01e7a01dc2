package demo

import (
	"reflect"
	"testing"

	"github.com/align-team/align/model"
)

func TestGenerate_Sizes(t *testing.T) {
	tests := []struct {
		name string
		sz   Size
	}{
		{"small", Size{Sprints: 6, Members: 7, Objectives: 4, Stories: 10, Seed: 1}},
		{"one sprint", Size{Sprints: 1, Members: 3, Objectives: 2, Stories: 5, Seed: 2}},
		{"more members than names", Size{Sprints: 2, Members: 40, Objectives: 1, Stories: 1, Seed: 3}},
		{"stories without objectives", Size{Sprints: 2, Members: 2, Objectives: 0, Stories: 9, Seed: 4}},
		{"empty", Size{}},
		{"negative", Size{Sprints: -1, Members: -5, Objectives: -1, Stories: -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := Generate(now, tt.sz)
			checkDataset(t, ds)
			checkSizes(t, ds, tt.sz)
		})
	}
}

func checkSizes(t *testing.T, ds model.Dataset, sz Size) {
	t.Helper()
	sprints, members, objectives := max(sz.Sprints, 0), max(sz.Members, 0), max(sz.Objectives, 0)
	stories := max(sz.Stories, 0)
	if objectives == 0 {
		stories = 0
	}
	if len(ds.Sprints) != sprints || len(ds.Members) != members {
		t.Fatalf("sprints, members = %d, %d; want %d, %d", len(ds.Sprints), len(ds.Members), sprints, members)
	}
	for i, d := range ds.Sprints {
		last := i == len(ds.Sprints)-1
		if len(d.Objectives) != objectives || len(d.Stories) != stories {
			t.Errorf("%s: objectives, stories = %d, %d; want %d, %d", d.Sprint.Name, len(d.Objectives), len(d.Stories), objectives, stories)
		}
		if len(d.Assessments) > members*objectives || (!last && len(d.Assessments) != members*objectives) {
			t.Errorf("%s: %d assessments for %d members × %d objectives", d.Sprint.Name, len(d.Assessments), members, objectives)
		}
		wantState, wantOutcomes := model.StateClosed, objectives
		if last {
			wantState, wantOutcomes = model.StateReview, 0
		}
		if d.Sprint.State != wantState || len(d.Outcomes) != wantOutcomes {
			t.Errorf("%s: state %s with %d outcomes, want %s with %d", d.Sprint.Name, d.Sprint.State, len(d.Outcomes), wantState, wantOutcomes)
		}
		if last && (now.Before(d.Sprint.Start) || model.Day(now).After(d.Sprint.End)) {
			t.Errorf("last sprint %v–%v does not contain now", d.Sprint.Start, d.Sprint.End)
		}
	}
}

func TestGenerate_Deterministic(t *testing.T) {
	sz := Size{Sprints: 5, Members: 6, Objectives: 3, Stories: 12, Seed: 42}
	a, b := Generate(now, sz), Generate(now, sz)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two calls with the same size and seed differ")
	}
	sz.Seed = 43
	if c := Generate(now, sz); reflect.DeepEqual(a.Members, c.Members) {
		t.Error("another seed gives the same members")
	}
}

func TestGenerate_Analysable(t *testing.T) {
	ds := Generate(now, Size{Sprints: 12, Members: 8, Objectives: 6, Stories: 30, Seed: 7})
	trend := model.Trend(ds.Sprints, ds.Members, model.DefaultSettings())
	if len(trend) != 12 || !trend[0].HasScore {
		t.Errorf("trend = %d points (first scored: %v), want 12 scored", len(trend), len(trend) > 0 && trend[0].HasScore)
	}
	cals := model.Calibrate(ds.Sprints, ds.Members)
	if len(cals) != 8 {
		t.Fatalf("calibrations = %d, want 8", len(cals))
	}
	tendencies := make(map[string]int)
	for _, c := range cals {
		tendencies[c.Tendency()]++
	}
	if len(tendencies) < 2 {
		t.Errorf("tendencies = %v, want some variety", tendencies)
	}
}

func TestGenerate_FiveYears(t *testing.T) {
	if testing.Short() {
		t.Skip("large workspace")
	}
	sz := Size{Sprints: 130, Members: 15, Objectives: 10, Stories: 50, Seed: 1}
	ds := Generate(now, sz)
	checkSizes(t, ds, sz)
	checkDataset(t, ds)
}

func BenchmarkGenerate(b *testing.B) {
	sz := Size{Sprints: 130, Members: 15, Objectives: 10, Stories: 50, Seed: 1}
	for b.Loop() {
		Generate(now, sz)
	}
}

func BenchmarkSample(b *testing.B) {
	for b.Loop() {
		Sample(now)
	}
}
