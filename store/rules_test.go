package store

import (
	"errors"
	"strings"
	"testing"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

func TestStore_Save_StateRules(t *testing.T) {
	type saves struct{ objective, story, assessment, outcome, action error }
	tests := []struct {
		state model.SprintState
		want  saves
	}{
		{model.StatePlanning, saves{}},
		{model.StateAssessing, saves{}},
		{model.StateReview, saves{objective: ErrState, story: ErrState}},
		{model.StateClosed, saves{ErrSprintClosed, ErrSprintClosed, ErrSprintClosed, ErrSprintClosed, ErrSprintClosed}},
	}
	for _, tt := range tests {
		t.Run(string(tt.state), func(t *testing.T) {
			s := newTestStore(t)
			f := seed(t, s)
			setState(t, s, f.sprint, tt.state)
			_, errObj := s.SaveObjective(model.Objective{SprintID: f.sprint.ID, Title: "New"})
			_, errStory := s.SaveStory(model.Story{ObjectiveID: f.obj.ID, Title: "New", Status: model.StoryDone})
			_, errAssess := s.SaveAssessment(model.Assessment{ObjectiveID: f.obj.ID, MemberID: f.ann.ID, Progress: 50, Confidence: 2})
			_, errOut := s.SaveOutcome(model.Outcome{ObjectiveID: f.obj.ID})
			_, errAct := s.SaveAction(model.ActionItem{SprintID: f.sprint.ID, Text: "Follow up"})
			got := map[string][2]error{
				"objective":  {errObj, tt.want.objective},
				"story":      {errStory, tt.want.story},
				"assessment": {errAssess, tt.want.assessment},
				"outcome":    {errOut, tt.want.outcome},
				"action":     {errAct, tt.want.action},
			}
			for name, e := range got {
				switch {
				case e[1] == nil && e[0] != nil:
					t.Errorf("%s in %s: unexpected error %v", name, tt.state, e[0])
				case e[1] != nil && !errors.Is(e[0], e[1]):
					t.Errorf("%s in %s: error %v, want %v", name, tt.state, e[0], e[1])
				}
			}
			if tt.state == model.StateReview && !strings.Contains(errObj.Error(), `sprint "Sprint 1" is in review`) {
				t.Errorf("state error %q does not say which state", errObj)
			}
			if tt.state == model.StateClosed {
				sp := f.sprint
				sp.State = model.StateClosed
				sp.Name = "Renamed"
				if _, err := s.SaveSprint(sp); !errors.Is(err, ErrSprintClosed) {
					t.Errorf("editing a closed sprint: %v", err)
				}
				sp.Deleted = true
				if _, err := s.SaveSprint(sp); !errors.Is(err, ErrSprintClosed) {
					t.Errorf("deleting a closed sprint: %v", err)
				}
			}
		})
	}
}

func TestStore_SaveAssessment_UpsertAndLate(t *testing.T) {
	s := newTestStore(t)
	f := seed(t, s)
	first := assess(t, s, f.obj.ID, f.ann.ID, 40)
	if first.Late {
		t.Error("assessment saved while assessing is late")
	}
	second := assess(t, s, f.obj.ID, f.ann.ID, 60) // nil ID: saves over the first
	if second.ID != first.ID || !second.CreatedAt.Equal(first.CreatedAt) || !second.UpdatedAt.After(first.UpdatedAt) {
		t.Errorf("upsert made a new record: %+v then %+v", first, second)
	}
	setState(t, s, f.sprint, model.StateReview)
	late := assess(t, s, f.obj.ID, f.bob.ID, 90)
	again := assess(t, s, f.obj.ID, f.ann.ID, 65)
	if !late.Late || again.Late {
		t.Errorf("late flags: bob first saved in review %v, ann updated in review %v", late.Late, again.Late)
	}
	d := must[model.SprintData](t)(s.SprintData(f.sprint.ID))
	if len(d.Assessments) != 2 {
		t.Fatalf("%d assessments, want one per member", len(d.Assessments))
	}
	if d.Assessments[0].Progress != 65 || d.Assessments[1].Progress != 90 {
		t.Errorf("assessments = %+v", d.Assessments)
	}
	moved := again
	moved.MemberID = f.bob.ID
	if _, err := s.SaveAssessment(moved); !errors.Is(err, ErrReference) {
		t.Errorf("moving an assessment to another member: %v", err)
	}
}

func TestStore_SaveOutcome_OnePerObjective(t *testing.T) {
	s := newTestStore(t)
	f := seed(t, s)
	setState(t, s, f.sprint, model.StateReview)
	a := must[model.Outcome](t)(s.SaveOutcome(model.Outcome{ObjectiveID: f.obj.ID, Notes: "first"}))
	v := 55
	b := must[model.Outcome](t)(s.SaveOutcome(model.Outcome{ObjectiveID: f.obj.ID, Agreed: &v, Revealed: true}))
	if a.ID != b.ID {
		t.Errorf("second outcome has a new ID")
	}
	d := must[model.SprintData](t)(s.SprintData(f.sprint.ID))
	if len(d.Outcomes) != 1 || *d.Outcomes[0].Agreed != 55 {
		t.Errorf("outcomes = %+v", d.Outcomes)
	}
}

func TestStore_SaveMember_UniqueHandle(t *testing.T) {
	s := newTestStore(t)
	ann := addMember(t, s, "Ann Lee", "ann")
	_, err := s.SaveMember(model.Member{Name: "Ann Other", Handle: "ANN"})
	if !errors.Is(err, ErrDuplicate) || !strings.Contains(err.Error(), `"ann"`) || !strings.Contains(err.Error(), "Ann Lee") {
		t.Fatalf("duplicate handle: %v", err)
	}
	ann.Name = "Ann Lee-Smith" // saving a member keeps its own handle
	ann = must[model.Member](t)(s.SaveMember(ann))
	ann.Deleted = true
	must[model.Member](t)(s.SaveMember(ann))
	if _, err := s.SaveMember(model.Member{Name: "Ann New", Handle: "ann"}); err != nil {
		t.Errorf("handle of a deleted member is not free: %v", err)
	}
}

func TestStore_SaveObjective_DeleteCascades(t *testing.T) {
	s := newTestStore(t)
	f := seed(t, s)
	other := addObjective(t, s, f.sprint.ID, "Keep me")
	keep := addStory(t, s, other.ID, "Still here")
	assess(t, s, f.obj.ID, f.ann.ID, 10)
	assess(t, s, other.ID, f.ann.ID, 20)
	must[model.Outcome](t)(s.SaveOutcome(model.Outcome{ObjectiveID: f.obj.ID}))
	must[model.ActionItem](t)(s.SaveAction(model.ActionItem{ObjectiveID: f.obj.ID, Text: "Gone too"}))

	del := f.obj
	del.Deleted = true
	del.Title = "" // a delete needs no valid fields
	got := must[model.Objective](t)(s.SaveObjective(del))
	if !got.Deleted || got.Title != f.obj.Title {
		t.Errorf("tombstone = %+v", got)
	}
	d := must[model.SprintData](t)(s.SprintData(f.sprint.ID))
	if len(d.Objectives) != 1 || len(d.Stories) != 1 || d.Stories[0].ID != keep.ID ||
		len(d.Assessments) != 1 || len(d.Outcomes) != 0 || len(d.Actions) != 0 {
		t.Errorf("after delete: %+v", d)
	}
	all := must[model.Dataset](t)(s.Dataset(DatasetOptions{Sprint: f.sprint.ID, IncludeDeleted: true}))
	sd := all.Sprints[0]
	if len(sd.Objectives) != 2 || len(sd.Stories) != 2 || len(sd.Assessments) != 2 || len(sd.Outcomes) != 1 || len(sd.Actions) != 1 {
		t.Errorf("tombstones missing: %+v", sd)
	}
	if _, err := s.SaveStory(model.Story{ObjectiveID: f.obj.ID, Title: "x", Status: model.StoryTodo}); !errors.Is(err, ErrReference) {
		t.Errorf("story under a deleted objective: %v", err)
	}
}

func TestStore_SaveSprint_DeleteCascades(t *testing.T) {
	s := newTestStore(t)
	f := seed(t, s)
	other := addSprint(t, s, "Sprint 2", t0.AddDate(0, 0, 14))
	otherObj := addObjective(t, s, other.ID, "Untouched")
	assess(t, s, f.obj.ID, f.bob.ID, 30)
	del := f.sprint
	del.Deleted = true
	must[model.Sprint](t)(s.SaveSprint(del))

	if _, err := s.SprintData(f.sprint.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted sprint loads: %v", err)
	}
	if ss := must[[]model.Sprint](t)(s.Sprints()); len(ss) != 1 || ss[0].ID != other.ID {
		t.Errorf("Sprints = %+v", ss)
	}
	all := must[model.Dataset](t)(s.Dataset(DatasetOptions{Sprint: f.sprint.ID, IncludeDeleted: true}))
	sd := all.Sprints[0]
	for _, m := range []model.Meta{sd.Sprint.Meta, sd.Objectives[0].Meta, sd.Stories[0].Meta, sd.Assessments[0].Meta} {
		if !m.Deleted {
			t.Errorf("record %s was not tombstoned", m.ID)
		}
	}
	if d := must[model.SprintData](t)(s.SprintData(other.ID)); len(d.Objectives) != 1 || d.Objectives[0].ID != otherObj.ID {
		t.Errorf("other sprint changed: %+v", d)
	}
}

func TestStore_SaveMember_DeleteDropsOpenAssessments(t *testing.T) {
	s := newTestStore(t)
	f := seed(t, s)
	old := addSprint(t, s, "Sprint 0", t0.AddDate(0, 0, -14))
	oldObj := addObjective(t, s, old.ID, "Old work")
	assess(t, s, oldObj.ID, f.bob.ID, 80)
	setState(t, s, old, model.StateClosed)
	assess(t, s, f.obj.ID, f.bob.ID, 30)

	bob := f.bob
	bob.Deleted = true
	must[model.Member](t)(s.SaveMember(bob))
	if d := must[model.SprintData](t)(s.SprintData(f.sprint.ID)); len(d.Assessments) != 0 {
		t.Errorf("open sprint keeps the deleted member's assessment: %+v", d.Assessments)
	}
	if d := must[model.SprintData](t)(s.SprintData(old.ID)); len(d.Assessments) != 1 {
		t.Errorf("closed sprint lost its history: %+v", d.Assessments)
	}
}

func TestStore_SaveStory_SprintFromObjective(t *testing.T) {
	s := newTestStore(t)
	f := seed(t, s)
	other := addSprint(t, s, "Sprint 2", t0.AddDate(0, 0, 14))
	st := must[model.Story](t)(s.SaveStory(model.Story{SprintID: other.ID, ObjectiveID: f.obj.ID, Title: "x", Status: model.StoryDoing}))
	if st.SprintID != f.sprint.ID {
		t.Errorf("story sprint %v, want the objective's %v", st.SprintID, f.sprint.ID)
	}
	otherObj := addObjective(t, s, other.ID, "There")
	st.ObjectiveID = otherObj.ID
	if _, err := s.SaveStory(st); !errors.Is(err, ErrReference) || !strings.Contains(err.Error(), "cannot move") {
		t.Errorf("moving a story across sprints: %v", err)
	}
	st.ObjectiveID = f.obj.ID
	st.Status = model.StoryDone
	if got := must[model.Story](t)(s.SaveStory(st)); got.Status != model.StoryDone || got.ID != st.ID {
		t.Errorf("update = %+v", got)
	}
	act := must[model.ActionItem](t)(s.SaveAction(model.ActionItem{SprintID: other.ID, Text: "Unowned"}))
	act.OwnerID = f.ann.ID
	act.Done = true
	if got := must[model.ActionItem](t)(s.SaveAction(act)); got.OwnerID != f.ann.ID || got.ObjectiveID != uuid.Nil {
		t.Errorf("action update = %+v", got)
	}
}

func TestStore_Save_Concurrent(t *testing.T) {
	s := newTestStore(t)
	f := seed(t, s)
	members := make([]model.Member, 6)
	for i := range members {
		members[i] = addMember(t, s, "Member", "m"+string(rune('a'+i)))
	}
	errs := make(chan error, len(members))
	for i, m := range members {
		go func() {
			var err error
			for p := range 5 {
				if _, err = s.SaveAssessment(model.Assessment{ObjectiveID: f.obj.ID, MemberID: m.ID, Progress: i*10 + p, Confidence: 2}); err != nil {
					break
				}
				if _, err = s.SprintData(f.sprint.ID); err != nil {
					break
				}
			}
			errs <- err
		}()
	}
	for range members {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	d := must[model.SprintData](t)(s.SprintData(f.sprint.ID))
	if len(d.Assessments) != len(members) {
		t.Errorf("%d assessments after concurrent upserts, want %d", len(d.Assessments), len(members))
	}
}
