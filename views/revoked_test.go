package views

import (
	"testing"
	"time"
)

// TestAssess_RevokedMidSession_SaveRefused checks that a member removed
// from the team while their session is open (as align serve's sessions are
// made: a store acting for the member) saves nothing more: the save is
// refused in its transaction, in a sentence on the footer, and the store
// is unchanged. No timing is involved: the removal is committed before the
// key is pressed.
func TestAssess_RevokedMidSession_SaveRefused(t *testing.T) {
	st := newTestStore(t)
	lin := memberID(t, st, "lin")
	a := New(Options{Store: st.As(lin.ID), Now: testClock, Renderer: testRenderer(), Width: 80, Height: 24, As: memberID(t, st, "lin").ID})
	t.Cleanup(func() { a.Close(5 * time.Second) })
	a = drive(t, a, a.Init())
	o := a.assessScreen.Objectives()[0]
	a = press(t, a, "4", "1", "enter")
	if got := a.assessScreen.Mine(o.ID).Progress; got != 41 {
		t.Fatalf("before the removal: progress %d, want 41", got)
	}
	lin.Active = false
	if _, err := st.SaveMember(lin); err != nil {
		t.Fatal(err)
	}
	before := sprintData(t, st)
	a = press(t, a, "6", "2", "enter")
	contains(t, plain(a), "lin was removed from the team")
	after := sprintData(t, st)
	for _, as := range after.Assessments {
		if as.MemberID == lin.ID && as.ObjectiveID == o.ID && as.Progress != 41 {
			t.Fatalf("a removed member's estimate was saved: %d", as.Progress)
		}
	}
	if len(before.Assessments) != len(after.Assessments) {
		t.Fatalf("assessments %d → %d", len(before.Assessments), len(after.Assessments))
	}
}

// TestAssess_Picker_LeavesOutFacilitatorWhoDoesNotEstimate checks that
// the member picker on Assess offers only members expected to assess.
func TestAssess_Picker_LeavesOutFacilitatorWhoDoesNotEstimate(t *testing.T) {
	st := newTestStore(t)
	lin := memberID(t, st, "lin")
	lin.Facilitator, lin.NoEstimates = true, true
	if _, err := st.SaveMember(lin); err != nil {
		t.Fatal(err)
	}
	a := New(Options{Store: st, Now: testClock, Renderer: testRenderer(), Width: 80, Height: 24, Facilitator: true})
	t.Cleanup(func() { a.Close(5 * time.Second) })
	a = drive(t, a, a.Init())
	a = press(t, a, "2")
	if !a.assessScreen.Picking() {
		t.Fatal("Assess did not open on the picker")
	}
	for _, m := range a.assessScreen.Candidates() {
		if m.Handle == "lin" {
			t.Fatal("the picker offers lin, who facilitates without estimating")
		}
	}
	if len(a.assessScreen.Candidates()) == 0 {
		t.Fatal("the picker offers nobody")
	}
}
