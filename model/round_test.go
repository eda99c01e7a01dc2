package model

import (
	"strings"
	"testing"
)

// sealedFixture is the auth fixture with ana's and bo's estimates and the
// outcome revealed (sealed) when sealed is true.
func sealedFixture(sealed bool) (authFixture, Dataset) {
	f := newAuthFixture()
	f.sprint.State = StateReview
	d := f.local()
	d.Sprints[0].Sprint = f.sprint
	d.Sprints[0].Assessments = append(d.Sprints[0].Assessments, fxEst(f.bo, f.obj, 70, 4))
	d.Sprints[0].Outcomes[0].Revealed = sealed
	d.Sprints[0].Outcomes[0].Sealed = sealed
	return f, d
}

func TestRound1Sealed(t *testing.T) {
	for _, tc := range []struct {
		name string
		o    Outcome
		want bool
	}{
		{"new", Outcome{}, false},
		{"revealed", Outcome{Revealed: true}, true},
		{"hidden again", Outcome{Sealed: true}, true},
		{"older data, revealed without the seal", Outcome{Revealed: true, Sealed: false}, true},
		{"deleted", Outcome{Meta: Meta{Deleted: true}, Sealed: true, Revealed: true}, false},
	} {
		if got := Round1Sealed(tc.o); got != tc.want {
			t.Errorf("%s: Round1Sealed = %t, want %t", tc.name, got, tc.want)
		}
	}
}

func TestKeepSeal(t *testing.T) {
	sealed := Outcome{Sealed: true}
	for _, tc := range []struct {
		name string
		old  *Outcome
		o    Outcome
		want bool
	}{
		{"first outcome, not revealed", nil, Outcome{}, false},
		{"first outcome, revealed", nil, Outcome{Revealed: true}, true},
		{"hidden after the reveal", &Outcome{Revealed: true}, Outcome{}, true},
		{"a save that drops the flag", &sealed, Outcome{Notes: "x"}, true},
		{"never revealed", &Outcome{}, Outcome{Notes: "x"}, false},
	} {
		if got := KeepSeal(tc.old, tc.o).Sealed; got != tc.want {
			t.Errorf("%s: Sealed = %t, want %t", tc.name, got, tc.want)
		}
	}
}

func TestCheckEstimateChange(t *testing.T) {
	f, d := sealedFixture(true)
	err := CheckEstimateChange(d.Sprints[0].Outcomes, f.obj, false)
	want := `round 1 is sealed since "Faster search" was revealed: the estimates the room saw stay as they were`
	if err == nil || err.Error() != want {
		t.Fatalf("sealed: err = %v, want %q", err, want)
	}
	_, open := sealedFixture(false)
	if err := CheckEstimateChange(open.Sprints[0].Outcomes, f.obj, false); err != nil {
		t.Fatalf("not revealed: err = %v", err)
	}
}

func TestCheckSeal_Rules(t *testing.T) {
	f, _ := sealedFixture(false)
	changedAna := f.anaEst
	changedAna.Meta, changedAna.Progress = edited(f.anaEst.Meta), 65
	withdrawn := f.anaEst
	withdrawn.Meta, withdrawn.Deleted = edited(f.anaEst.Meta), true
	late := fxEst(f.fay, f.obj, 50, 3)
	unrevealed := f.outcome
	unrevealed.Meta, unrevealed.Notes = edited(f.outcome.Meta), "talked"
	deletedOutcome := f.outcome
	deletedOutcome.Meta, deletedOutcome.Deleted = edited(f.outcome.Meta), true
	keptSeal := f.outcome
	keptSeal.Meta, keptSeal.Sealed, keptSeal.Notes = edited(f.outcome.Meta), true, "talked"
	sprint := func(as []Assessment, os []Outcome) Dataset {
		return Dataset{Sprints: []SprintData{{Sprint: f.sprint, Assessments: as, Outcomes: os}}}
	}
	for _, tc := range []struct {
		name   string
		sealed bool
		write  Dataset
		want   []string
	}{
		{"edit before the reveal", false, sprint([]Assessment{changedAna}, nil), nil},
		{"edit after the reveal", true, sprint([]Assessment{changedAna}, nil),
			[]string{`round 1 on "Faster search" is sealed since its reveal: the bundle would change (40% → 65%) ana's estimate`}},
		{"withdrawal after the reveal", true, sprint([]Assessment{withdrawn}, nil),
			[]string{`would withdraw ana's estimate`}},
		{"late estimate after the reveal", true, sprint([]Assessment{late}, nil),
			[]string{`would add fay's estimate`}},
		{"the same estimate again", true, sprint([]Assessment{f.anaEst}, nil), nil},
		{"notes edited, seal kept", true, sprint(nil, []Outcome{keptSeal}), nil},
		{"an outcome never revealed overwrites the seal", true, sprint(nil, []Outcome{unrevealed}),
			[]string{`would lift the seal`}},
		{"the sealing outcome deleted", true, sprint(nil, []Outcome{deletedOutcome}),
			[]string{`would lift the seal`}},
	} {
		_, local := sealedFixture(tc.sealed)
		got := CheckSeal(local, tc.write)
		if len(got) != len(tc.want) {
			t.Errorf("%s: %d refusals %v, want %d", tc.name, len(got), got, len(tc.want))
			continue
		}
		for i, r := range got {
			if !strings.Contains(r.Msg, tc.want[i]) {
				t.Errorf("%s: refusal %q, want it to contain %q", tc.name, r.Msg, tc.want[i])
			}
		}
	}
}
