package store

import (
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/model"
)

// storedGoal reads goal g back, tombstones included.
func storedGoal(t *testing.T, s *Store, g model.Goal) model.Goal {
	t.Helper()
	d, err := s.Dataset(DatasetOptions{IncludeDeleted: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range d.Goals {
		if x.ID == g.ID {
			return x
		}
	}
	t.Fatalf("goal %s not stored", g.ID)
	return model.Goal{}
}

func TestStore_SaveGoal_RecordsBase(t *testing.T) {
	s := newTestStore(t)
	g, err := s.SaveGoal(model.Goal{Title: "Grow"})
	if err != nil {
		t.Fatal(err)
	}
	if !g.Base.IsZero() {
		t.Errorf("new goal has Base %v, want zero", g.Base)
	}
	created := g.UpdatedAt
	// The caller's Base and UpdatedAt are ignored: the stored version is the
	// edit's base.
	g.Title, g.Base, g.UpdatedAt = "Grow more", t0.Add(-time.Hour), t0.Add(-time.Minute)
	edited, err := s.SaveGoal(g)
	if err != nil {
		t.Fatal(err)
	}
	if !edited.Base.Equal(created) || !edited.UpdatedAt.After(created) {
		t.Errorf("edit: Base %v UpdatedAt %v, want Base %v and UpdatedAt after it", edited.Base, edited.UpdatedAt, created)
	}
	if got := storedGoal(t, s, g); !got.Base.Equal(created) {
		t.Errorf("stored Base %v, want %v", got.Base, created)
	}
	edited.Deleted = true
	if _, err := s.SaveGoal(edited); err != nil {
		t.Fatal(err)
	}
	if got := storedGoal(t, s, g); !got.Deleted || !got.Base.Equal(edited.UpdatedAt) {
		t.Errorf("tombstone: deleted %v Base %v, want true and %v", got.Deleted, got.Base, edited.UpdatedAt)
	}
}

func TestStore_Apply_KeepsBase(t *testing.T) {
	s := newTestStore(t)
	g := model.Goal{Meta: model.NewMeta(t0), Title: "Grow"}
	g.Touch(t0.Add(time.Minute))
	if err := s.Apply(model.Dataset{Goals: []model.Goal{g}}); err != nil {
		t.Fatal(err)
	}
	if got := storedGoal(t, s, g); !got.Base.Equal(t0) || !got.UpdatedAt.Equal(g.UpdatedAt) {
		t.Errorf("applied goal: Base %v UpdatedAt %v, want %v %v", got.Base, got.UpdatedAt, t0, g.UpdatedAt)
	}
}

func TestEncGoal_Base_RoundTripsAndOmitsZero(t *testing.T) {
	old := `{"id":"01950000-0000-7000-8000-000000000001","created_at":"2025-03-03T09:00:00Z","updated_at":"2025-03-03T10:00:00Z","title":"Grow"}`
	g, err := decGoal([]byte(old))
	if err != nil {
		t.Fatal(err)
	}
	if !g.Base.IsZero() {
		t.Errorf("a record written before base existed decodes with Base %v, want zero", g.Base)
	}
	data, err := encGoal(g)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), `"base"`) {
		t.Errorf("zero Base is written: %s", data)
	}
	g.Base = t0.Add(30 * time.Minute)
	data, err = encGoal(g)
	if err != nil {
		t.Fatal(err)
	}
	back, err := decGoal(data)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"base":"2025-03-03T09:30:00Z"`) || !back.Base.Equal(g.Base) {
		t.Errorf("Base does not round-trip: %s → %v", data, back.Base)
	}
}
