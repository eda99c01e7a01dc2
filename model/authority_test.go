package model

import (
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

// authFixture is a facilitator's workspace: fay facilitates, ana and bo are
// members, one sprint in assessing with an objective, a story, ana's
// estimate, an outcome and an action item owned by bo.
type authFixture struct {
	fay, ana, bo, gone Member
	sprint             Sprint
	obj                Objective
	story              Story
	anaEst             Assessment
	outcome            Outcome
	action             ActionItem
	goal               Goal
}

func newAuthFixture() authFixture {
	var f authFixture
	f.fay = fxMember(1, "fay", true)
	f.fay.Facilitator = true
	f.fay.Keys = []string{"ssh-ed25519 AAAAfay"}
	f.ana = fxMember(2, "ana", true)
	f.bo = fxMember(3, "bo", true)
	f.gone = fxMember(4, "gone", false)
	f.sprint = Sprint{Meta: fxMeta(10), Name: "Sprint 14", State: StateAssessing, Start: fxNow, End: fxNow}
	f.obj = fxObjective(11, 1)
	f.obj.SprintID, f.obj.Title = f.sprint.ID, "Faster search"
	f.story = fxStory(12, f.obj, 3, StoryTodo)
	f.anaEst = fxEst(f.ana, f.obj, 40, 3)
	f.outcome = Outcome{Meta: fxMeta(13), SprintID: f.sprint.ID, ObjectiveID: f.obj.ID}
	f.action = ActionItem{Meta: fxMeta(14), SprintID: f.sprint.ID, Text: "write the runbook", OwnerID: f.bo.ID}
	f.goal = Goal{Meta: fxMeta(15), Title: "Grow"}
	return f
}

func (f authFixture) local() Dataset {
	return Dataset{
		Goals:   []Goal{f.goal},
		Members: []Member{f.fay, f.ana, f.bo, f.gone},
		Sprints: []SprintData{{Sprint: f.sprint, Objectives: []Objective{f.obj}, Stories: []Story{f.story},
			Assessments: []Assessment{f.anaEst}, Outcomes: []Outcome{f.outcome}, Actions: []ActionItem{f.action}}},
	}
}

// edited returns a copy of m touched one minute later.
func edited(m Meta) Meta {
	m.Touch(fxNow.Add(time.Minute))
	return m
}

func TestCheckAuthority_Rules(t *testing.T) {
	f := newAuthFixture()
	sprintWith := func(sd SprintData) Dataset {
		if sd.Sprint.ID == uuid.Nil {
			sd.Sprint = f.sprint
		}
		return Dataset{Sprints: []SprintData{sd}}
	}
	boEst := fxEst(f.bo, f.obj, 70, 4)
	boEstWithdrawn := boEst
	boEstWithdrawn.Deleted = true
	anaForged := f.anaEst
	anaForged.Meta, anaForged.Progress, anaForged.Note = edited(anaForged.Meta), 95, "ana says done"
	promoted := f.bo
	promoted.Meta, promoted.Facilitator = edited(promoted.Meta), true
	renamed := f.bo
	renamed.Meta, renamed.Name = edited(renamed.Meta), "Bo Chen"
	swapped := f.fay
	swapped.Meta, swapped.Keys = edited(swapped.Meta), []string{"ssh-ed25519 AAAAbo"}
	closed := f.sprint
	closed.Meta, closed.State = edited(closed.Meta), StateClosed
	objGone := f.obj
	objGone.Meta, objGone.Deleted = edited(objGone.Meta), true
	ticked := f.action
	ticked.Meta, ticked.Done = edited(ticked.Meta), true
	reworded := ticked
	reworded.Text = "skip the runbook"
	actionGone := f.action
	actionGone.Meta, actionGone.Deleted = edited(actionGone.Meta), true
	redated := f.action
	redated.Meta, redated.Due = edited(redated.Meta), time.Date(2025, 3, 20, 0, 0, 0, 0, time.UTC)
	newMember := fxMember(5, "zed", true)
	newMember.Keys = []string{"ssh-ed25519 AAAAzed"}
	goalEdit := f.goal
	goalEdit.Meta, goalEdit.Title = edited(goalEdit.Meta), "Shrink"
	storyEdit := f.story
	storyEdit.Meta, storyEdit.Status = edited(storyEdit.Meta), StoryDone
	outcomeEdit := f.outcome
	outcomeEdit.Meta, outcomeEdit.Agreed = edited(outcomeEdit.Meta), fxInt(80)

	tests := []struct {
		name   string
		local  Dataset
		write  Dataset
		author Author
		want   []string // one per refusal, in order; nil: allowed
	}{
		{"member adds own estimate", f.local(), sprintWith(SprintData{Assessments: []Assessment{boEst}}), Author{ID: f.bo.ID}, nil},
		{"member withdraws own estimate", f.local(), sprintWith(SprintData{Assessments: []Assessment{boEstWithdrawn}}), Author{ID: f.bo.ID}, nil},
		{"member renames self", f.local(), Dataset{Members: []Member{renamed}}, Author{ID: f.bo.ID}, nil},
		{"unchanged records need no authority", f.local(), f.local(), Author{ID: f.bo.ID}, nil},
		{"owner ticks off own action", f.local(), sprintWith(SprintData{Actions: []ActionItem{ticked}}), Author{ID: f.bo.ID}, nil},
		{"member assesses as another", f.local(), sprintWith(SprintData{Assessments: []Assessment{anaForged}}), Author{ID: f.bo.ID},
			[]string{`bo may not change ana's estimate on "Faster search"`}},
		{"member promotes self", f.local(), Dataset{Members: []Member{promoted}}, Author{ID: f.bo.ID},
			[]string{"bo may not change bo's role (member → facilitator)"}},
		{"member swaps facilitator's keys", f.local(), Dataset{Members: []Member{swapped}}, Author{ID: f.bo.ID, Signed: true},
			[]string{"bo may not change fay's keys"}},
		{"member closes the sprint", f.local(), sprintWith(SprintData{Sprint: closed}), Author{ID: f.bo.ID},
			[]string{`bo may not change sprint "Sprint 14" (state assessing → closed)`}},
		{"member deletes an objective", f.local(), sprintWith(SprintData{Objectives: []Objective{objGone}}), Author{ID: f.bo.ID},
			[]string{`bo may not delete objective "Faster search"`}},
		{"member edits a story, an outcome and a goal", f.local(),
			Dataset{Goals: []Goal{goalEdit}, Sprints: []SprintData{{Sprint: f.sprint, Stories: []Story{storyEdit}, Outcomes: []Outcome{outcomeEdit}}}},
			Author{ID: f.bo.ID}, []string{`bo may not change goal "Shrink"`, `bo may not change story "story"`, `bo may not change the outcome of "Faster search"`}},
		{"owner rewords own action", f.local(), sprintWith(SprintData{Actions: []ActionItem{reworded}}), Author{ID: f.bo.ID},
			[]string{`bo may not change action item "skip the runbook"`}},
		{"owner deletes own action", f.local(), sprintWith(SprintData{Actions: []ActionItem{actionGone}}), Author{ID: f.bo.ID},
			[]string{`bo may not delete action item "write the runbook"`}},
		{"owner moves own action's due date", f.local(), sprintWith(SprintData{Actions: []ActionItem{redated}}), Author{ID: f.bo.ID},
			[]string{`bo may not change action item "write the runbook"`}},
		{"other member ticks off bo's action", f.local(), sprintWith(SprintData{Actions: []ActionItem{ticked}}), Author{ID: f.ana.ID},
			[]string{`ana may not change action item "write the runbook"`}},
		{"member adds a member", f.local(), Dataset{Members: []Member{newMember}}, Author{ID: f.bo.ID},
			[]string{"bo may not add member zed"}},
		{"facilitator changes everything", f.local(),
			Dataset{Goals: []Goal{goalEdit}, Members: []Member{promoted, newMember, swapped}, Sprints: []SprintData{{Sprint: closed,
				Objectives: []Objective{objGone}, Stories: []Story{storyEdit}, Assessments: []Assessment{anaForged},
				Outcomes: []Outcome{outcomeEdit}, Actions: []ActionItem{reworded}}}},
			Author{ID: f.fay.ID, Signed: true}, nil},
		{"unsigned facilitator changes keys and roles", f.local(), Dataset{Members: []Member{swapped, newMember, promoted}}, Author{ID: f.fay.ID},
			[]string{"fay's keys change only in a bundle signed by a facilitator, and this one is not signed",
				"zed's keys change only in a bundle signed by a facilitator, and this one is not signed",
				"bo's role changes only in a bundle signed by a facilitator, and this one is not signed"}},
		{"unsigned facilitator adds members without keys or roles", f.local(), Dataset{Members: []Member{fxMember(6, "yan", true)}}, Author{ID: f.fay.ID}, nil},
		{"removed member", f.local(), sprintWith(SprintData{Assessments: []Assessment{fxEst(f.gone, f.obj, 10, 1)}}), Author{ID: f.gone.ID},
			[]string{"gone was removed from the team, so may change nothing"}},
		{"unknown author", f.local(), Dataset{Members: []Member{newMember}}, Author{ID: newMember.ID},
			[]string{"is not a member of this workspace"}},
		{"no author", f.local(), Dataset{Members: []Member{newMember}}, Author{},
			[]string{"the bundle names no author"}},
		{"first use trusts the first bundle", Dataset{}, f.local(), Author{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CheckAuthority(tt.local, tt.write, tt.author)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d refusals %v, want %d %q", len(got), got, len(tt.want), tt.want)
			}
			for i, r := range got {
				if !strings.Contains(r.Msg, tt.want[i]) {
					t.Errorf("refusal %d = %q, want %q", i, r.Msg, tt.want[i])
				}
			}
		})
	}
}

func TestSealEstimates_State(t *testing.T) {
	f := newAuthFixture()
	boEst := fxEst(f.bo, f.obj, 70, 4)
	withdrawn := fxEst(f.fay, f.obj, 50, 2)
	withdrawn.Deleted = true
	for _, tt := range []struct {
		state    SprintState
		author   uuid.UUID
		keep     int
		leftOut  int
		keepsBos bool
	}{
		{StatePlanning, f.fay.ID, 1, 2, false},
		{StateAssessing, f.fay.ID, 1, 2, false},
		{StateAssessing, f.bo.ID, 1, 2, true},
		{StateAssessing, uuid.Nil, 0, 3, false},
		{StateReview, f.fay.ID, 3, 0, true},
		{StateClosed, uuid.Nil, 3, 0, true},
	} {
		sp := f.sprint
		sp.State = tt.state
		d := Dataset{Sprints: []SprintData{{Sprint: sp, Assessments: []Assessment{f.anaEst, boEst, withdrawn}}}}
		got, n := SealEstimates(d, tt.author)
		as := got.Sprints[0].Assessments
		hasBo := false
		for _, a := range as {
			hasBo = hasBo || a.MemberID == f.bo.ID
		}
		if len(as) != tt.keep || n != tt.leftOut || hasBo != tt.keepsBos {
			t.Errorf("%s by %s: kept %d, left out %d, bo's kept %t; want %d, %d, %t", tt.state, tt.author, len(as), n, hasBo, tt.keep, tt.leftOut, tt.keepsBos)
		}
		if len(d.Sprints[0].Assessments) != 3 {
			t.Errorf("SealEstimates modified its input")
		}
	}
}
