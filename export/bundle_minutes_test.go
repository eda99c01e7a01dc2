package export

import (
	"strings"
	"testing"

	"github.com/align-team/align/model"
)

// TestBundle_OutcomeMinutes: an outcome's minutes travel in the bundle; a
// bundle written before the key existed still imports (as 0); bad values
// are refused naming the field.
func TestBundle_OutcomeMinutes(t *testing.T) {
	old := validSprintBundle(t)
	if strings.Contains(old, `"minutes"`) {
		t.Fatal("the fixture bundle already has minutes; it must stand for an older bundle")
	}
	b, err := DecodeBundle(strings.NewReader(old))
	if err != nil {
		t.Fatalf("an older bundle without minutes: %v", err)
	}
	d, err := b.Dataset()
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range d.Sprints[0].Outcomes {
		if o.Minutes != 0 {
			t.Errorf("outcome %s read %d minutes from a bundle without the key", o.ID, o.Minutes)
		}
	}

	s14 := fixtureSprint14()
	s14.Outcomes[0].Minutes = 7
	timed := string(writeJSON(t, NewBundle("Platform & Payments", replica, exportedAt, ScopeSprint,
		model.Dataset{Goals: fixtureGoals(), Members: fixtureMembers(), Sprints: []model.SprintData{s14}})))
	if strings.Count(timed, `"minutes": 7`) != 1 || strings.Count(timed, `"minutes"`) != 1 {
		t.Fatalf("want exactly one \"minutes\": 7 (0 is left out):\n%s", timed)
	}
	b, err = DecodeBundle(strings.NewReader(timed))
	if err != nil {
		t.Fatal(err)
	}
	if d, err = b.Dataset(); err != nil || d.Sprints[0].Outcomes[0].Minutes != 7 {
		t.Fatalf("round trip: %v, %+v", err, d.Sprints[0].Outcomes)
	}

	for _, tt := range []struct{ in, want string }{
		{`"minutes": -3`, "minutes"},
		{`"minutes": 1441`, "minutes"},
		{`"minutes": "7"`, "expected a whole number"},
		{`"minutes": 7.5`, "expected a whole number"},
		{`"Minutes": 7`, `differs only in case from "minutes"`},
		{`"minutes": 7, "minutes": 8`, `duplicate key "minutes"`},
	} {
		_, err := decodeDataset(strings.Replace(timed, `"minutes": 7`, tt.in, 1))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.in, err, tt.want)
		}
	}
}

func decodeDataset(src string) (model.Dataset, error) {
	b, err := DecodeBundle(strings.NewReader(src))
	if err != nil {
		return model.Dataset{}, err
	}
	return b.Dataset()
}
