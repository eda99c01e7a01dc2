package views

import (
	"strconv"
	"testing"
)

// The carry dialog carries only the objectives chosen: space takes one out.
func TestPlan_Update_CarryOverChosen(t *testing.T) {
	a, st := openPlan(t)
	a = planPress(t, a, "j", "enter", "c")
	n := len(a.planScreen.CarryObjectives())
	if n < 2 {
		t.Fatalf("Sprint 24 has %d unfinished objectives, want 2 or more", n)
	}
	skipped := a.planScreen.CarryObjectives()[n-1]
	a = planPress(t, a, "k", " ")
	contains(t, plain(a), strconv.Itoa(n-1)+" of "+strconv.Itoa(n)+" unfinished", "▸ [ ] "+skipped.Title[:10])
	a = planPress(t, a, "j", "enter")
	dst := mustSprint(t, st, "Sprint 26")
	if len(dst.Objectives) != n-1 {
		t.Fatalf("carried %d objectives, want %d", len(dst.Objectives), n-1)
	}
	for _, o := range dst.Objectives {
		if o.CarriedFrom == skipped.ID {
			t.Errorf("the objective taken out (%q) was carried", skipped.Title)
		}
	}
}
