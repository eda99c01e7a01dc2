package model

import (
	"reflect"
	"strings"
	"testing"
)

// TestNoEstimates_NotExpected checks that a facilitator who does not
// estimate is left out of the expected members everywhere the report
// counts them: submissions, the missing lists, the reminder and
// participation, while a facilitator who estimates stays in.
func TestNoEstimates_NotExpected(t *testing.T) {
	o := fxObjective(1, 0)
	ana, hana := fxMember(11, "ana", true), fxMember(12, "hana", true)
	hana.Facilitator, hana.NoEstimates = true, true
	est := fxMember(13, "est", true)
	est.Facilitator = true
	memberOnly := fxMember(14, "mo", true)
	memberOnly.NoEstimates = true // no meaning without the facilitator role
	tests := []struct {
		name     string
		members  []Member
		expected int
		missing  []string
	}{
		{"facilitator who does not estimate", []Member{ana, hana}, 1, nil},
		{"facilitator who estimates", []Member{ana, est}, 2, []string{"est"}},
		{"member with the flag alone", []Member{ana, memberOnly}, 2, []string{"mo"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := SprintData{Objectives: []Objective{o}, Assessments: []Assessment{fxEst(ana, o, 40, 3)}}
			r := Analyze(d, tt.members, DefaultSettings())
			if r.Expected != tt.expected || r.Submitted != 1 {
				t.Errorf("submitted %d of %d, want 1 of %d", r.Submitted, r.Expected, tt.expected)
			}
			var missing []string
			for _, m := range r.Missing {
				missing = append(missing, m.Handles...)
			}
			if !reflect.DeepEqual(missing, tt.missing) {
				t.Errorf("missing %v, want %v", missing, tt.missing)
			}
			rem := Remind(r, tt.members)
			if rem.Done() != (tt.missing == nil) || rem.Expected != tt.expected {
				t.Errorf("reminder %+v", rem)
			}
			if p := r.Participation(); p.Expected != tt.expected {
				t.Errorf("participation expects %d, want %d", p.Expected, tt.expected)
			}
		})
	}
}

// TestNoEstimates_Authority checks that only a facilitator may change
// whether a facilitator estimates, in a bundle and in a session's write.
func TestNoEstimates_Authority(t *testing.T) {
	f := newAuthFixture()
	hana := f.fay
	hana.Meta, hana.NoEstimates = edited(hana.Meta), true
	local := f.local()
	if rs := CheckAuthority(local, Dataset{Members: []Member{hana}}, Author{ID: f.ana.ID, Signed: true}); len(rs) != 1 ||
		!strings.Contains(rs[0].Msg, "ana may not change whether fay estimates") {
		t.Errorf("a member's bundle: %+v", rs)
	}
	if rs := CheckAuthority(local, Dataset{Members: []Member{hana}}, Author{ID: f.fay.ID}); rs != nil {
		t.Errorf("the facilitator's own bundle: %+v", rs)
	}
	if rs := CheckWrite(f.ana, true, f.fay, hana, local); len(rs) != 1 {
		t.Errorf("a member's session: %+v", rs)
	}
	if rs := CheckWrite(f.fay, true, f.fay, hana, local); rs != nil {
		t.Errorf("the facilitator's session: %+v", rs)
	}
}
