package model

import (
	"reflect"
	"testing"
)

func TestRemind_PerMember(t *testing.T) {
	o1, o2 := fxObjective(1, 0), fxObjective(2, 1)
	o1.Title, o2.Title = "Checkout", "Search"
	ana, bo, cy := fxMember(11, "ana", true), fxMember(12, "bo", true), fxMember(13, "cy", true)
	ana.Name, bo.Name, cy.Name = "Ana Lopez", "Bo Chen", "Cy Diaz"
	gone := fxMember(14, "dee", false) // inactive: not expected
	late := fxEst(cy, o2, 50, 3)
	late.Late = true
	tests := []struct {
		name string
		as   []Assessment
		want Reminder
		late []string
	}{
		{
			name: "nobody answered",
			want: Reminder{Expected: 3, Objectives: 2, Pending: []Pending{
				{Handle: "ana", Name: "Ana Lopez", Objectives: []Objective{o1, o2}},
				{Handle: "bo", Name: "Bo Chen", Objectives: []Objective{o1, o2}},
				{Handle: "cy", Name: "Cy Diaz", Objectives: []Objective{o1, o2}},
			}},
		},
		{
			name: "an abstention answers; a late estimate too, and is named",
			as:   []Assessment{fxEst(ana, o1, 40, 3), fxAbstain(ana, o2), fxEst(bo, o2, 10, 2), fxEst(cy, o1, 30, 3), late, fxEst(gone, o1, 90, 5)},
			want: Reminder{Answered: 2, Expected: 3, Objectives: 2, Pending: []Pending{
				{Handle: "bo", Name: "Bo Chen", Objectives: []Objective{o1}},
			}},
			late: []string{"cy"},
		},
		{
			name: "everyone answered",
			as:   []Assessment{fxEst(ana, o1, 40, 3), fxEst(ana, o2, 40, 3), fxEst(bo, o1, 40, 3), fxEst(bo, o2, 40, 3), fxEst(cy, o1, 40, 3), late},
			want: Reminder{Answered: 3, Expected: 3, Objectives: 2},
			late: []string{"cy"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := SprintData{Objectives: []Objective{o1, o2}, Assessments: tt.as}
			members := []Member{cy, ana, gone, bo}
			r := Analyze(d, members, DefaultSettings())
			got := Remind(r, members)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Remind =\n%+v\nwant\n%+v", got, tt.want)
			}
			if got.Done() != (len(tt.want.Pending) == 0) {
				t.Errorf("Done() = %v", got.Done())
			}
			p := r.Participation()
			if p.Answered != tt.want.Answered || p.Expected != 3 || !reflect.DeepEqual(p.Late, tt.late) {
				t.Errorf("Participation = %+v, want %d of 3, late %v", p, tt.want.Answered, tt.late)
			}
		})
	}
}

func TestTrend_Participation(t *testing.T) {
	o := fxObjective(1, 0)
	a, b := fxMember(11, "a", true), fxMember(12, "b", true)
	late := fxEst(b, o, 20, 3)
	late.Late = true
	late.Deleted = true // a deleted late estimate does not count
	d := SprintData{Sprint: Sprint{Meta: fxMeta(100), Name: "S1"}, Objectives: []Objective{o}, Assessments: []Assessment{fxEst(a, o, 10, 3), late}}
	tr := Trend([]SprintData{d}, []Member{a, b}, DefaultSettings())
	want := Participation{Answered: 1, Expected: 2}
	if len(tr) != 1 || !reflect.DeepEqual(tr[0].Participation, want) {
		t.Errorf("Trend participation = %+v, want %+v", tr, want)
	}
}
