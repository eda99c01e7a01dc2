package views

import (
	"strings"
	"testing"

	"github.com/align-team/align/model"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/google/uuid"
)

// TestAssess_Update_SealedAfterReveal: once the Review reveals an
// objective, Assess refuses to change a first-round estimate of it, says
// why, and nothing is saved.
func TestAssess_Update_SealedAfterReveal(t *testing.T) {
	a, st := newTestApp(t, 80, 24)
	a = press(t, a, "3", "enter", " ")
	var sealed model.Outcome
	for _, o := range sprintData(t, st).Outcomes {
		if o.Sealed && o.Revealed {
			sealed = o
		}
	}
	if !sealed.Sealed {
		t.Fatal("space on the Review sealed nothing")
	}
	before := sprintData(t, st).Assessments
	a = press(t, a, "2", "/", "l", "i", "n", "enter")
	idx := -1
	for i, o := range a.assessScreen.Objectives() {
		if o.ID == sealed.ObjectiveID {
			idx = i
		}
	}
	for range idx {
		a = press(t, a, "j")
	}
	for _, k := range []string{"right", "5", "d", "a"} {
		a = press(t, a, k)
		contains(t, plain(a), "round 1 is sealed")
		a = press(t, a, "esc")
	}
	after := sprintData(t, st).Assessments
	if len(after) != len(before) {
		t.Fatalf("%d estimates after the refusals, %d before", len(after), len(before))
	}
	for i := range before {
		if before[i] != after[i] {
			t.Fatalf("estimate %d changed: %+v → %+v", i, before[i], after[i])
		}
	}
}

// TestReview_Update_SecondRound: O opens round 2 on the revealed objective,
// Assess then edits the member's second estimate starting from their first,
// and space on the Review reveals round 2 with the spread before and after.
func TestReview_Update_SecondRound(t *testing.T) {
	a, st := newTestApp(t, 80, 24)
	a = press(t, a, "3", "enter", "O")
	contains(t, plain(a), "reveal round 1 of")
	a = press(t, a, " ", "O")
	contains(t, plain(a), "Round 2 open: 0 of 6 re-estimated")
	a = press(t, a, "2", "/", "l", "i", "n", "enter")
	contains(t, plain(a), "Round 2, private · round 1: you said 45%")
	a = press(t, a, "9", "0", "enter", "tab", " ")
	// Round 1 is 30 45 50 55 60 80 (spread 50); lin moves 45 → 90:
	// 30 50 55 60 80 90, spread 90 − 30 = 60, 1 of 6 moved.
	contains(t, plain(a), "Round 2: spread 50 → 60, 1 of 6 moved")
	d := sprintData(t, st)
	if len(d.Round2) != 1 || d.Round2[0].Progress != 90 || !d.Round2[0].Round2 {
		t.Fatalf("round 2 stored: %+v", d.Round2)
	}
	for _, o := range d.Outcomes {
		if o.ObjectiveID == d.Round2[0].ObjectiveID && !(o.Sealed && o.Round2Open && o.Round2Revealed) {
			t.Fatalf("outcome %+v: want sealed, round 2 open and revealed", o)
		}
	}
	a = press(t, a, "v")
	contains(t, plain(a), "round 2 median 57.5")
}

// TestHistory_View_Narrowing: after a revealed second round, History shows
// the sprint's spread before and after beside its score.
func TestHistory_View_Narrowing(t *testing.T) {
	a, _ := newTestApp(t, 80, 24)
	a = press(t, a, "3", "enter", " ", "O", "2", "/", "l", "i", "n", "enter", "9", "0", "enter", "tab", " ", "5")
	// 30 45 50 55 60 80 → lin 90: 30 50 55 60 80 90, spread 50 → 60.
	contains(t, plain(a), "Round 2", "50→60", "round 2: spread 50 → 60")
}

// TestReview_Update_MemberCannotOpenRound2: a member's O opens nothing and
// changes nothing in the store.
func TestReview_Update_MemberCannotOpenRound2(t *testing.T) {
	a, st := newTestApp(t, 120, 40)
	a = press(t, a, "3", "enter", " ")
	a = drive(t, a, func() tea.Msg { return RoleMsg{Facilitator: false} })
	before := sprintData(t, st).Outcomes
	a = press(t, a, "O")
	contains(t, plain(a), "only the facilitator can open a second round")
	after := sprintData(t, st).Outcomes
	if len(after) != len(before) {
		t.Fatalf("outcomes %d → %d", len(before), len(after))
	}
	for i := range before {
		if before[i].Round2Open != after[i].Round2Open || before[i].UpdatedAt != after[i].UpdatedAt {
			t.Fatalf("a member's O changed an outcome: %+v → %+v", before[i], after[i])
		}
	}
}

// TestReview_Update_Uncertain: u closes a revealed objective as uncertain
// with the question and, by tab, its owner; agreeing on a number later
// replaces it.
func TestReview_Update_Uncertain(t *testing.T) {
	a, st := newTestApp(t, 120, 40)
	a = press(t, a, "3", "enter", "u")
	contains(t, plain(a), "reveal it first (space)")
	a = press(t, a, " ", "u")
	a = press(t, a, strings.Split("Does the queue survive a train?", "")...)
	a = press(t, a, "tab", "enter")
	contains(t, plain(a), "uncertain: needs information", "Question: Does the queue survive a train? (amara)")
	var got model.Outcome
	for _, o := range sprintData(t, st).Outcomes {
		if o.Uncertain {
			got = o
		}
	}
	if got.Question != "Does the queue survive a train?" || got.QuestionOwner == uuid.Nil || got.Agreed != nil {
		t.Fatalf("stored %+v", got)
	}
	a = press(t, a, "v", "backspace", "backspace", "backspace", "5", "0", "enter")
	for _, o := range sprintData(t, st).Outcomes {
		if o.ID == got.ID && (o.Uncertain || o.Question != "" || o.Agreed == nil || *o.Agreed != 50) {
			t.Fatalf("after v 50: %+v", o)
		}
	}
}
