package model

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

func fxAction(n int, sp Sprint, text string, done bool) ActionItem {
	return ActionItem{Meta: fxMeta(n), SprintID: sp.ID, Text: text, Done: done}
}

func TestOpenActionsBefore(t *testing.T) {
	s14 := fxSprintOn(1, "2025-03-03", "2025-03-14", StateClosed)
	s15 := fxSprintOn(2, "2025-03-17", "2025-03-28", StateClosed)
	s16 := fxSprintOn(3, "2025-03-31", "2025-04-11", StateReview)
	s17 := fxSprintOn(4, "2025-04-14", "2025-04-25", StatePlanning)
	gone := fxSprintOn(5, "2025-02-17", "2025-02-28", StateClosed)
	gone.Deleted = true
	deleted := fxAction(14, s14, "deleted", false)
	deleted.Deleted = true
	history := []SprintData{
		{Sprint: s16, Actions: []ActionItem{fxAction(31, s16, "this review's", false)}},
		{Sprint: s14, Actions: []ActionItem{fxAction(12, s14, "open 14 b", false), fxAction(11, s14, "open 14 a", false),
			fxAction(13, s14, "done 14", true), deleted}},
		{Sprint: s15, Actions: []ActionItem{fxAction(21, s15, "open 15", false)}},
		{Sprint: gone, Actions: []ActionItem{fxAction(51, gone, "of a deleted sprint", false)}},
		{Sprint: s17},
	}
	texts := func(oas []OpenAction) string {
		var out []string
		for _, oa := range oas {
			out = append(out, oa.Item.Text+"@"+oa.From.Name)
		}
		return strings.Join(out, ", ")
	}
	tests := []struct {
		name   string
		sprint Sprint
		want   string
	}{
		{"first sprint has none", s14, ""},
		{"next sprint", s15, "open 14 a@2025-03-03, open 14 b@2025-03-03"},
		{"two sprints later, oldest first", s16, "open 14 a@2025-03-03, open 14 b@2025-03-03, open 15@2025-03-17"},
		{"three sprints later, still back", s17, "open 14 a@2025-03-03, open 14 b@2025-03-03, open 15@2025-03-17, this review's@2025-03-31"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := texts(OpenActionsBefore(history, tt.sprint)); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestReviewedSprint(t *testing.T) {
	today := time.Date(2025, 3, 19, 9, 0, 0, 0, time.UTC)
	closed := fxSprintOn(1, "2025-03-03", "2025-03-14", StateClosed)
	review := fxSprintOn(2, "2025-03-03", "2025-03-14", StateReview)
	next := fxSprintOn(3, "2025-03-17", "2025-03-28", StatePlanning)
	running := fxSprintOn(4, "2025-03-17", "2025-03-28", StateAssessing)
	tests := []struct {
		name    string
		sprints []Sprint
		want    uuid.UUID
		ok      bool
	}{
		{"none", nil, uuid.Nil, false},
		{"in review wins over the new one", []Sprint{review, next}, review.ID, true},
		{"after a carry-over: the closed one, not the empty new one", []Sprint{closed, next}, closed.ID, true},
		{"a running sprint is current", []Sprint{closed, running}, running.ID, true},
		{"only a planning sprint", []Sprint{next}, next.ID, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ReviewedSprint(tt.sprints, today)
			if ok != tt.ok || got.ID != tt.want {
				t.Errorf("got %s %v, want %s %v", got.ID, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestCarryOver(t *testing.T) {
	now := fxNow.Add(time.Hour)
	from := SprintData{Sprint: fxSprintOn(1, "2025-03-03", "2025-03-14", StateClosed)}
	a, b, c := fxObjective(10, 0), fxObjective(11, 1), fxObjective(12, 2)
	a.Title, b.Title, c.Title = "a", "b", "c"
	from.Objectives = []Objective{a, b, c}
	from.Outcomes = []Outcome{{Meta: fxMeta(20), ObjectiveID: a.ID, Agreed: fxInt(40)}, {Meta: fxMeta(21), ObjectiveID: c.ID, Agreed: fxInt(100)}}
	from.Stories = []Story{fxStory(30, a, 3, StoryDone), fxStory(31, a, 5, StoryTodo), fxStory(32, b, 2, StoryDoing)}
	target := SprintData{Sprint: fxSprintOn(2, "2025-03-17", "2025-03-28", StatePlanning)}

	out, err := CarryOver(from, target, []uuid.UUID{b.ID, a.ID}, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Objectives) != 2 || out.Objectives[0].CarriedFrom != b.ID || out.Objectives[1].CarriedFrom != a.ID {
		t.Fatalf("objectives = %+v, want b then a", out.Objectives)
	}
	if out.Objectives[0].Baseline != nil || *out.Objectives[1].Baseline != 40 {
		t.Errorf("baselines: b %v, a %v; want none and 40", out.Objectives[0].Baseline, out.Objectives[1].Baseline)
	}
	if len(out.Stories) != 2 || out.Stories[0].ObjectiveID != out.Objectives[0].ID || out.Stories[1].Points != 5 {
		t.Errorf("stories = %+v, want b's doing story and a's todo story", out.Stories)
	}
	target.Objectives = out.Objectives
	if _, err := CarryOver(from, target, []uuid.UUID{a.ID}, now); !errors.Is(err, ErrNothingToCarry) {
		t.Errorf("carrying a again: err = %v, want ErrNothingToCarry", err)
	}
	if _, err := CarryOver(from, target, []uuid.UUID{c.ID}, now); err == nil || !strings.Contains(err.Error(), "100%") {
		t.Errorf("carrying c, agreed at 100%%: err = %v", err)
	}
	all, err := CarryOver(from, SprintData{Sprint: target.Sprint}, nil, now)
	if err != nil || len(all.Objectives) != 2 {
		t.Errorf("no pick: %d objectives, err %v; want the two unfinished", len(all.Objectives), err)
	}
	for _, bad := range []struct {
		name     string
		from, to SprintData
	}{
		{"from a sprint not reviewed", SprintData{Sprint: fxSprintOn(1, "2025-03-03", "2025-03-14", StateAssessing)}, target},
		{"into itself", from, SprintData{Sprint: func() Sprint { s := from.Sprint; s.State = StatePlanning; return s }()}},
		{"into a sprint in review", from, SprintData{Sprint: fxSprintOn(2, "2025-03-17", "2025-03-28", StateReview)}},
		{"into an earlier sprint", from, SprintData{Sprint: fxSprintOn(3, "2025-02-17", "2025-02-28", StatePlanning)}},
	} {
		if _, err := CarryOver(bad.from, bad.to, nil, now); err == nil {
			t.Errorf("%s: no error", bad.name)
		}
	}
}

func TestParseDue(t *testing.T) {
	for _, c := range []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2025-03-20", time.Date(2025, 3, 20, 0, 0, 0, 0, time.UTC), true},
		{" none ", time.Time{}, true},
		{"", time.Time{}, true},
		{"soon", time.Time{}, false},
		{"2025-02-30", time.Time{}, false},
	} {
		got, err := ParseDue(c.in)
		if (err == nil) != c.ok || !got.Equal(c.want) {
			t.Errorf("ParseDue(%q) = %v, %v", c.in, got, err)
		}
	}
}
