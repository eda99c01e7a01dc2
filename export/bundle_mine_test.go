package export

import (
	"bytes"
	"strings"
	"testing"

	"github.com/align-team/align/model"
)

// mineBundle is one member's own bundle of the fixture's sprint 14.
func mineBundle(t *testing.T) (Bundle, model.Member) {
	t.Helper()
	sd := fixtureSprint14()
	if len(sd.Assessments) == 0 {
		t.Fatal("fixture sprint 14 has no estimates")
	}
	member := sd.Assessments[0].MemberID
	var m model.Member
	for _, x := range fixtureMembers() {
		if x.ID == member {
			m = x
		}
	}
	mine := model.SprintData{Sprint: model.Sprint{Meta: model.Meta{ID: sd.Sprint.ID}}}
	for _, a := range sd.Assessments {
		if a.MemberID == member {
			mine.Assessments = append(mine.Assessments, a)
		}
	}
	b := NewBundle("T", replica, exportedAt, ScopeMine, model.Dataset{Members: []model.Member{m}, Sprints: []model.SprintData{mine}})
	b.Author = member
	return b, m
}

func TestBundle_Mine_RoundTrip(t *testing.T) {
	b, m := mineBundle(t)
	data := writeJSON(t, b)
	for _, absent := range []string{`"name": "Sprint`, `"state"`, `"objectives"`, `"goals"`} {
		if bytes.Contains(data, []byte(absent)) {
			t.Errorf("a mine bundle carries %s:\n%s", absent, data)
		}
	}
	got, err := DecodeBundle(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("decode: %v\n%s", err, data)
	}
	d, err := got.Dataset()
	if err != nil {
		t.Fatal(err)
	}
	if got.Author != m.ID || got.NeedsSprint() != fixtureSprint14().Sprint.ID || len(d.Members) != 1 || len(d.Sprints[0].Assessments) == 0 {
		t.Errorf("decoded author %s, sprint %s, %d members, %+v", got.Author, got.NeedsSprint(), len(d.Members), d.Sprints)
	}
	if again := writeJSON(t, got); !bytes.Equal(again, data) {
		t.Errorf("not byte-identical after a round trip:\n%s\n%s", data, again)
	}
}

func TestBundle_Mine_Refused(t *testing.T) {
	b, _ := mineBundle(t)
	data := string(writeJSON(t, b))
	other := fixtureMembers()[0].ID.String()
	if other == b.Author.String() {
		other = fixtureMembers()[1].ID.String()
	}
	tests := []struct {
		name string
		edit func(string) string
		want string
	}{
		{"a sprint header", func(s string) string {
			return strings.Replace(s, `"assessments": [`, `"name": "Sprint 14", "assessments": [`, 1)
		}, `unknown field "name"`},
		{"another member's estimate", func(s string) string {
			return strings.Replace(s, `"member_id": "`+b.Author.String()+`"`, `"member_id": "`+other+`"`, 1)
		}, "only its author's own estimates"},
		{"no author", func(s string) string {
			return strings.Replace(s, `"author": "`+b.Author.String()+`"`, `"author": null`, 1)
		}, "needs its author"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.edit(data)
			if in == data {
				t.Fatal("the edit changed nothing")
			}
			_, err := DecodeBundle(strings.NewReader(in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}
