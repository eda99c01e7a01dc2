package export

import (
	"strings"
	"testing"

	"github.com/align-team/align/model"
)

func TestRemind_Formats_EscapeUserText(t *testing.T) {
	o := model.Objective{Title: "Ship *it* <b>now</b>"}
	r := model.Reminder{
		Sprint: model.Sprint{Name: "S\x1b[2J 1", State: model.StateAssessing}, Answered: 1, Expected: 2, Objectives: 1,
		Pending: []model.Pending{{Handle: "bo", Name: "Bo \x1b]0;x\x07_Chen_", Objectives: []model.Objective{o}}},
	}
	var text, md strings.Builder
	if err := RemindText(&text, r); err != nil {
		t.Fatal(err)
	}
	if err := RemindMarkdown(&md, r); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(text.String()+md.String(), "\x1b\x07") {
		t.Errorf("control characters survived:\n%q\n%q", text.String(), md.String())
	}
	if want := "  bo (Bo _Chen_)  Ship *it* <b>now</b>\n"; !strings.HasSuffix(text.String(), want) {
		t.Errorf("text:\n%s\nwant it to end with\n%s", text.String(), want)
	}
	for _, bad := range []string{"*it*", "<b>", "_Chen_"} {
		if strings.Contains(md.String(), bad) {
			t.Errorf("markdown keeps %q unescaped:\n%s", bad, md.String())
		}
	}
	for _, tt := range []struct {
		r    model.Reminder
		want string
	}{
		{model.Reminder{Sprint: model.Sprint{Name: "S", State: model.StatePlanning}}, "S (planning) has no objectives to assess yet.\n"},
		{model.Reminder{Sprint: model.Sprint{Name: "S", State: model.StatePlanning}, Objectives: 2}, "S (planning): no active members are expected to assess.\n"},
		{model.Reminder{Sprint: model.Sprint{Name: "S", State: model.StateReview}, Objectives: 2, Answered: 3, Expected: 3}, "S (review): all 3 members have assessed every objective.\n"},
		{model.Reminder{Sprint: model.Sprint{Name: "S", State: model.StateReview}, Objectives: 2, Answered: 1, Expected: 1}, "S (review): the one member has assessed every objective.\n"},
	} {
		var b strings.Builder
		if err := RemindText(&b, tt.r); err != nil || b.String() != tt.want {
			t.Errorf("RemindText = %q, %v; want %q", b.String(), err, tt.want)
		}
	}
}
