package model

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestSanitize_Strip(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		multiline bool
		want      string
	}{
		{"plain", "Checkout works offline", false, "Checkout works offline"},
		{"escape sequence", "red\x1b[31m alert\x1b[0m", false, "red alert"},
		{"CSI with parameters", "\x1b[38;5;196mhot\x1b[2J", false, "hot"},
		{"OSC title with BEL", "a\x1b]2;pwned\x07b", false, "ab"},
		{"OSC with ST", "a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b", false, "alinkb"},
		{"two-char escape", "a\x1bcb\x1b(Bc", false, "abc"},
		{"DCS", "a\x1bPq#0\x1b\\b", false, "ab"},
		{"unterminated CSI", "a\x1b[31", false, "a"},
		{"lone ESC at end", "abc\x1b", false, "abc"},
		{"bell and NUL", "a\x07b\x00c", false, "abc"},
		{"DEL", "a\x7fb", false, "ab"},
		{"C1 CSI", "a\u009b2Jb", false, "ab"},
		{"C1 NEL", "a\u0085b", true, "ab"},
		{"bidi override", "abc\u202edcba", false, "abcdcba"},
		{"bidi isolates and marks", "\u2066x\u2069\u200ey\u200f", false, "xy"},
		{"line separators", "a\u2028b\u2029c", true, "abc"},
		{"newline single line", "one\ntwo", false, "one two"},
		{"newline multiline", "one\ntwo", true, "one\ntwo"},
		{"CRLF multiline", "one\r\ntwo\r", true, "one\ntwo"},
		{"tab single line", "a\tb", false, "a b"},
		{"tab multiline", "a\tb", true, "a\tb"},
		{"trimmed", "  spaced \n", true, "spaced"},
		{"invalid UTF-8", "ok\xff\xfeyes", false, "okyes"},
		{"unicode kept", "Zoë's café – 80 %", false, "Zoë's café – 80 %"},
		{"only controls", "\x1b\x07", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sanitize(tt.in, tt.multiline); got != tt.want {
				t.Errorf("Sanitize(%q, %v) = %q, want %q", tt.in, tt.multiline, got, tt.want)
			}
		})
	}
}

// wantFieldErr checks that err is a FieldError on record.field whose text
// names the field.
func fxWantFieldErr(t *testing.T, err error, record, field string) {
	t.Helper()
	if field == "" {
		if err != nil {
			t.Errorf("error = %v, want none", err)
		}
		return
	}
	var fe *FieldError
	if !errors.As(err, &fe) {
		t.Fatalf("error = %v, want a *FieldError on %s %s", err, record, field)
	}
	if fe.Record != record || fe.Field != field {
		t.Errorf("error on %s %s, want %s %s", fe.Record, fe.Field, record, field)
	}
	if !strings.Contains(err.Error(), field) {
		t.Errorf("error %q does not name the field %q", err, field)
	}
}

func TestGoal_Validate(t *testing.T) {
	tests := []struct {
		name  string
		goal  Goal
		field string
	}{
		{"valid", Goal{Title: "Grow repeat purchases"}, ""},
		{"empty title", Goal{Title: ""}, "title"},
		{"blank title", Goal{Title: "   "}, "title"},
		{"long title", Goal{Title: strings.Repeat("x", MaxTitle+1)}, "title"},
		{"long description", Goal{Title: "t", Description: strings.Repeat("é", MaxText+1)}, "description"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { fxWantFieldErr(t, tt.goal.Validate(), "goal", tt.field) })
	}
}

func TestMember_Validate(t *testing.T) {
	tests := []struct {
		name   string
		member Member
		field  string
	}{
		{"valid", Member{Name: "Priya Raman", Handle: "priya"}, ""},
		{"handle with digits and dash", Member{Name: "P", Handle: "p-2_x"}, ""},
		{"empty name", Member{Handle: "priya"}, "name"},
		{"long name", Member{Name: strings.Repeat("n", MaxName+1), Handle: "p"}, "name"},
		{"empty handle", Member{Name: "P"}, "handle"},
		{"upper-case handle", Member{Name: "P", Handle: "Priya"}, "handle"},
		{"handle starts with digit", Member{Name: "P", Handle: "1priya"}, "handle"},
		{"handle with space", Member{Name: "P", Handle: "pri ya"}, "handle"},
		{"handle with escape", Member{Name: "P", Handle: "p\x1b"}, "handle"},
		{"long handle", Member{Name: "P", Handle: strings.Repeat("p", MaxHandle+1)}, "handle"},
		{"empty key", Member{Name: "P", Handle: "p", Keys: []string{""}}, "key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { fxWantFieldErr(t, tt.member.Validate(), "member", tt.field) })
	}
}

func TestMember_Normalize(t *testing.T) {
	m := Member{Name: " Priya\x1b[2J ", Handle: " PRIYA\n", Keys: []string{"ssh-ed25519 AAA\x07 "}}
	m.Normalize()
	if m.Name != "Priya" || m.Handle != "priya" || m.Keys[0] != "ssh-ed25519 AAA" {
		t.Errorf("Normalize = %q %q %q", m.Name, m.Handle, m.Keys[0])
	}
}

func TestSprint_Validate(t *testing.T) {
	start := time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC)
	end := start.AddDate(0, 0, 13)
	ok := Sprint{Name: "Sprint 25", Start: start, End: end, State: StatePlanning}
	tests := []struct {
		name  string
		edit  func(*Sprint)
		field string
	}{
		{"valid", func(*Sprint) {}, ""},
		{"one-day sprint", func(s *Sprint) { s.End = s.Start }, ""},
		{"empty name", func(s *Sprint) { s.Name = "" }, "name"},
		{"long name", func(s *Sprint) { s.Name = strings.Repeat("s", MaxTitle+1) }, "name"},
		{"long goal", func(s *Sprint) { s.Goal = strings.Repeat("g", MaxText+1) }, "goal"},
		{"no dates", func(s *Sprint) { s.Start = time.Time{} }, "dates"},
		{"end before start", func(s *Sprint) { s.End = s.Start.AddDate(0, 0, -1) }, "end"},
		{"unknown state", func(s *Sprint) { s.State = "done" }, "state"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := ok
			tt.edit(&s)
			fxWantFieldErr(t, s.Validate(), "sprint", tt.field)
		})
	}
}

func TestSprint_ValidateEndBeforeStartNamesDates(t *testing.T) {
	s := Sprint{Name: "S", Start: time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC), End: time.Date(2025, 3, 9, 0, 0, 0, 0, time.UTC), State: StatePlanning}
	if err := s.Validate(); err == nil || !strings.Contains(err.Error(), "2025-03-09") || !strings.Contains(err.Error(), "2025-03-10") {
		t.Errorf("error = %v, want both dates named", err)
	}
}

func TestObjective_Validate(t *testing.T) {
	tests := []struct {
		name  string
		o     Objective
		field string
	}{
		{"valid", Objective{Title: "Checkout works offline"}, ""},
		{"carried with baseline", Objective{Title: "t", Baseline: fxInt(40)}, ""},
		{"empty title", Objective{}, "title"},
		{"long title", Objective{Title: strings.Repeat("o", MaxTitle+1)}, "title"},
		{"long description", Objective{Title: "t", Description: strings.Repeat("d", MaxText+1)}, "description"},
		{"baseline -1", Objective{Title: "t", Baseline: fxInt(-1)}, "baseline"},
		{"baseline 101", Objective{Title: "t", Baseline: fxInt(101)}, "baseline"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { fxWantFieldErr(t, tt.o.Validate(), "objective", tt.field) })
	}
}

func TestStory_Validate(t *testing.T) {
	tests := []struct {
		name  string
		s     Story
		field string
	}{
		{"valid", Story{Title: "As a shopper I can pay offline", Status: StoryTodo, Points: 3, Key: "CHK-1"}, ""},
		{"empty title", Story{Status: StoryTodo}, "title"},
		{"long title", Story{Title: strings.Repeat("s", MaxTitle+1), Status: StoryTodo}, "title"},
		{"long key", Story{Title: "t", Status: StoryTodo, Key: strings.Repeat("K", MaxKey+1)}, "key"},
		{"negative points", Story{Title: "t", Status: StoryTodo, Points: -1}, "points"},
		{"too many points", Story{Title: "t", Status: StoryTodo, Points: MaxPoints + 1}, "points"},
		{"unknown status", Story{Title: "t", Status: "blocked"}, "status"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { fxWantFieldErr(t, tt.s.Validate(), "story", tt.field) })
	}
}

func TestAssessment_Validate(t *testing.T) {
	tests := []struct {
		name  string
		a     Assessment
		field string
	}{
		{"valid", Assessment{Progress: 60, Confidence: 3}, ""},
		{"bounds low", Assessment{Progress: 0, Confidence: 1}, ""},
		{"bounds high", Assessment{Progress: 100, Confidence: 5}, ""},
		{"abstention", Assessment{Abstain: true}, ""},
		{"progress -1", Assessment{Progress: -1, Confidence: 3}, "progress"},
		{"progress 101", Assessment{Progress: 101, Confidence: 3}, "progress"},
		{"confidence 0", Assessment{Progress: 50, Confidence: 0}, "confidence"},
		{"confidence 6", Assessment{Progress: 50, Confidence: 6}, "confidence"},
		{"abstention out of range", Assessment{Abstain: true, Progress: 101}, "progress"},
		{"long note", Assessment{Progress: 50, Confidence: 3, Note: strings.Repeat("n", MaxText+1)}, "note"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { fxWantFieldErr(t, tt.a.Validate(), "assessment", tt.field) })
	}
}

func TestOutcome_Validate(t *testing.T) {
	tests := []struct {
		name  string
		o     Outcome
		field string
	}{
		{"not agreed yet", Outcome{}, ""},
		{"agreed", Outcome{Agreed: fxInt(100)}, ""},
		{"agreed -1", Outcome{Agreed: fxInt(-1)}, "agreed"},
		{"agreed 101", Outcome{Agreed: fxInt(101)}, "agreed"},
		{"long notes", Outcome{Notes: strings.Repeat("n", MaxText+1)}, "notes"},
		{"timed", Outcome{Minutes: MaxMinutes}, ""},
		{"minutes -1", Outcome{Minutes: -1}, "minutes"},
		{"minutes over a day", Outcome{Minutes: MaxMinutes + 1}, "minutes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { fxWantFieldErr(t, tt.o.Validate(), "outcome", tt.field) })
	}
}

func TestActionItem_Validate(t *testing.T) {
	tests := []struct {
		name  string
		a     ActionItem
		field string
	}{
		{"valid", ActionItem{Text: "Write the offline runbook"}, ""},
		{"empty text", ActionItem{}, "text"},
		{"long text", ActionItem{Text: strings.Repeat("a", 2*MaxTitle+1)}, "text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { fxWantFieldErr(t, tt.a.Validate(), "action item", tt.field) })
	}
}

func TestSettings_Validate(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*Settings)
		field string
	}{
		{"defaults", func(*Settings) {}, ""},
		{"aligned-below 0", func(s *Settings) { s.AlignedBelow = 0 }, "aligned-below"},
		{"split-at below aligned", func(s *Settings) { s.SplitAt = 10 }, "split-at"},
		{"outlier-distance 0", func(s *Settings) { s.OutlierDistance = 0 }, "outlier-distance"},
		{"evidence-gap 101", func(s *Settings) { s.EvidenceGap = 101 }, "evidence-gap"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := DefaultSettings()
			tt.edit(&s)
			fxWantFieldErr(t, s.Validate(), "settings", tt.field)
		})
	}
}

func TestNormalize_StripsEveryTextField(t *testing.T) {
	evil := "x\x1b]0;pwned\x07\u202ey\nz"
	g := Goal{Title: evil, Description: evil}
	g.Normalize()
	sp := Sprint{Name: evil, Goal: evil, Start: time.Date(2025, 3, 3, 15, 4, 0, 0, time.UTC)}
	sp.Normalize()
	o := Objective{Title: evil, Description: evil}
	o.Normalize()
	st := Story{Title: evil, Key: evil}
	st.Normalize()
	a := Assessment{Note: evil}
	a.Normalize()
	oc := Outcome{Notes: evil}
	oc.Normalize()
	ai := ActionItem{Text: evil}
	ai.Normalize()
	single := []string{g.Title, sp.Name, o.Title, st.Title, st.Key, ai.Text}
	multi := []string{g.Description, sp.Goal, o.Description, a.Note, oc.Notes}
	for _, s := range single {
		if s != "xy z" {
			t.Errorf("single-line field = %q, want %q", s, "xy z")
		}
	}
	for _, s := range multi {
		if s != "xy\nz" {
			t.Errorf("multi-line field = %q, want %q", s, "xy\nz")
		}
	}
	if !sp.Start.Equal(time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("sprint start = %v, want midnight UTC", sp.Start)
	}
}

func TestParse_Errors(t *testing.T) {
	if _, err := ParseSprintState("Review"); err != nil {
		t.Errorf("ParseSprintState(Review) = %v, want ok", err)
	}
	if _, err := ParseSprintState("done"); err == nil || !strings.Contains(err.Error(), `"done"`) || !strings.Contains(err.Error(), "planning") {
		t.Errorf("ParseSprintState(done) = %v, want an error naming the value and the states", err)
	}
	if st, err := ParseStoryStatus(" DONE "); err != nil || st != StoryDone {
		t.Errorf("ParseStoryStatus(DONE) = %v, %v", st, err)
	}
	if _, err := ParseStoryStatus("blocked"); err == nil || !strings.Contains(err.Error(), "todo, doing or done") {
		t.Errorf("ParseStoryStatus(blocked) = %v, want the allowed statuses", err)
	}
	if _, err := ParseDate("start", "03/10/2025"); err == nil || !strings.Contains(err.Error(), "start") || !strings.Contains(err.Error(), "YYYY-MM-DD") {
		t.Errorf("ParseDate = %v, want the field and the format", err)
	}
}
