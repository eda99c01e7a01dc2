package model

import (
	"testing"
	"time"
)

func fxSprintOn(n int, start, end string, state SprintState) Sprint {
	s, _ := time.Parse(DateLayout, start)
	e, _ := time.Parse(DateLayout, end)
	return Sprint{Meta: fxMeta(n), Name: start, Start: s, End: e, State: state}
}

func TestCurrentSprint_Pick(t *testing.T) {
	march := fxSprintOn(1, "2025-03-03", "2025-03-16", StateReview)
	feb := fxSprintOn(2, "2025-02-17", "2025-03-02", StateClosed)
	overlap := fxSprintOn(3, "2025-03-10", "2025-03-23", StatePlanning)
	future := fxSprintOn(4, "2025-04-01", "2025-04-14", StatePlanning)
	april := fxSprintOn(5, "2025-04-15", "2025-04-28", StateClosed)
	gone := fxSprintOn(6, "2025-03-01", "2025-03-31", StateAssessing)
	gone.Deleted = true
	day := func(s string) time.Time { d, _ := time.Parse(DateLayout, s); return d.Add(10 * time.Hour) }
	eastern := time.FixedZone("UTC-5", -5*3600)

	tests := []struct {
		name    string
		sprints []Sprint
		today   time.Time
		want    *Sprint
	}{
		{name: "no sprints", today: day("2025-03-10")},
		{name: "only deleted", sprints: []Sprint{gone}, today: day("2025-03-10")},
		{name: "within dates", sprints: []Sprint{feb, march, future}, today: day("2025-03-05"), want: &march},
		{name: "first day", sprints: []Sprint{feb, march}, today: day("2025-03-03"), want: &march},
		{name: "last day inclusive", sprints: []Sprint{feb, march}, today: day("2025-03-16").Add(13 * time.Hour), want: &march},
		{name: "closed sprint on its dates gives way to the next open one", sprints: []Sprint{feb, march}, today: day("2025-02-20"), want: &march},
		{name: "closed sprint on its dates, nothing open: still current", sprints: []Sprint{feb}, today: day("2025-02-20"), want: &feb},
		{name: "several include today: latest start", sprints: []Sprint{overlap, march}, today: day("2025-03-12"), want: &overlap},
		{name: "between sprints: latest not closed", sprints: []Sprint{feb, march, future, april}, today: day("2025-03-20"), want: &future},
		{name: "all closed: latest", sprints: []Sprint{april, feb}, today: day("2025-06-01"), want: &april},
		{name: "deleted ignored", sprints: []Sprint{gone, feb}, today: day("2025-03-10"), want: &feb},
		{
			name: "calendar day in UTC", sprints: []Sprint{feb, march},
			today: time.Date(2025, 3, 2, 21, 0, 0, 0, eastern), // 2025-03-03 02:00 UTC
			want:  &march,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := CurrentSprint(tt.sprints, tt.today)
			if ok != (tt.want != nil) {
				t.Fatalf("ok = %v, want %v", ok, tt.want != nil)
			}
			if tt.want != nil && got.ID != tt.want.ID {
				t.Errorf("CurrentSprint = %s, want %s", got.Name, tt.want.Name)
			}
		})
	}
}

func TestCurrentSprint_SameStartLatestCreated(t *testing.T) {
	a := fxSprintOn(1, "2025-03-03", "2025-03-16", StatePlanning)
	b := fxSprintOn(2, "2025-03-03", "2025-03-16", StatePlanning)
	a.CreatedAt = fxNow.Add(time.Hour)
	got, _ := CurrentSprint([]Sprint{a, b}, fxNow)
	if got.ID != a.ID {
		t.Errorf("CurrentSprint = %v, want the later created %v", got.ID, a.ID)
	}
}
