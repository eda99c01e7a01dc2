package store

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

func TestStore_Apply_CopiesAWorkspaceVerbatim(t *testing.T) {
	src := newTestStore(t)
	f := seed(t, src)
	assess(t, src, f.obj.ID, f.ann.ID, 70)
	gone := addStory(t, src, f.obj.ID, "Dropped")
	gone.Deleted = true
	must[model.Story](t)(src.SaveStory(gone))
	want := must[model.Dataset](t)(src.Dataset(DatasetOptions{IncludeDeleted: true}))

	dst := newTestStore(t)
	if err := dst.Apply(want); err != nil {
		t.Fatal(err)
	}
	got := must[model.Dataset](t)(dst.Dataset(DatasetOptions{IncludeDeleted: true}))
	if !reflect.DeepEqual(got, want) {
		t.Errorf("applied dataset:\n got %+v\nwant %+v", got, want)
	}
	// Applying the same dataset again changes nothing.
	if err := dst.Apply(want); err != nil {
		t.Fatal(err)
	}
	if again := must[model.Dataset](t)(dst.Dataset(DatasetOptions{IncludeDeleted: true})); !reflect.DeepEqual(again, want) {
		t.Error("re-applying changed the workspace")
	}
}

func TestStore_Apply_AllOrNothing(t *testing.T) {
	stamp := func() model.Meta { return model.NewMeta(t0) }
	sprint := model.Sprint{Meta: stamp(), Name: "Imported", Start: t0, End: t0.AddDate(0, 0, 13), State: model.StateAssessing}
	obj := model.Objective{Meta: stamp(), SprintID: sprint.ID, Title: "Objective"}
	good := model.Goal{Meta: stamp(), Title: "A goal that must not land"}
	missing := uuid.Must(uuid.NewV7())
	withSprint := func(sd model.SprintData) model.Dataset {
		return model.Dataset{Goals: []model.Goal{good}, Sprints: []model.SprintData{sd}}
	}
	tests := []struct {
		name string
		d    func(f fixture) model.Dataset
		want error
		text string
	}{
		{"story of a missing objective", func(fixture) model.Dataset {
			return withSprint(model.SprintData{Sprint: sprint, Objectives: []model.Objective{obj},
				Stories: []model.Story{{Meta: stamp(), SprintID: sprint.ID, ObjectiveID: missing, Title: "s", Status: model.StoryTodo}}})
		}, ErrReference, "refers to objective " + missing.String() + ", which is not in this sprint"},
		{"assessment of a missing member", func(fixture) model.Dataset {
			return withSprint(model.SprintData{Sprint: sprint, Objectives: []model.Objective{obj},
				Assessments: []model.Assessment{{Meta: stamp(), SprintID: sprint.ID, ObjectiveID: obj.ID, MemberID: missing, Progress: 5, Confidence: 1}}})
		}, ErrReference, "assessment's member " + missing.String() + " does not exist"},
		{"invalid progress", func(f fixture) model.Dataset {
			return withSprint(model.SprintData{Sprint: sprint, Objectives: []model.Objective{obj},
				Assessments: []model.Assessment{{Meta: stamp(), SprintID: sprint.ID, ObjectiveID: obj.ID, MemberID: f.ann.ID, Progress: 250, Confidence: 1}}})
		}, nil, "assessment progress: 250 is outside 0–100"},
		{"record listed under another sprint", func(f fixture) model.Dataset {
			o := obj
			o.SprintID = f.sprint.ID
			return withSprint(model.SprintData{Sprint: sprint, Objectives: []model.Objective{o}})
		}, ErrReference, "it says sprint " + "" /* any */},
		{"duplicate handle", func(fixture) model.Dataset {
			return model.Dataset{Goals: []model.Goal{good}, Members: []model.Member{{Meta: stamp(), Name: "Impostor", Handle: "ann", Active: true}}}
		}, ErrDuplicate, `handle "ann"`},
		{"ID used twice", func(fixture) model.Dataset {
			g := good
			g.Title = "again"
			return model.Dataset{Goals: []model.Goal{good, g}}
		}, ErrDuplicate, "appears twice"},
		{"ID of another kind in the workspace", func(f fixture) model.Dataset {
			return model.Dataset{Goals: []model.Goal{good, {Meta: f.ann.Meta, Title: "x"}}}
		}, ErrDuplicate, "already has this ID as member"},
		{"second live assessment", func(f fixture) model.Dataset {
			a := model.Assessment{Meta: stamp(), SprintID: f.sprint.ID, ObjectiveID: f.obj.ID, MemberID: f.ann.ID, Progress: 5, Confidence: 1}
			return model.Dataset{Goals: []model.Goal{good}, Sprints: []model.SprintData{{Sprint: f.sprint, Assessments: []model.Assessment{a}}}}
		}, ErrDuplicate, "second live assessment"},
		{"tombstone leaves a live story behind", func(f fixture) model.Dataset {
			o := f.obj
			o.Deleted = true
			o.UpdatedAt = o.UpdatedAt.Add(time.Hour)
			return model.Dataset{Goals: []model.Goal{good}, Sprints: []model.SprintData{{Sprint: f.sprint, Objectives: []model.Objective{o}}}}
		}, ErrReference, "is live but its objective"},
		{"no times", func(fixture) model.Dataset {
			return model.Dataset{Goals: []model.Goal{good, {Meta: model.Meta{ID: missing}, Title: "x"}}}
		}, nil, "created and updated times are required"},
		{"update before creation", func(fixture) model.Dataset {
			m := stamp()
			m.UpdatedAt = m.CreatedAt.Add(-time.Second)
			return model.Dataset{Goals: []model.Goal{good, {Meta: m, Title: "x"}}}
		}, nil, "updated_at: "},
		{"nil ID", func(fixture) model.Dataset {
			return model.Dataset{Goals: []model.Goal{good, {Meta: model.Meta{CreatedAt: good.CreatedAt, UpdatedAt: good.UpdatedAt}, Title: "x"}}}
		}, ErrReference, "id: the nil UUID is not allowed"},
		{"control characters are stripped, empty title refused", func(fixture) model.Dataset {
			return model.Dataset{Goals: []model.Goal{good, {Meta: stamp(), Title: "\x1b\x07"}}}
		}, nil, "goal title: must not be empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newTestStore(t)
			f := seed(t, s)
			assess(t, s, f.obj.ID, f.ann.ID, 50)
			before := must[model.Dataset](t)(s.Dataset(DatasetOptions{IncludeDeleted: true}))
			err := s.Apply(tt.d(f))
			t.Log(err)
			if err == nil {
				t.Fatal("applied")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("error %q is not %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.text) || !strings.HasPrefix(err.Error(), "cannot apply: ") {
				t.Errorf("error %q does not contain %q", err, tt.text)
			}
			if after := must[model.Dataset](t)(s.Dataset(DatasetOptions{IncludeDeleted: true})); !reflect.DeepEqual(before, after) {
				t.Error("a failed Apply changed the workspace")
			}
		})
	}
}
