package model

import (
	"slices"
	"testing"
	"time"
)

// closedSprint returns sprint n starting start days after fxNow, with one
// objective o, the given estimates of it and, when agreed is not nil, an
// outcome.
func fxClosedSprint(n, start int, o Objective, agreed *int, as ...Assessment) SprintData {
	d := SprintData{
		Sprint:      Sprint{Meta: fxMeta(n), Name: "sprint", Start: fxNow.AddDate(0, 0, start), End: fxNow.AddDate(0, 0, start+13), State: StateClosed},
		Objectives:  []Objective{o},
		Assessments: as,
	}
	if agreed != nil {
		d.Outcomes = []Outcome{{Meta: fxMeta(n + 500), ObjectiveID: o.ID, Agreed: agreed}}
	}
	return d
}

func TestTrend_Order(t *testing.T) {
	a, b := fxMember(1, "a", true), fxMember(2, "b", true)
	o1, o2, o3, o4 := fxObjective(11, 0), fxObjective(12, 0), fxObjective(13, 0), fxObjective(14, 0)
	late := fxClosedSprint(101, 28, o1, nil, fxEst(a, o1, 50, 3), fxEst(b, o1, 60, 3))
	early := fxClosedSprint(102, 0, o2, nil, fxEst(a, o2, 20, 3), fxEst(b, o2, 60, 3))
	sameDay := fxClosedSprint(103, 28, o3, nil, fxEst(a, o3, 50, 3))
	sameDay.Sprint.CreatedAt = fxNow.Add(time.Hour)
	gone := fxClosedSprint(104, 14, o4, nil, fxEst(a, o4, 0, 3), fxEst(b, o4, 100, 3))
	gone.Sprint.Deleted = true

	got := Trend([]SprintData{sameDay, late, gone, early}, []Member{a, b}, DefaultSettings())
	want := []ScorePoint{
		{Sprint: early.Sprint, Score: 60, HasScore: true},
		{Sprint: late.Sprint, Score: 90, HasScore: true},
		{Sprint: sameDay.Sprint}, // one response: no score
	}
	if len(got) != len(want) {
		t.Fatalf("Trend = %+v, want %d points", got, len(want))
	}
	for i := range want {
		if got[i].Sprint.ID != want[i].Sprint.ID || got[i].HasScore != want[i].HasScore {
			t.Errorf("point %d = %v/%v, want %v/%v", i, got[i].Sprint.ID, got[i].HasScore, want[i].Sprint.ID, want[i].HasScore)
		}
		fxApprox(t, "Score", got[i].Score, want[i].Score)
	}
}

func TestTrend_Empty(t *testing.T) {
	if got := Trend(nil, nil, DefaultSettings()); len(got) != 0 {
		t.Errorf("Trend(nil) = %v, want empty", got)
	}
}

func TestCalibrate_Signs(t *testing.T) {
	opt, pes, cal := fxMember(1, "opt", true), fxMember(2, "pes", false), fxMember(3, "cal", true)
	idle, gone := fxMember(4, "idle", true), fxMember(5, "gone", true)
	gone.Deleted = true
	o1, o2, o3, o4 := fxObjective(11, 0), fxObjective(12, 0), fxObjective(13, 0), fxObjective(14, 0)
	deletedSprint := fxClosedSprint(104, 42, o4, fxInt(0), fxEst(opt, o4, 100, 3))
	deletedSprint.Sprint.Deleted = true
	sprints := []SprintData{
		fxClosedSprint(101, 0, o1, fxInt(50),
			fxEst(opt, o1, 70, 3), fxEst(pes, o1, 40, 3), fxEst(cal, o1, 52, 3), fxAbstain(idle, o1), fxEst(gone, o1, 0, 3)),
		fxClosedSprint(102, 14, o2, fxInt(30),
			fxEst(opt, o2, 40, 3), fxEst(pes, o2, 10, 3), fxEst(cal, o2, 24, 3)),
		fxClosedSprint(103, 28, o3, nil, // not agreed yet
			fxEst(opt, o3, 100, 3), fxEst(idle, o3, 0, 3)),
		deletedSprint,
	}
	got := Calibrate(sprints, []Member{opt, pes, cal, idle, gone})
	want := []Calibration{
		{MemberID: cal.ID, Handle: "cal", Count: 2, MeanGap: -2, MeanAbsGap: 4},
		{MemberID: opt.ID, Handle: "opt", Count: 2, MeanGap: 15, MeanAbsGap: 15},
		{MemberID: pes.ID, Handle: "pes", Count: 2, MeanGap: -15, MeanAbsGap: 15},
	}
	if !slices.Equal(got, want) {
		t.Fatalf("Calibrate = %+v\nwant        %+v", got, want)
	}
	for i, tendency := range []string{"calibrated", "optimist", "pessimist"} {
		if got[i].Tendency() != tendency {
			t.Errorf("%s tendency = %q, want %q", got[i].Handle, got[i].Tendency(), tendency)
		}
	}
}

func TestCalibrate_IgnoresDeletedOutcomesAndObjectives(t *testing.T) {
	a := fxMember(1, "a", true)
	o1, o2 := fxObjective(11, 0), fxObjective(12, 1)
	o2.Deleted = true
	d := fxClosedSprint(101, 0, o1, fxInt(50), fxEst(a, o1, 90, 3), fxEst(a, o2, 0, 3))
	d.Objectives = append(d.Objectives, o2)
	d.Outcomes = append(d.Outcomes, Outcome{Meta: fxMeta(600), ObjectiveID: o2.ID, Agreed: fxInt(100)})
	if got := Calibrate([]SprintData{d}, []Member{a}); len(got) != 1 || got[0].Count != 1 || got[0].MeanGap != 40 {
		t.Errorf("Calibrate = %+v, want one estimate with gap 40", got)
	}
	d.Outcomes[0].Deleted = true
	if got := Calibrate([]SprintData{d}, []Member{a}); len(got) != 0 {
		t.Errorf("Calibrate with the outcome deleted = %+v, want none", got)
	}
}

func TestCalibration_Tendency(t *testing.T) {
	tests := []struct {
		gap  float64
		want string
	}{
		{0, "calibrated"}, {5, "calibrated"}, {-5, "calibrated"},
		{5.01, "optimist"}, {30, "optimist"}, {-5.5, "pessimist"}, {-40, "pessimist"},
	}
	for _, tt := range tests {
		if got := (Calibration{MeanGap: tt.gap}).Tendency(); got != tt.want {
			t.Errorf("Tendency at %v = %q, want %q", tt.gap, got, tt.want)
		}
	}
}
