package export

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

func writeJSON(t *testing.T, b Bundle) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteJSON(&buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestWriteJSON_Golden(t *testing.T) {
	tests := []struct {
		name, file, scope string
		data              model.Dataset
	}{
		{"all", "bundle_all.json", ScopeAll, fixtureDataset()},
		{"sprint", "bundle_sprint.json", ScopeSprint, model.Dataset{
			Goals: fixtureGoals(), Members: fixtureMembers(), Sprints: []model.SprintData{fixtureSprint14()},
		}},
		{"empty", "bundle_empty.json", ScopeAll, model.Dataset{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := writeJSON(t, NewBundle("Platform & Payments", replica, exportedAt, tt.scope, tt.data))
			golden(t, tt.file, got)
		})
	}
}

func TestBundle_RoundTrip_Identical(t *testing.T) {
	in := fixtureDataset()
	first := writeJSON(t, NewBundle("Platform & Payments", replica, exportedAt, ScopeAll, in))

	b, err := DecodeBundle(bytes.NewReader(first))
	if err != nil {
		t.Fatalf("DecodeBundle: %v", err)
	}
	if b.Team != "Platform & Payments" || b.Replica != replica || !b.ExportedAt.Equal(exportedAt) || b.Scope != ScopeAll {
		t.Errorf("header = %q %v %v %q", b.Team, b.Replica, b.ExportedAt, b.Scope)
	}
	out, err := b.Dataset()
	if err != nil {
		t.Fatalf("Dataset: %v", err)
	}
	if want := sortedCopy(in); !reflect.DeepEqual(out, want) {
		t.Errorf("Dataset() differs from the exported dataset:\n got %+v\nwant %+v", out, want)
	}
	again := writeJSON(t, NewBundle(b.Team, b.Replica, b.ExportedAt, b.Scope, out))
	if !bytes.Equal(first, again) {
		t.Error("re-export is not byte-identical")
	}
	if direct := writeJSON(t, b); !bytes.Equal(first, direct) {
		t.Error("writing the decoded bundle is not byte-identical")
	}
}

func TestNewBundle_Order_IndependentOfInput(t *testing.T) {
	in := fixtureDataset()
	want := writeJSON(t, NewBundle("T", replica, exportedAt, ScopeAll, in))

	shuffled := fixtureDataset()
	slices.Reverse(shuffled.Goals)
	slices.Reverse(shuffled.Members)
	slices.Reverse(shuffled.Sprints)
	for i := range shuffled.Sprints {
		sd := &shuffled.Sprints[i]
		slices.Reverse(sd.Objectives)
		slices.Reverse(sd.Stories)
		slices.Reverse(sd.Assessments)
		slices.Reverse(sd.Outcomes)
		slices.Reverse(sd.Actions)
	}
	if got := writeJSON(t, NewBundle("T", replica, exportedAt, ScopeAll, shuffled)); !bytes.Equal(got, want) {
		t.Error("output depends on the input order")
	}
}

func TestNewBundle_Copy_NotAliased(t *testing.T) {
	in := fixtureDataset()
	b := NewBundle("T", replica, exportedAt, ScopeAll, in)
	before := writeJSON(t, b)
	in.Goals[0].Title = "changed"
	in.Members[0].Keys[0] = "changed"
	*in.Sprints[1].Outcomes[0].Agreed = 99
	in.Sprints[1].Assessments[0].Progress = 1
	if after := writeJSON(t, b); !bytes.Equal(before, after) {
		t.Error("changing the input after NewBundle changed the bundle")
	}
	d, err := b.Dataset()
	if err != nil {
		t.Fatal(err)
	}
	d.Members[0].Keys[0] = "changed again"
	if after := writeJSON(t, b); !bytes.Equal(before, after) {
		t.Error("changing Dataset's result changed the bundle")
	}
}

func TestBundle_Dataset_Invalid(t *testing.T) {
	tests := []struct {
		name   string
		scope  string
		edit   func(d *model.Dataset)
		want   []string // substrings of the error
		record string   // the RecordError's kind
	}{
		{"nil record id", ScopeAll, func(d *model.Dataset) { d.Goals[0].ID = uuid.Nil },
			[]string{"goal", "id", "nil UUID"}, "goal"},
		{"duplicate id", ScopeAll, func(d *model.Dataset) { d.Sprints[1].Stories[1].ID = d.Sprints[1].Stories[0].ID },
			[]string{"story", id(0x221).String(), "repeats the id", "sprints[1].stories[0]"}, "story"},
		{"progress 101", ScopeAll, func(d *model.Dataset) { d.Sprints[1].Assessments[2].Progress = 101 },
			[]string{"assessment " + id(0x213).String(), "progress", "101 is outside 0–100"}, "assessment"},
		{"confidence 0", ScopeAll, func(d *model.Dataset) { d.Sprints[1].Assessments[0].Confidence = 0 },
			[]string{"assessment", "confidence", "outside 1–5"}, "assessment"},
		{"updated before created", ScopeAll, func(d *model.Dataset) {
			d.Members[1].UpdatedAt = d.Members[1].CreatedAt.Add(-1)
		}, []string{"member " + id(0x12).String(), "updated_at", "before created_at"}, "member"},
		{"duplicate live handle", ScopeAll, func(d *model.Dataset) { d.Members[2].Handle = "bob" },
			[]string{"member", "handle", `"bob" is also the handle`}, "member"},
		{"empty title", ScopeAll, func(d *model.Dataset) { d.Sprints[1].Objectives[0].Title = " \x1b " },
			[]string{"objective", "title", "must not be empty"}, "objective"},
		{"nil assessment member", ScopeAll, func(d *model.Dataset) { d.Sprints[0].Assessments[0].MemberID = uuid.Nil },
			[]string{"assessment", "member_id", "nil UUID"}, "assessment"},
		{"end before start", ScopeAll, func(d *model.Dataset) { d.Sprints[0].Sprint.End = d.Sprints[0].Sprint.Start.AddDate(0, 0, -1) },
			[]string{"sprint " + s13.String(), "end", "before the start date"}, "sprint"},
		{"story points", ScopeAll, func(d *model.Dataset) { d.Sprints[1].Stories[0].Points = -1 },
			[]string{"story", "points", "outside 0–1000"}, "story"},
		{"bad ssh key", ScopeAll, func(d *model.Dataset) { d.Members[0].Keys = []string{""} },
			[]string{"member", "ssh_keys", "must not be empty"}, "member"},
		{"sprint scope with two sprints", ScopeSprint, func(d *model.Dataset) {},
			[]string{"scope", "exactly one sprint", "holds 2"}, "header"},
		{"unknown scope", "theirs", func(d *model.Dataset) {},
			[]string{"scope", `"theirs" is not a scope`}, "header"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := fixtureDataset()
			tt.edit(&d)
			_, err := NewBundle("T", replica, exportedAt, tt.scope, d).Dataset()
			if err == nil {
				t.Fatal("Dataset() succeeded; want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			var re *RecordError
			if !errors.As(err, &re) || re.Kind != tt.record {
				t.Errorf("error %#v is not a RecordError for a %s", err, tt.record)
			}
		})
	}
}

func TestBundle_Dataset_Normalizes(t *testing.T) {
	d := fixtureDataset()
	d.Sprints[1].Assessments[0].Note = "fine\x1b[31m red\x1b[0m\r\n  next line \x07"
	got, err := NewBundle("T", replica, exportedAt, ScopeAll, d).Dataset()
	if err != nil {
		t.Fatal(err)
	}
	if note := got.Sprints[1].Assessments[0].Note; note != "fine red\n  next line" {
		t.Errorf("note = %q; want control characters stripped", note)
	}
}

func TestBundle_Dataset_Empty(t *testing.T) {
	d, err := NewBundle("T", replica, exportedAt, ScopeAll, model.Dataset{}).Dataset()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(d, model.Dataset{}) {
		t.Errorf("Dataset() = %+v; want empty", d)
	}
}

// largeDataset builds a workspace of the given size with valid records.
func largeDataset(sprints, members, objectives, stories int) model.Dataset {
	var d model.Dataset
	n := 0x10000
	next := func(minutes int) model.Meta { n++; return meta(n, minutes, 1) }
	for i := range members {
		d.Members = append(d.Members, model.Member{Meta: next(i), Name: "Member", Handle: "m" + strconv.Itoa(i), Active: true})
	}
	for s := range sprints {
		sd := model.SprintData{Sprint: model.Sprint{Meta: next(s), Name: "Sprint " + strconv.Itoa(s),
			Start: base.AddDate(0, 0, 14*s), End: base.AddDate(0, 0, 14*s+11), State: model.StateClosed}}
		for o := range objectives {
			obj := model.Objective{Meta: next(s), SprintID: sd.Sprint.ID, Title: "Objective", Order: o}
			sd.Objectives = append(sd.Objectives, obj)
			for k := range stories {
				sd.Stories = append(sd.Stories, model.Story{Meta: next(s), SprintID: sd.Sprint.ID, ObjectiveID: obj.ID,
					Title: "As a user I can do one more thing", Points: 3, Status: model.StoryDone, Key: "K-" + strconv.Itoa(k), Order: k})
			}
			for _, m := range d.Members {
				sd.Assessments = append(sd.Assessments, model.Assessment{Meta: next(s), SprintID: sd.Sprint.ID,
					ObjectiveID: obj.ID, MemberID: m.ID, Progress: 50, Confidence: 3, Note: "a short note", Submitted: true})
			}
			sd.Outcomes = append(sd.Outcomes, model.Outcome{Meta: next(s), SprintID: sd.Sprint.ID, ObjectiveID: obj.ID, Agreed: intp(50)})
		}
		d.Sprints = append(d.Sprints, sd)
	}
	return d
}

func BenchmarkDecodeBundle(b *testing.B) {
	var buf bytes.Buffer
	if err := WriteJSON(&buf, NewBundle("T", replica, exportedAt, ScopeAll, largeDataset(130, 15, 10, 5))); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	for b.Loop() {
		if _, err := DecodeBundle(bytes.NewReader(buf.Bytes())); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteJSON(b *testing.B) {
	bundle := NewBundle("T", replica, exportedAt, ScopeAll, largeDataset(130, 15, 10, 5))
	for b.Loop() {
		if err := WriteJSON(io.Discard, bundle); err != nil {
			b.Fatal(err)
		}
	}
}

func TestBundle_Dataset_ZeroValue(t *testing.T) {
	_, err := Bundle{}.Dataset()
	if err == nil || !strings.Contains(err.Error(), "not an align bundle") {
		t.Errorf("err = %v; want a format error", err)
	}
	b := NewBundle("T", replica, exportedAt, ScopeAll, model.Dataset{})
	b.Version = 3
	if _, err := b.Dataset(); err == nil || !strings.Contains(err.Error(), "version 3 is not supported") {
		t.Errorf("err = %v; want a version error", err)
	}
	b = NewBundle("T", [16]byte{}, exportedAt, ScopeAll, model.Dataset{})
	if _, err := b.Dataset(); err == nil || !strings.Contains(err.Error(), "replica") {
		t.Errorf("err = %v; want a replica error", err)
	}
}
