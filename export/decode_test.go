package export

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/align-team/align/model"
)

// validSprintBundle is a correct bundle of the review sprint.
func validSprintBundle(t *testing.T) string {
	t.Helper()
	d := model.Dataset{Goals: fixtureGoals(), Members: fixtureMembers(), Sprints: []model.SprintData{fixtureSprint14()}}
	return string(writeJSON(t, NewBundle("Platform & Payments", replica, exportedAt, ScopeSprint, d)))
}

// edit replaces the first occurrence of old in src, failing the test when
// there is none so that a stale case cannot pass by accident.
func edit(t *testing.T, src, old, new string) string {
	t.Helper()
	if !strings.Contains(src, old) {
		t.Fatalf("test input lacks %q", old)
	}
	return strings.Replace(src, old, new, 1)
}

func TestDecodeBundle_Valid(t *testing.T) {
	b, err := DecodeBundle(strings.NewReader(validSprintBundle(t)))
	if err != nil {
		t.Fatal(err)
	}
	d, err := b.Dataset()
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Sprints) != 1 || len(d.Sprints[0].Assessments) != 13 || d.Sprints[0].Assessments[0].SprintID != s14 {
		t.Errorf("decoded %d sprints; want one with 13 assessments carrying its id", len(d.Sprints))
	}
}

func TestDecodeBundle_Hostile(t *testing.T) {
	const (
		dana   = `"member_id": "01950000-0000-7000-8000-000000000016"`
		nilID  = "00000000-0000-0000-0000-000000000000"
		carol  = `"progress": 60,`
		late   = "\"submitted\": true,\n          \"late\": true"
		team   = `"team": "Platform & Payments",`
		story1 = `"id": "01950000-0000-7000-8000-000000000221"`
		// churnBase is the base of the goal "Reduce churn" (goals[1]).
		churnBase = `"base": "2026-02-16T11:54:00.000000000Z"`
	)
	tests := []struct {
		name string
		in   func(src string) string
		want []string // substrings of the error
	}{
		{"truncated", func(s string) string { return s[:len(s)/2] }, []string{"truncated"}},
		{"empty", func(string) string { return "" }, []string{"input is empty"}},
		{"white space only", func(string) string { return " \n\t " }, []string{"input is empty"}},
		{"not an object", func(string) string { return "[]" }, []string{"top level", "expected an object, found an array"}},
		{"syntax error", func(s string) string { return edit(t, s, `"deleted": false,`, `"deleted": false,,`) },
			[]string{"invalid JSON at line 15, column 24"}},
		{"unknown field", func(s string) string { return edit(t, s, `"scope": "sprint",`, `"scope": "sprint", "colour": "red",`) },
			[]string{`unknown field "colour"`, "allowed: format, version"}},
		{"unknown nested field", func(s string) string { return edit(t, s, late, late+`, "mood": "grumpy"`) },
			[]string{"sprints[0].assessments[7].mood", `unknown field "mood"`}},
		{"duplicate key", func(s string) string { return edit(t, s, team, team+` "team": "Evil",`) },
			[]string{`duplicate key "team"`}},
		{"duplicate nested key", func(s string) string { return edit(t, s, carol, carol+` "progress": 99,`) },
			[]string{"sprints[0].assessments[2].progress", `duplicate key "progress"`}},
		{"case-variant key beside the real one", func(s string) string { return edit(t, s, team, team+` "Team": "Evil",`) },
			[]string{`key "Team" differs only in case from "team"`}},
		{"case-variant key alone", func(s string) string { return edit(t, s, carol, `"PROGRESS": 60,`) },
			[]string{`key "PROGRESS" differs only in case from "progress"`}},
		{"missing field", func(s string) string { return edit(t, s, late, `"submitted": true`) },
			[]string{"sprints[0].assessments[7]", `missing field "late"`}},
		{"missing base", func(s string) string { return edit(t, s, churnBase+",", ``) },
			[]string{"goals[1]", `missing field "base"`}},
		{"case-variant base", func(s string) string { return edit(t, s, churnBase, `"BASE": "2026-02-16T11:54:00.000000000Z"`) },
			[]string{`key "BASE" differs only in case from "base"`}},
		{"base not a time", func(s string) string { return edit(t, s, churnBase, `"base": "yesterday"`) },
			[]string{"goal 01950000-0000-7000-8000-000000000002", "base", `"yesterday" is not an RFC 3339 time`}},
		{"base after the update", func(s string) string { return edit(t, s, churnBase, `"base": "2026-02-16T11:56:00.000000000Z"`) },
			[]string{"goal 01950000-0000-7000-8000-000000000002", "goals[1]", "base", "not between created_at"}},
		{"base before creation", func(s string) string { return edit(t, s, churnBase, `"base": "2026-02-16T11:49:00.000000000Z"`) },
			[]string{"goal 01950000-0000-7000-8000-000000000002", "base", "not between created_at"}},
		{"newer version", func(s string) string { return edit(t, s, `"version": 2,`, `"version": 3,`) },
			[]string{"version 3 is not supported", "reads version 2"}},
		{"older version", func(s string) string { return edit(t, s, `"version": 2,`, `"version": 1,`) },
			[]string{"version 1 was written by an older align", "export it again"}},
		{"version as a string", func(s string) string { return edit(t, s, `"version": 2,`, `"version": "2",`) },
			[]string{`version "2" is not supported`}},
		{"wrong format", func(s string) string { return edit(t, s, `"format": "align-bundle"`, `"format": "other-tool"`) },
			[]string{`not an align bundle: format is "other-tool"`}},
		{"missing format", func(s string) string { return edit(t, s, `"format": "align-bundle",`, ``) },
			[]string{`"format" field is missing`}},
		{"trailing garbage", func(s string) string { return s + "garbage" }, []string{"unexpected data after the bundle"}},
		{"trailing second object", func(s string) string { return s + "{}\n" }, []string{"unexpected data after the bundle"}},
		{"deep nesting in a list", func(s string) string {
			return edit(t, s, `"goals": [`, `"goals": [`+strings.Repeat("[", 100000))
		}, []string{"goals[0]", "expected an object, found an array"}},
		{"deep nesting at the top", func(string) string { return strings.Repeat("[", 1000000) },
			[]string{"expected an object, found an array"}},
		{"nil UUID reference", func(s string) string { return edit(t, s, dana, `"member_id": "`+nilID+`"`) },
			[]string{"assessment", "member_id", "nil UUID"}},
		{"nil record id", func(s string) string { return edit(t, s, story1, `"id": "`+nilID+`"`) },
			[]string{"story", "sprints[0].stories[0]", "id: the nil UUID is not allowed"}},
		{"nil optional reference", func(s string) string {
			return edit(t, s, `"goal_id": "01950000-0000-7000-8000-000000000002"`, `"goal_id": "`+nilID+`"`)
		}, []string{"objective 01950000-0000-7000-8000-000000000202", "goal_id", "write null"}},
		{"upper-case UUID", func(s string) string {
			return edit(t, s, `"replica": "0195aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee"`, `"replica": "0195AAAA-BBBB-7CCC-8DDD-EEEEEEEEEEEE"`)
		}, []string{"replica", "not a canonical UUID"}},
		{"braced UUID", func(s string) string { return edit(t, s, story1, `"id": "{01950000-0000-7000-8000-000000000221}"`) },
			[]string{"story", "id", "not a canonical UUID"}},
		{"progress 101", func(s string) string { return edit(t, s, carol, `"progress": 101,`) },
			[]string{"assessment 01950000-0000-7000-8000-000000000213", "sprints[0].assessments[2]", "progress: 101 is outside 0–100"}},
		{"negative progress", func(s string) string { return edit(t, s, carol, `"progress": -1,`) },
			[]string{"progress: -1 is outside 0–100"}},
		{"fractional progress", func(s string) string { return edit(t, s, carol, `"progress": 60.5,`) },
			[]string{"sprints[0].assessments[2].progress", "expected a whole number", "60.5"}},
		{"progress out of range", func(s string) string { return edit(t, s, carol, `"progress": 99999999999999999999,`) },
			[]string{"99999999999999999999 is out of range"}},
		{"progress as a string", func(s string) string { return edit(t, s, carol, `"progress": "60",`) },
			[]string{"expected a whole number, found the string \"60\""}},
		{"huge number", func(s string) string { return edit(t, s, carol, `"progress": 1e400,`) },
			[]string{"expected a whole number, found 1e400"}},
		{"null where a value is required", func(s string) string {
			return edit(t, s, `"title": "Docs refresh"`, `"title": null`)
		}, []string{"sprints[0].objectives[2].title", "must not be null"}},
		{"list as null", func(s string) string { return edit(t, s, `"goals": [`, `"goals": null, "x": [`) },
			[]string{"goals", "expected an array, found null"}},
		{"time without zone", func(s string) string {
			return edit(t, s, `"exported_at": "2026-03-13T16:30:00.000000500Z"`, `"exported_at": "2026-03-13 16:30"`)
		}, []string{"exported_at", "not an RFC 3339 time in UTC"}},
		{"time not in UTC", func(s string) string {
			return edit(t, s, `"exported_at": "2026-03-13T16:30:00.000000500Z"`, `"exported_at": "2026-03-13T18:30:00+02:00"`)
		}, []string{"exported_at", "in UTC"}},
		{"impossible date", func(s string) string { return edit(t, s, `"start": "2026-03-02"`, `"start": "2026-02-30"`) },
			[]string{"sprint 01950000-0000-7000-8000-000000000200", "start", "not a date"}},
		{"state in capitals", func(s string) string { return edit(t, s, `"state": "review"`, `"state": "REVIEW"`) },
			[]string{"state", `"REVIEW" is not a state`}},
		{"unknown story status", func(s string) string { return edit(t, s, `"status": "done"`, `"status": "finished"`) },
			[]string{"story", "status", `"finished" is not a status`}},
		{"duplicate record id", func(s string) string {
			return edit(t, s, `"id": "01950000-0000-7000-8000-000000000222"`, story1)
		}, []string{"sprints[0].stories[1]", "repeats the id of the record at sprints[0].stories[0]"}},
		{"unknown scope", func(s string) string { return edit(t, s, `"scope": "sprint"`, `"scope": "everything"`) },
			[]string{"scope", `"everything" is not a scope`}},
		{"sprint scope without a sprint", func(s string) string {
			i := strings.Index(s, `"sprints": [`)
			return s[:i] + "\"sprints\": []\n}\n"
		}, []string{"exactly one sprint", "holds 0"}},
	}
	src := validSprintBundle(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeBundle(strings.NewReader(tt.in(src)))
			if err == nil {
				t.Fatal("DecodeBundle accepted the bundle; want an error")
			}
			t.Log(err)
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\ndoes not contain %q", err, w)
				}
			}
		})
	}
}

// spaces is an endless stream of white space.
type spaces struct{ read int64 }

func (s *spaces) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	s.read += int64(len(p))
	return len(p), nil
}

func TestDecodeBundle_Oversize_StopsReading(t *testing.T) {
	src := &spaces{}
	_, err := DecodeBundle(src)
	if err == nil || !strings.Contains(err.Error(), "larger than the 32 MiB limit") {
		t.Fatalf("err = %v; want the size limit", err)
	}
	if src.read > MaxBundleSize+64<<10 {
		t.Errorf("read %d bytes of an endless input; want it to stop just past %d", src.read, MaxBundleSize)
	}
}

func TestDecodeBundle_Oversize_ValidPrefix(t *testing.T) {
	r := io.MultiReader(strings.NewReader(validSprintBundle(t)), io.LimitReader(&spaces{}, MaxBundleSize))
	if _, err := DecodeBundle(r); err == nil || !strings.Contains(err.Error(), "32 MiB") {
		t.Fatalf("err = %v; want the size limit", err)
	}
}

func TestDecodeBundle_AtLimit_Accepted(t *testing.T) {
	src := validSprintBundle(t)
	padded := src + strings.Repeat(" ", MaxBundleSize-len(src))
	if _, err := DecodeBundle(strings.NewReader(padded)); err != nil {
		t.Fatalf("a bundle of exactly %d bytes was rejected: %v", MaxBundleSize, err)
	}
}

func TestDecodeBundle_ControlCharacters_Stripped(t *testing.T) {
	src := edit(t, validSprintBundle(t), `"note": "Only the webhooks are left"`,
		`"note": "Only the \u001b[2Jwebhooks\u0007 are left\u202e"`)
	src = edit(t, src, `"team": "Platform & Payments"`, `"team": "Platform\u001b]0;pwned\u0007"`)
	b, err := DecodeBundle(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if b.Team != "Platform" {
		t.Errorf("team = %q; want control characters stripped", b.Team)
	}
	d, err := b.Dataset()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range d.Sprints[0].Assessments {
		if strings.ContainsAny(a.Note, "\x1b\x07\u202e") {
			t.Errorf("note %q still holds control characters", a.Note)
		}
	}
}

func TestDecodeBundle_ReadError(t *testing.T) {
	_, err := DecodeBundle(io.MultiReader(strings.NewReader("{"), errReader{}))
	if err == nil || !strings.Contains(err.Error(), "reading") {
		t.Fatalf("err = %v; want the read error", err)
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, io.ErrClosedPipe }

func TestShapeError_Line(t *testing.T) {
	src := edit(t, validSprintBundle(t), `"progress": 60,`, `"progress": "x",`)
	_, err := DecodeBundle(bytes.NewReader([]byte(src)))
	want := strings.Count(src[:strings.Index(src, `"progress": "x"`)], "\n") + 1
	se, ok := err.(*ShapeError)
	if !ok || se.Line != want {
		t.Fatalf("err = %#v; want a ShapeError at line %d", err, want)
	}
}
