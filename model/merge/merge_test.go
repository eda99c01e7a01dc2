package merge

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// mtBase is the fixed clock of the merge tests; mtNow is "now" when merging.
var (
	mtBase = time.Date(2025, 4, 1, 9, 0, 0, 0, time.UTC)
	mtNow  = mtBase.Add(time.Hour)
)

const mtSkew = 5 * time.Minute

func mtAt(sec int) time.Time { return mtBase.Add(time.Duration(sec) * time.Second) }

// mtID returns a distinct, stable ID; larger n sorts later.
func mtID(n int) uuid.UUID {
	var id uuid.UUID
	id[0], id[14], id[15] = 0x01, byte(n>>8), byte(n)
	return id
}

func mtMeta(n, sec int) model.Meta {
	return model.Meta{ID: mtID(n), CreatedAt: mtAt(0), UpdatedAt: mtAt(sec)}
}

// Fixed IDs of mtWorkspace's records.
const (
	mtGoal = iota + 1
	mtAnn
	mtBob
	mtSprint
	mtObj
	mtStory
	mtAssess
	mtOutcome
	mtAction
)

// mtWorkspace is a small workspace with one record of every type.
func mtWorkspace() model.Dataset {
	sid, oid := mtID(mtSprint), mtID(mtObj)
	return model.Dataset{
		Goals: []model.Goal{{Meta: mtMeta(mtGoal, 0), Title: "Grow revenue"}},
		Members: []model.Member{
			{Meta: mtMeta(mtAnn, 0), Name: "Ann", Handle: "ann", Active: true, Keys: []string{"ssh-ed25519 AAAA ann"}},
			{Meta: mtMeta(mtBob, 0), Name: "Bob", Handle: "bob", Active: true},
		},
		Sprints: []model.SprintData{{
			Sprint:      model.Sprint{Meta: mtMeta(mtSprint, 0), Name: "S1", Start: model.Day(mtBase), End: model.Day(mtBase.AddDate(0, 0, 13)), State: model.StateAssessing},
			Objectives:  []model.Objective{{Meta: mtMeta(mtObj, 0), SprintID: sid, Title: "Checkout", GoalID: mtID(mtGoal)}},
			Stories:     []model.Story{{Meta: mtMeta(mtStory, 0), SprintID: sid, ObjectiveID: oid, Title: "Pay by card", Status: model.StoryTodo, Points: 3}},
			Assessments: []model.Assessment{{Meta: mtMeta(mtAssess, 0), SprintID: sid, ObjectiveID: oid, MemberID: mtID(mtAnn), Progress: 40, Confidence: 3}},
			Outcomes:    []model.Outcome{{Meta: mtMeta(mtOutcome, 0), SprintID: sid, ObjectiveID: oid, Notes: "tbd"}},
			Actions:     []model.ActionItem{{Meta: mtMeta(mtAction, 0), SprintID: sid, Text: "Ask finance", OwnerID: mtID(mtBob)}},
		}},
	}
}

// mtCanon encodes a dataset canonically (sorted by ID, every field and the
// tombstone flag), so that two datasets compare equal exactly when they hold
// the same records.
func mtCanon(d model.Dataset) string {
	var b strings.Builder
	line := func(rec any) {
		e := newEntry(rec)
		b.WriteString(e.kind.String())
		if e.meta.Deleted {
			b.WriteString(" deleted")
		}
		b.WriteString(" " + e.encoding() + "\n")
	}
	d = model.ApplyToDataset(model.Dataset{}, d)
	_ = model.EachRecord(d, func(rec any, _ uuid.UUID) error { line(rec); return nil })
	return b.String()
}

// mtMerge merges and fails the test on an error.
func mtMerge(t *testing.T, local, incoming model.Dataset) Result {
	t.Helper()
	res, err := Merge(local, incoming, mtNow, mtSkew)
	if err != nil {
		t.Fatalf("Merge: %v", err)
	}
	return res
}

func TestMerge_Kinds(t *testing.T) {
	newStory := func(d *model.Dataset) {
		s := *mtStoryOf(*d)
		s.Meta = mtMeta(100, 5)
		s.Title = "Pay by wire"
		d.Sprints[0].Stories = append(d.Sprints[0].Stories, s)
	}
	tests := []struct {
		name      string
		local     func(*model.Dataset) // changes to the workspace
		incoming  func(*model.Dataset) // changes to the bundle, a copy of the base workspace
		id        int
		want      model.ChangeKind
		written   bool
		wantTitle string // title of the story afterwards
		wantDel   bool
		wantLocal string // substring of Change.Local
	}{
		{name: "added", incoming: newStory, id: 100, want: model.ChangeAdded, written: true, wantTitle: "Pay by wire"},
		{name: "updated", id: mtStory, want: model.ChangeUpdated, written: true, wantTitle: "Pay by link", wantLocal: `title="Pay by card"`,
			incoming: func(d *model.Dataset) { s := mtStoryOf(*d); s.Title, s.UpdatedAt = "Pay by link", mtAt(10) }},
		{name: "deleted", id: mtStory, want: model.ChangeDeleted, written: true, wantTitle: "Pay by card", wantDel: true,
			incoming: func(d *model.Dataset) { s := mtStoryOf(*d); s.Deleted, s.UpdatedAt = true, mtAt(10) }},
		{name: "unchanged", id: mtStory, want: model.ChangeUnchanged, wantTitle: "Pay by card",
			incoming: func(d *model.Dataset) {}},
		{name: "older copy is unchanged", id: mtStory, want: model.ChangeUnchanged, wantTitle: "Pay by QR", wantLocal: `title="Pay by QR"`,
			local:    func(d *model.Dataset) { s := mtStoryOf(*d); s.Title, s.UpdatedAt = "Pay by QR", mtAt(20) },
			incoming: func(d *model.Dataset) { s := mtStoryOf(*d); s.Title, s.UpdatedAt = "Pay by link", mtAt(10) }},
		{name: "tie is a conflict won locally, writing nothing", id: mtStory, want: model.ChangeConflict, wantTitle: "Pay by QR",
			wantLocal: `title="Pay by QR"`,
			local:     func(d *model.Dataset) { s := mtStoryOf(*d); s.Title, s.UpdatedAt = "Pay by QR", mtAt(10) },
			incoming:  func(d *model.Dataset) { s := mtStoryOf(*d); s.Title, s.UpdatedAt = "Pay by link", mtAt(10) }},
		{name: "tie is a conflict won by the bundle", id: mtStory, want: model.ChangeConflict, written: true, wantTitle: "Pay by QR",
			local:    func(d *model.Dataset) { s := mtStoryOf(*d); s.Title, s.UpdatedAt = "Pay by link", mtAt(10) },
			incoming: func(d *model.Dataset) { s := mtStoryOf(*d); s.Title, s.UpdatedAt = "Pay by QR", mtAt(10) }},
		{name: "edit after deletion is a conflict and stays deleted", id: mtStory, want: model.ChangeConflict, written: true,
			wantTitle: "Pay by link", wantDel: true, wantLocal: "deleted",
			local:    func(d *model.Dataset) { s := mtStoryOf(*d); s.Deleted, s.UpdatedAt = true, mtAt(10) },
			incoming: func(d *model.Dataset) { s := mtStoryOf(*d); s.Title, s.UpdatedAt = "Pay by link", mtAt(20) }},
		{name: "deletion over an older edit", id: mtStory, want: model.ChangeDeleted, written: true, wantTitle: "Pay by card", wantDel: true,
			local:    func(d *model.Dataset) { s := mtStoryOf(*d); s.Title, s.UpdatedAt = "Pay by link", mtAt(10) },
			incoming: func(d *model.Dataset) { s := mtStoryOf(*d); s.Deleted, s.UpdatedAt = true, mtAt(20) }},
		{name: "tombstone not resurrected by an older copy", id: mtStory, want: model.ChangeUnchanged, wantTitle: "Pay by card", wantDel: true,
			local:    func(d *model.Dataset) { s := mtStoryOf(*d); s.Deleted, s.UpdatedAt = true, mtAt(10) },
			incoming: func(d *model.Dataset) {}},
		{name: "unseen tombstone is recorded", id: 100, want: model.ChangeDeleted, written: true, wantTitle: "Pay by wire", wantDel: true,
			incoming: func(d *model.Dataset) {
				newStory(d)
				d.Sprints[0].Stories[1].Deleted = true
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			local, incoming := mtWorkspace(), mtWorkspace()
			if tt.local != nil {
				tt.local(&local)
			}
			tt.incoming(&incoming)
			res := mtMerge(t, local, incoming)
			c := mtChange(t, res, mtID(tt.id))
			if c.Kind != tt.want {
				t.Errorf("kind = %s, want %s (change %+v)", c.Kind, tt.want, c)
			}
			if c.Record != "story" {
				t.Errorf("record = %q, want story", c.Record)
			}
			if tt.wantLocal != "" && !strings.Contains(c.Local, tt.wantLocal) {
				t.Errorf("Local = %q, want it to contain %q", c.Local, tt.wantLocal)
			}
			var wrote bool
			for _, s := range res.Write.Sprints {
				for _, st := range s.Stories {
					wrote = wrote || st.ID == mtID(tt.id)
				}
			}
			if wrote != tt.written {
				t.Errorf("written = %v, want %v (write %+v)", wrote, tt.written, res.Write)
			}
			after := model.ApplyToDataset(local, res.Write)
			var got *model.Story
			for i, st := range after.Sprints[0].Stories {
				if st.ID == mtID(tt.id) {
					got = &after.Sprints[0].Stories[i]
				}
			}
			if got == nil {
				t.Fatalf("story %d missing after apply", tt.id)
			}
			if got.Title != tt.wantTitle || got.Deleted != tt.wantDel {
				t.Errorf("after apply: title %q deleted %v, want %q %v", got.Title, got.Deleted, tt.wantTitle, tt.wantDel)
			}
			if n := res.Counts[tt.want]; n < 1 {
				t.Errorf("Counts[%s] = %d", tt.want, n)
			}
			// Every other record is unchanged.
			for _, c := range res.Changes {
				if c.ID != mtID(tt.id) && c.Kind != model.ChangeUnchanged {
					t.Errorf("unexpected change %+v", c)
				}
			}
		})
	}
}

func TestMerge_SymmetricTies(t *testing.T) {
	a, b := mtWorkspace(), mtWorkspace()
	sa, sb := mtStoryOf(a), mtStoryOf(b)
	sa.Title, sa.UpdatedAt = "Pay by QR", mtAt(10)
	sb.Title, sb.UpdatedAt = "Pay by link", mtAt(10)
	ab := model.ApplyToDataset(a, mtMerge(t, a, b).Write)
	ba := model.ApplyToDataset(b, mtMerge(t, b, a).Write)
	if mtCanon(ab) != mtCanon(ba) {
		t.Errorf("tie resolved differently by import order:\n%s\n%s", mtCanon(ab), mtCanon(ba))
	}
}

func TestMerge_Idempotent(t *testing.T) {
	local, incoming := mtWorkspace(), mtWorkspace()
	s := mtStoryOf(incoming)
	s.Title, s.UpdatedAt = "Pay by link", mtAt(10)
	incoming.Sprints[0].Assessments[0].Deleted = true
	incoming.Sprints[0].Assessments[0].UpdatedAt = mtAt(10)
	incoming.Goals = append(incoming.Goals, model.Goal{Meta: mtMeta(101, 3), Title: "Cut costs"})

	first := mtMerge(t, local, incoming)
	if first.Empty() {
		t.Fatal("first merge writes nothing")
	}
	applied := model.ApplyToDataset(local, first.Write)
	second := mtMerge(t, applied, incoming)
	if !second.Empty() {
		t.Errorf("second merge writes %+v", second.Write)
	}
	for _, c := range second.Changes {
		if c.Kind != model.ChangeUnchanged {
			t.Errorf("second merge: %+v, want unchanged", c)
		}
	}
	if got, want := second.Counts[model.ChangeUnchanged], len(second.Changes); got != want {
		t.Errorf("unchanged = %d, want %d", got, want)
	}
}

func TestMerge_IntoEmptyWorkspace(t *testing.T) {
	ws := mtWorkspace()
	res := mtMerge(t, model.Dataset{}, ws)
	if got, want := res.Counts[model.ChangeAdded], 9; got != want {
		t.Errorf("added = %d, want %d (%+v)", got, want, res.Changes)
	}
	if mtCanon(res.Write) != mtCanon(ws) {
		t.Errorf("write differs from the bundle:\n%s\n%s", mtCanon(res.Write), mtCanon(ws))
	}
	c := mtChange(t, res, mtID(mtAssess))
	if c.Label != "ann on Checkout" {
		t.Errorf("assessment label = %q", c.Label)
	}
}

func TestMerge_DoesNotMutateInputs(t *testing.T) {
	local, incoming := mtWorkspace(), mtWorkspace()
	incoming.Members[0].Keys[0] = "  ssh-ed25519 AAAA\x1b[31mann  "
	incoming.Members[0].UpdatedAt = mtAt(5)
	incoming.Sprints[0].Assessments[0].Note = "done\x1b]0;pwned\x07 mostly"
	incoming.Sprints[0].Assessments[0].UpdatedAt = mtAt(5)
	incoming.Sprints[0].Outcomes[0].Agreed = intPtrMT(50)
	incoming.Sprints[0].Outcomes[0].UpdatedAt = mtAt(5)
	wantLocal, wantIncoming := mtCanon(local), mtCanon(incoming)
	key, note := incoming.Members[0].Keys[0], incoming.Sprints[0].Assessments[0].Note

	res := mtMerge(t, local, incoming)
	if mtCanon(local) != wantLocal || mtCanon(incoming) != wantIncoming ||
		incoming.Members[0].Keys[0] != key || incoming.Sprints[0].Assessments[0].Note != note {
		t.Fatal("Merge modified its arguments")
	}
	if got := res.Write.Members[0].Keys[0]; got != "ssh-ed25519 AAAAann" {
		t.Errorf("key not sanitised: %q", got)
	}
	if got := res.Write.Sprints[0].Assessments[0].Note; strings.ContainsAny(got, "\x1b\x07") {
		t.Errorf("note not sanitised: %q", got)
	}
	// The result shares no memory with the arguments.
	*res.Write.Sprints[0].Outcomes[0].Agreed = 99
	res.Write.Members[0].Keys[0] = "changed"
	if *incoming.Sprints[0].Outcomes[0].Agreed != 50 || incoming.Members[0].Keys[0] != key {
		t.Error("the result aliases the incoming data")
	}
}

func TestMerge_Rejects(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*model.Dataset)
		record string
		id     int
		field  string
		msg    string
	}{
		{"future updated-at", func(d *model.Dataset) { mtStoryOf(*d).UpdatedAt = mtNow.Add(mtSkew + time.Second) },
			"story", mtStory, "updated-at", "in the future"},
		{"future created-at", func(d *model.Dataset) { d.Goals[0].CreatedAt = mtNow.Add(24 * time.Hour) },
			"goal", mtGoal, "created-at", "in the future"},
		{"missing updated-at", func(d *model.Dataset) { d.Goals[0].UpdatedAt = time.Time{} },
			"goal", mtGoal, "updated-at", "missing"},
		{"updated before created", func(d *model.Dataset) { d.Goals[0].UpdatedAt = d.Goals[0].CreatedAt.Add(-time.Second) },
			"goal", mtGoal, "updated-at", "is before created-at"},
		{"base after the update", func(d *model.Dataset) { d.Goals[0].Base = d.Goals[0].UpdatedAt.Add(time.Second) },
			"goal", mtGoal, "base", "is not between created-at"},
		{"nil id", func(d *model.Dataset) { d.Sprints[0].Outcomes[0].ID = uuid.Nil },
			"outcome", 0, "id", "nil UUID"},
		{"duplicate id", func(d *model.Dataset) {
			s := *mtStoryOf(*d)
			s.Title = "copy"
			d.Sprints[0].Stories = append(d.Sprints[0].Stories, s)
		}, "story", mtStory, "id", "twice in the bundle"},
		{"duplicate id across types", func(d *model.Dataset) { d.Goals[0].ID = mtID(mtAnn) },
			"member", mtAnn, "id", "twice in the bundle"},
		{"id of another type locally", func(d *model.Dataset) {
			d.Goals = append(d.Goals, model.Goal{Meta: mtMeta(mtStory, 0), Title: "impostor"})
			d.Sprints[0].Stories = nil
		}, "goal", mtStory, "id", "already used by story"},
		{"story's objective missing", func(d *model.Dataset) { mtStoryOf(*d).ObjectiveID = mtID(300) },
			"story", mtStory, "objective", "neither in the bundle nor in this workspace"},
		{"story without objective", func(d *model.Dataset) { mtStoryOf(*d).ObjectiveID = uuid.Nil },
			"story", mtStory, "objective", "missing"},
		{"assessment's member missing", func(d *model.Dataset) {
			a := d.Sprints[0].Assessments[0]
			a.Meta, a.MemberID = mtMeta(308, 0), mtID(301)
			d.Sprints[0].Assessments = append(d.Sprints[0].Assessments, a)
		}, "assessment", 308, "member", "neither"},
		{"objective's goal missing", func(d *model.Dataset) { d.Sprints[0].Objectives[0].GoalID = mtID(302) },
			"objective", mtObj, "goal", "neither"},
		{"action's owner missing", func(d *model.Dataset) { d.Sprints[0].Actions[0].OwnerID = mtID(303) },
			"action item", mtAction, "owner", "neither"},
		{"reference to the wrong type", func(d *model.Dataset) { d.Sprints[0].Actions[0].OwnerID = mtID(mtGoal) },
			"action item", mtAction, "owner", "not a member"},
		{"listed under another sprint", func(d *model.Dataset) { mtStoryOf(*d).SprintID = mtID(304) },
			"story", mtStory, "sprint", "listed under sprint"},
		{"objective in another sprint", func(d *model.Dataset) {
			sp := model.Sprint{Meta: mtMeta(305, 0), Name: "S2", Start: model.Day(mtBase), End: model.Day(mtBase), State: model.StatePlanning}
			st := *mtStoryOf(*d)
			st.Meta, st.SprintID = mtMeta(306, 0), sp.ID
			d.Sprints = append(d.Sprints, model.SprintData{Sprint: sp, Stories: []model.Story{st}})
		}, "story", 306, "objective", "belongs to sprint"},
		{"assessment moves member", func(d *model.Dataset) { d.Sprints[0].Assessments[0].MemberID = mtID(mtBob) },
			"assessment", mtAssess, "member", "never changes member"},
		{"progress 101", func(d *model.Dataset) { d.Sprints[0].Assessments[0].Progress = 101 },
			"assessment", mtAssess, "progress", "outside 0–100"},
		{"empty title after sanitising", func(d *model.Dataset) { d.Goals[0].Title = "\x1b\x1b " },
			"goal", mtGoal, "title", "must not be empty"},
		{"bad handle", func(d *model.Dataset) { d.Members[1].Handle = "Bob Smith" },
			"member", mtBob, "handle", "not allowed"},
		{"handle taken by another member", func(d *model.Dataset) {
			d.Members = append(d.Members, model.Member{Meta: mtMeta(307, 0), Name: "Ann B", Handle: "ann", Active: true})
		}, "member", 307, "handle", `"ann" is also the handle of member`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			local, incoming := mtWorkspace(), mtWorkspace()
			tt.mutate(&incoming)
			before := mtCanon(local)
			res, err := Merge(local, incoming, mtNow, mtSkew)
			if err == nil {
				t.Fatalf("no error; changes %+v", res.Changes)
			}
			var re *RecordError
			if !errors.As(err, &re) {
				t.Fatalf("error %T %v is not a *RecordError", err, err)
			}
			wantID := mtID(tt.id)
			if tt.id == 0 {
				wantID = uuid.Nil
			}
			if re.Record != tt.record || re.ID != wantID || re.Field != tt.field || !strings.Contains(re.Msg, tt.msg) {
				t.Errorf("error = %q (record %q id %s field %q), want record %q id %s field %q containing %q",
					err, re.Record, re.ID, re.Field, tt.record, wantID, tt.field, tt.msg)
			}
			if !strings.Contains(err.Error(), re.ID.String()) {
				t.Errorf("error %q does not name the id", err)
			}
			if !res.Empty() || res.Changes != nil {
				t.Errorf("a rejected merge returned changes: %+v", res)
			}
			if mtCanon(local) != before {
				t.Error("the workspace was modified")
			}
		})
	}
}

func TestMerge_ValidationErrorUnwraps(t *testing.T) {
	local, incoming := mtWorkspace(), mtWorkspace()
	incoming.Sprints[0].Assessments[0].Confidence = 9
	_, err := Merge(local, incoming, mtNow, mtSkew)
	var fe *model.FieldError
	if !errors.As(err, &fe) || fe.Field != "confidence" {
		t.Fatalf("error %v does not unwrap to the confidence FieldError", err)
	}
}
