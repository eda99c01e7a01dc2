package store

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

func TestStore_Save_EveryRecordTypeRoundTrips(t *testing.T) {
	s := newTestStore(t)
	f := seed(t, s)
	base := 40
	obj2 := must[model.Objective](t)(s.SaveObjective(model.Objective{
		SprintID: f.sprint.ID, Title: "Billing v2", Description: "line one\nline two", Order: -1,
		CarriedFrom: uuid.Must(uuid.NewV7()), Baseline: &base,
	}))
	a := assess(t, s, f.obj.ID, f.ann.ID, 70)
	agreed := 60
	out := must[model.Outcome](t)(s.SaveOutcome(model.Outcome{ObjectiveID: f.obj.ID, Agreed: &agreed, Notes: "ok", Discussed: true}))
	act := must[model.ActionItem](t)(s.SaveAction(model.ActionItem{ObjectiveID: f.obj.ID, Text: "Write the runbook", OwnerID: f.bob.ID}))

	d, err := s.SprintData(f.sprint.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := model.SprintData{
		Sprint:      f.sprint,
		Objectives:  []model.Objective{obj2, f.obj}, // Order -1 first
		Stories:     []model.Story{f.story},
		Assessments: []model.Assessment{a},
		Outcomes:    []model.Outcome{out},
		Actions:     []model.ActionItem{act},
	}
	if !reflect.DeepEqual(d, want) {
		t.Errorf("SprintData:\n got %+v\nwant %+v", d, want)
	}
	if a.SprintID != f.sprint.ID || out.SprintID != f.sprint.ID || act.SprintID != f.sprint.ID {
		t.Errorf("sprint IDs not taken from the objective: %v %v %v", a.SprintID, out.SprintID, act.SprintID)
	}
	if gs := must[[]model.Goal](t)(s.Goals()); !reflect.DeepEqual(gs, []model.Goal{f.goal}) {
		t.Errorf("Goals = %+v", gs)
	}
	if ms := must[[]model.Member](t)(s.Members()); !reflect.DeepEqual(ms, []model.Member{f.ann, f.bob}) {
		t.Errorf("Members = %+v", ms)
	}
	if ss := must[[]model.Sprint](t)(s.Sprints()); !reflect.DeepEqual(ss, []model.Sprint{f.sprint}) {
		t.Errorf("Sprints = %+v", ss)
	}
}

func TestStore_Open_ReopenPersists(t *testing.T) {
	path := filepath.Join(t.TempDir(), "align.db")
	t.Cleanup(func() { checkFile(t, path) })
	s := openTestStore(t, path, Options{})
	f := seed(t, s)
	if err := s.SetTeam("Platform"); err != nil {
		t.Fatal(err)
	}
	before, err := s.Dataset(DatasetOptions{IncludeDeleted: true})
	if err != nil {
		t.Fatal(err)
	}
	ws1 := must[Workspace](t)(s.Workspace())
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = openTestStore(t, path, Options{})
	after, err := s.Dataset(DatasetOptions{IncludeDeleted: true})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(before, after) {
		t.Errorf("after reopen:\n got %+v\nwant %+v", after, before)
	}
	ws2 := must[Workspace](t)(s.Workspace())
	if ws2 != ws1 || ws2.Team != "Platform" {
		t.Errorf("workspace after reopen = %+v, want %+v", ws2, ws1)
	}
	if len(after.Sprints) != 1 || after.Sprints[0].Stories[0].ID != f.story.ID {
		t.Errorf("story lost: %+v", after.Sprints)
	}
}

func TestStore_SaveGoal_UpdateStamps(t *testing.T) {
	frozen := func() time.Time { return t0 } // a clock that never moves
	path := filepath.Join(t.TempDir(), "align.db")
	t.Cleanup(func() { checkFile(t, path) })
	s := openTestStore(t, path, Options{Now: frozen})

	g := must[model.Goal](t)(s.SaveGoal(model.Goal{Title: "  Grow\x1b[31m  "}))
	if g.ID == uuid.Nil || g.ID.Version() != 7 {
		t.Fatalf("ID %v is not a UUIDv7", g.ID)
	}
	if g.Title != "Grow" || !g.CreatedAt.Equal(t0) || !g.UpdatedAt.Equal(t0) {
		t.Fatalf("new goal = %+v", g)
	}
	g.Title = "Grow revenue"
	g.CreatedAt = time.Time{} // callers cannot rewrite history
	g2 := must[model.Goal](t)(s.SaveGoal(g))
	if !g2.CreatedAt.Equal(t0) || !g2.UpdatedAt.After(g.UpdatedAt) {
		t.Errorf("update stamps: created %v updated %v", g2.CreatedAt, g2.UpdatedAt)
	}
	g3 := must[model.Goal](t)(s.SaveGoal(g2))
	if !g3.UpdatedAt.After(g2.UpdatedAt) {
		t.Errorf("UpdatedAt did not increase with a frozen clock: %v then %v", g2.UpdatedAt, g3.UpdatedAt)
	}
}

func TestStore_Save_Errors(t *testing.T) {
	s := newTestStore(t)
	f := seed(t, s)
	missing := uuid.Must(uuid.NewV7())
	tests := []struct {
		name string
		save func() error
		want error
		text string
	}{
		{"goal without title", func() error { _, err := s.SaveGoal(model.Goal{}); return err }, nil, "goal title: must not be empty"},
		{"unknown goal", func() error { _, err := s.SaveGoal(model.Goal{Meta: model.Meta{ID: missing}, Title: "x"}); return err }, ErrNotFound, "goal " + missing.String() + " not found"},
		{"bad handle", func() error { _, err := s.SaveMember(model.Member{Name: "X", Handle: "9x"}); return err }, nil, `member handle: "9x" is not allowed`},
		{"sprint end before start", func() error {
			_, err := s.SaveSprint(model.Sprint{Name: "S", Start: t0, End: t0.AddDate(0, 0, -1)})
			return err
		}, nil, "sprint end: 2025-03-02 is before the start date 2025-03-03"},
		{"objective of unknown sprint", func() error {
			_, err := s.SaveObjective(model.Objective{SprintID: missing, Title: "x"})
			return err
		}, ErrReference, "objective sprint: sprint " + missing.String() + " does not exist"},
		{"objective without sprint", func() error { _, err := s.SaveObjective(model.Objective{Title: "x"}); return err }, ErrReference, "objective sprint: none given"},
		{"objective of unknown goal", func() error {
			_, err := s.SaveObjective(model.Objective{SprintID: f.sprint.ID, Title: "x", GoalID: missing})
			return err
		}, ErrReference, "objective goal: goal " + missing.String() + " does not exist"},
		{"story of unknown objective", func() error {
			_, err := s.SaveStory(model.Story{ObjectiveID: missing, Title: "x", Status: model.StoryTodo})
			return err
		}, ErrReference, "story objective: objective " + missing.String() + " does not exist"},
		{"assessment of unknown member", func() error {
			_, err := s.SaveAssessment(model.Assessment{ObjectiveID: f.obj.ID, MemberID: missing, Progress: 1, Confidence: 1})
			return err
		}, ErrReference, "assessment member: member " + missing.String() + " does not exist"},
		{"assessment out of range", func() error {
			_, err := s.SaveAssessment(model.Assessment{ObjectiveID: f.obj.ID, MemberID: f.ann.ID, Progress: 101, Confidence: 1})
			return err
		}, nil, "assessment progress: 101 is outside 0–100"},
		{"action of unknown owner", func() error {
			_, err := s.SaveAction(model.ActionItem{SprintID: f.sprint.ID, Text: "x", OwnerID: missing})
			return err
		}, ErrReference, "action item owner: member " + missing.String() + " does not exist"},
		{"action without sprint", func() error { _, err := s.SaveAction(model.ActionItem{Text: "x"}); return err }, ErrReference, "action item sprint: none given"},
		{"delete unknown story", func() error {
			_, err := s.SaveStory(model.Story{Meta: model.Meta{ID: missing, Deleted: true}})
			return err
		}, ErrNotFound, "story " + missing.String() + " not found"},
		{"last member unknown", func() error { return s.SetLastMember(missing) }, ErrReference, "workspace last member"},
		{"settings invalid", func() error {
			st := model.DefaultSettings()
			st.SplitAt = 5
			return s.SetSettings(st)
		}, nil, "settings split-at: split-at (5) must be at least aligned-below (15) and at most 101"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.save()
			if err == nil {
				t.Fatal("no error")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("error %q is not %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.text) {
				t.Errorf("error %q does not contain %q", err, tt.text)
			}
		})
	}
}

func TestStore_Workspace_DefaultsAndSetters(t *testing.T) {
	s := newTestStore(t)
	ws := must[Workspace](t)(s.Workspace())
	if ws.Settings != model.DefaultSettings() || ws.Schema != SchemaVersion || ws.ReplicaID == uuid.Nil || ws.Team != "" {
		t.Fatalf("new workspace = %+v", ws)
	}
	m := addMember(t, s, "Ann", "ann")
	st := model.Settings{AlignedBelow: 10, SplitAt: 40, OutlierDistance: 20, EvidenceGap: 25, AnonymousReveal: true}
	for _, err := range []error{s.SetTeam(" Core\x07 "), s.SetSettings(st), s.SetLastMember(m.ID)} {
		if err != nil {
			t.Fatal(err)
		}
	}
	got := must[Workspace](t)(s.Workspace())
	want := Workspace{Team: "Core", ReplicaID: ws.ReplicaID, Settings: st, LastMember: m.ID, Schema: SchemaVersion}
	if got != want {
		t.Errorf("workspace = %+v, want %+v", got, want)
	}
	m.Deleted = true
	must[model.Member](t)(s.SaveMember(m))
	if got := must[Workspace](t)(s.Workspace()); got.LastMember != uuid.Nil {
		t.Errorf("deleted member still last member: %v", got.LastMember)
	}
}
