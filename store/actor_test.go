package store

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// TestAsRefusesRevokedAndDemoted checks that a store acting for a member
// checks the member's standing inside the write transaction: once the
// member is deactivated, deleted or demoted (by another store on the same
// file, as another session would), their next write is refused with a
// sentence and nothing is written.
func TestAsRefusesRevokedAndDemoted(t *testing.T) {
	type step struct {
		name   string
		revoke func(t *testing.T, s *Store, f fixture) // done by the facilitator
		write  func(as *Store, f fixture) error
		want   string
	}
	estimate := func(as *Store, f fixture) error {
		_, err := as.SaveAssessment(model.Assessment{ObjectiveID: f.obj.ID, MemberID: f.bob.ID, Progress: 40, Confidence: 3})
		return err
	}
	rename := func(as *Store, f fixture) error {
		o := f.obj
		o.Title = "renamed by a demoted facilitator"
		_, err := as.SaveObjective(o)
		return err
	}
	tests := []step{
		{"deactivated", func(t *testing.T, s *Store, f fixture) {
			m := f.bob
			m.Active = false
			must[model.Member](t)(s.SaveMember(m))
		}, estimate, "bob was removed from the team, so may change nothing; nothing was saved"},
		{"deleted", func(t *testing.T, s *Store, f fixture) {
			m := f.bob
			m.Deleted = true
			must[model.Member](t)(s.SaveMember(m))
		}, estimate, "bob was removed from the team, so may change nothing"},
		{"demoted", func(t *testing.T, s *Store, f fixture) {
			m := f.bob
			m.Facilitator = false
			must[model.Member](t)(s.SaveMember(m))
		}, rename, `bob may not change objective "renamed by a demoted facilitator"; nothing was saved`},
		{"demoted settings", func(t *testing.T, s *Store, f fixture) {
			m := f.bob
			m.Facilitator = false
			must[model.Member](t)(s.SaveMember(m))
		}, func(as *Store, f fixture) error {
			ws, err := as.Workspace()
			if err != nil {
				return err
			}
			ws.Settings.AnonymousReveal = !ws.Settings.AnonymousReveal
			return as.SetSettings(ws.Settings)
		}, "bob may not change the team's name or settings"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newTestStore(t)
			f := seed(t, s)
			f.bob.Facilitator = true
			f.bob = must[model.Member](t)(s.SaveMember(f.bob))
			as := s.As(f.bob.ID)
			// Allowed while bob is an active facilitator.
			if err := tc.write(as, f); err != nil {
				t.Fatalf("before the change: %v", err)
			}
			f.obj = must[model.Objective](t)(s.SaveObjective(model.Objective{Meta: f.obj.Meta, SprintID: f.sprint.ID, Title: "Self-serve signup", GoalID: f.goal.ID}))
			tc.revoke(t, s, f)
			before := must[model.Dataset](t)(s.Dataset(DatasetOptions{IncludeDeleted: true}))
			wsBefore := must[Workspace](t)(s.Workspace())
			err := tc.write(as, f)
			if !errors.Is(err, ErrForbidden) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("after the change: err = %v, want ErrForbidden %q", err, tc.want)
			}
			after := must[model.Dataset](t)(s.Dataset(DatasetOptions{IncludeDeleted: true}))
			if !reflect.DeepEqual(before, after) || !reflect.DeepEqual(wsBefore, must[Workspace](t)(s.Workspace())) {
				t.Fatal("a refused write changed the workspace")
			}
		})
	}
}

// TestAsMemberOwnEstimateOnly checks a member's store may save their own
// estimate but not another's, and that a store acting for an unknown id
// writes nothing.
func TestAsMemberOwnEstimateOnly(t *testing.T) {
	s := newTestStore(t)
	f := seed(t, s)
	as := s.As(f.bob.ID)
	if _, err := as.SaveAssessment(model.Assessment{ObjectiveID: f.obj.ID, MemberID: f.bob.ID, Progress: 40, Confidence: 3}); err != nil {
		t.Fatalf("own estimate: %v", err)
	}
	_, err := as.SaveAssessment(model.Assessment{ObjectiveID: f.obj.ID, MemberID: f.ann.ID, Progress: 40, Confidence: 3})
	if !errors.Is(err, ErrForbidden) || !strings.Contains(err.Error(), `bob may not add ann's estimate on "Self-serve signup"`) {
		t.Fatalf("another's estimate: %v", err)
	}
	if _, err := s.As(uuid.New()).SaveGoal(model.Goal{Title: "x"}); !errors.Is(err, ErrForbidden) {
		t.Fatalf("unknown actor: %v", err)
	}
	if err := as.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Members(); err != nil {
		t.Fatalf("closing the acting store closed the file: %v", err)
	}
}
