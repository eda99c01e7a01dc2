package model

import (
	"errors"
	"testing"

	"github.com/google/uuid"
)

// fxEveryKind returns one record of each kind, in RecordKinds order, all in
// sprint fxID(3) where they belong to one.
func fxEveryKind() []any {
	sid := fxID(3)
	o := fxObjective(4, 0)
	o.SprintID, o.Baseline = sid, fxInt(20)
	m := fxMember(2, "ana", true)
	m.Keys = []string{"ssh-ed25519 AAAA ana"}
	return []any{
		Goal{Meta: fxMeta(1), Title: "Grow"},
		m,
		Sprint{Meta: fxMeta(3), Name: "S1"},
		o,
		Story{Meta: fxMeta(5), SprintID: sid, ObjectiveID: o.ID, Title: "Pay", Key: "K-1"},
		Assessment{Meta: fxMeta(6), SprintID: sid, ObjectiveID: o.ID, MemberID: m.ID},
		Outcome{Meta: fxMeta(7), SprintID: sid, ObjectiveID: o.ID, Agreed: fxInt(50)},
		ActionItem{Meta: fxMeta(8), SprintID: sid, Text: "Ask"},
	}
}

func TestRecordTable_Describe(t *testing.T) {
	wantNames := []string{"goal", "member", "sprint", "objective", "story", "assessment", "outcome", "action item"}
	wantLabels := []string{"Grow", "ana", "S1", "objective", "K-1 Pay", "", "", "Ask"}
	recs := fxEveryKind()
	if len(recs) != len(RecordKinds) {
		t.Fatalf("%d kinds in the fixture, %d in RecordKinds", len(recs), len(RecordKinds))
	}
	for i, rec := range recs {
		kind, m, sprint, ok := Describe(rec)
		if !ok || kind != RecordKinds[i] || kind.String() != wantNames[i] || m.ID != fxID(i+1) {
			t.Errorf("Describe(%T) = %v %q %s %v", rec, kind, kind.String(), m.ID, ok)
		}
		wantSprint := fxID(3)
		if i < 2 {
			wantSprint = uuid.Nil
		}
		if sprint != wantSprint || kind.InSprint() != (i >= 2) {
			t.Errorf("%T: sprint %s InSprint %v", rec, sprint, kind.InSprint())
		}
		if RecordLabel(rec) != wantLabels[i] {
			t.Errorf("RecordLabel(%T) = %q, want %q", rec, RecordLabel(rec), wantLabels[i])
		}
		del := WithDeleted(rec, true)
		if !MetaOf(del).Deleted || MetaOf(rec).Deleted || SameVersion(rec, del) || !SameContent(rec, del) {
			t.Errorf("%T: WithDeleted does not set Deleted alone", rec)
		}
		if cp := CopyRecord(rec); !SameVersion(cp, rec) || !QuickEqual(cp, rec) {
			t.Errorf("%T: the copy differs", rec)
		}
		own := rec.(interface{ Validate() error }).Validate()
		if got := ValidateRecord(rec); (got == nil) != (own == nil) || got != nil && got.Error() != own.Error() {
			t.Errorf("ValidateRecord(%T) = %v, its own Validate says %v", rec, got, own)
		}
	}
	if _, _, _, ok := Describe("not a record"); ok {
		t.Error("Describe accepted a string")
	}
	if ValidateRecord(42) == nil {
		t.Error("ValidateRecord accepted an int")
	}
}

func TestRecordTable_CopySharesNothing(t *testing.T) {
	recs := fxEveryKind()
	m := CopyRecord(recs[1]).(Member)
	m.Keys[0] = "changed"
	o := CopyRecord(recs[3]).(Objective)
	*o.Baseline = 99
	out := CopyRecord(recs[6]).(Outcome)
	*out.Agreed = 99
	if recs[1].(Member).Keys[0] == "changed" || *recs[3].(Objective).Baseline == 99 || *recs[6].(Outcome).Agreed == 99 {
		t.Error("CopyRecord shares memory with the original")
	}
}

func TestEachRecord_OrderAndStop(t *testing.T) {
	recs := fxEveryKind()
	sd := SprintData{Sprint: recs[2].(Sprint), Objectives: []Objective{recs[3].(Objective)}, Stories: []Story{recs[4].(Story)},
		Assessments: []Assessment{recs[5].(Assessment)}, Outcomes: []Outcome{recs[6].(Outcome)}, Actions: []ActionItem{recs[7].(ActionItem)}}
	r2 := recs[5].(Assessment)
	r2.ID, r2.Round2 = fxID(9), true
	sd.Round2 = []Assessment{r2}
	d := Dataset{Goals: []Goal{recs[0].(Goal)}, Members: []Member{recs[1].(Member)}, Sprints: []SprintData{sd}}
	var ids []uuid.UUID
	var under []uuid.UUID
	_ = EachRecord(d, func(rec any, listedUnder uuid.UUID) error {
		ids, under = append(ids, MetaOf(rec).ID), append(under, listedUnder)
		return nil
	})
	want := []uuid.UUID{fxID(1), fxID(2), fxID(3), fxID(4), fxID(5), fxID(6), fxID(9), fxID(7), fxID(8)}
	if len(ids) != len(want) {
		t.Fatalf("visited %v", ids)
	}
	for i := range want {
		if ids[i] != want[i] || (under[i] == uuid.Nil) != (i < 2) {
			t.Errorf("visit %d: %s under %s, want %s", i, ids[i], under[i], want[i])
		}
	}
	stop := errors.New("stop")
	n := 0
	if err := EachRecord(d, func(any, uuid.UUID) error {
		if n++; n == 4 {
			return stop
		}
		return nil
	}); err != stop || n != 4 {
		t.Errorf("EachRecord went on after an error: %v after %d visits", err, n)
	}
}

func TestNormalizeAll(t *testing.T) {
	d := Dataset{Goals: []Goal{{Meta: fxMeta(1), Title: "  Grow \x1b[31m "}},
		Sprints: []SprintData{{Sprint: Sprint{Meta: fxMeta(3), Name: " S1 "}, Stories: []Story{{Meta: fxMeta(5), Title: " Pay "}}}}}
	NormalizeAll(&d)
	g, sp, st := d.Goals[0], d.Sprints[0].Sprint, d.Sprints[0].Stories[0]
	g2, sp2, st2 := g, sp, st
	g2.Normalize()
	sp2.Normalize()
	st2.Normalize()
	if g2 != g || sp2 != sp || st2 != st {
		t.Errorf("not normalised: %q %q %q", g.Title, sp.Name, st.Title)
	}
	if g.Title == "  Grow \x1b[31m " {
		t.Error("NormalizeAll left the goal's title as it was")
	}
}
