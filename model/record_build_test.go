package model

import (
	"strings"
	"testing"

	"github.com/google/uuid"
)

// fxWorkspace is one record of every kind (fxEveryKind) and a second
// member, as a Dataset.
func fxWorkspace() Dataset {
	r := fxEveryKind()
	sd := SprintData{Sprint: r[2].(Sprint), Objectives: []Objective{r[3].(Objective)}, Stories: []Story{r[4].(Story)},
		Assessments: []Assessment{r[5].(Assessment)}, Outcomes: []Outcome{r[6].(Outcome)}, Actions: []ActionItem{r[7].(ActionItem)}}
	return Dataset{Goals: []Goal{r[0].(Goal)}, Members: []Member{r[1].(Member), fxMember(20, "bo", true)}, Sprints: []SprintData{sd}}
}

// fxCanon encodes a dataset canonically (sorted by ID, every field and the
// tombstone flag), so that two datasets compare equal exactly when they hold
// the same records.
func fxCanon(d Dataset) string {
	var b strings.Builder
	_ = EachRecord(ApplyToDataset(Dataset{}, d), func(rec any, _ uuid.UUID) error {
		kind, m, _, _ := Describe(rec)
		b.WriteString(kind.String())
		if m.Deleted {
			b.WriteString(" deleted")
		}
		b.WriteString(" " + Encode(rec) + "\n")
		return nil
	})
	return b.String()
}

func TestApplyToDataset_Upsert(t *testing.T) {
	d := fxWorkspace()
	st := d.Sprints[0].Stories[0]
	st.Title = "renamed"
	sp2 := Sprint{Meta: fxMeta(200), Name: "S2", Start: Day(fxNow), End: Day(fxNow), State: StatePlanning}
	w := Dataset{
		Goals: []Goal{{Meta: fxMeta(201), Title: "new"}},
		Sprints: []SprintData{
			{Sprint: d.Sprints[0].Sprint, Stories: []Story{st}},
			{Sprint: sp2, Objectives: []Objective{{Meta: fxMeta(202), SprintID: sp2.ID, Title: "o"}}},
		},
	}
	before := fxCanon(d)
	got := ApplyToDataset(d, w)
	if fxCanon(d) != before {
		t.Fatal("ApplyToDataset modified its argument")
	}
	if len(got.Goals) != 2 || got.Goals[1].ID != fxID(201) {
		t.Errorf("goals %+v", got.Goals)
	}
	if len(got.Sprints) != 2 || got.Sprints[1].Sprint.ID != sp2.ID || len(got.Sprints[1].Objectives) != 1 {
		t.Fatalf("sprints %+v", got.Sprints)
	}
	if s := got.Sprints[0].Stories; len(s) != 1 || s[0].Title != "renamed" {
		t.Errorf("stories %+v", s)
	}
	if len(got.Sprints[0].Assessments) != 1 || len(got.Members) != 2 {
		t.Error("records not in w were lost")
	}
}

// TestBuilder_Put: a record goes under the header it is put with, a
// header put later replaces the one collected, and the result shares no
// memory with what was put.
func TestBuilder_Put(t *testing.T) {
	d := fxWorkspace()
	b := NewBuilder()
	sp := d.Sprints[0].Sprint
	b.Put(d.Sprints[0].Objectives[0], sp)
	b.Put(d.Members[0], Sprint{})
	renamed := sp
	renamed.Name = "S1 renamed"
	b.Put(renamed, renamed)
	got := b.Dataset()
	if len(got.Sprints) != 1 || got.Sprints[0].Sprint.Name != "S1 renamed" || len(got.Sprints[0].Objectives) != 1 || len(got.Members) != 1 {
		t.Fatalf("Builder collected %+v", got)
	}
	got.Members[0].Keys[0] = "changed"
	if d.Members[0].Keys[0] == "changed" {
		t.Error("the Builder's Dataset shares memory with the records put")
	}
}
