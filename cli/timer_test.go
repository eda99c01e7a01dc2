package cli

import (
	"strings"
	"testing"

	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
)

func TestConfig_Run_TimeboxMinutes(t *testing.T) {
	db := newWorkspace(t)
	if out := mustRun(t, db, "config", "timebox-minutes"); out != "0\n" {
		t.Errorf("default timebox-minutes = %q, want 0", out)
	}
	if out := mustRun(t, db, "config", "timebox-minutes", "8"); out != "timebox-minutes = 8\n" {
		t.Errorf("set: %q", out)
	}
	for _, bad := range []struct{ v, err string }{
		{"300", "timebox-minutes: 300 is outside 0–240"},
		{"241", "timebox-minutes: 241 is outside 0–240"},
		{"soon", `timebox-minutes "soon" is not a whole number`},
	} {
		before := fileHash(t, db)
		r := run(t, db, "config", "timebox-minutes", bad.v)
		if r.err == nil || !strings.Contains(r.err.Error(), bad.err) || fileHash(t, db) != before {
			t.Errorf("config timebox-minutes %s: %v, want %q and nothing changed", bad.v, r.err, bad.err)
		}
	}
	if out := mustRun(t, db, "config"); !strings.Contains(out, "timebox-minutes") || !strings.Contains(out, "8") {
		t.Errorf("config lists:\n%s", out)
	}
}

// TestStatusAndExport_Run_MinutesSpent: minutes the review recorded for an
// objective show beside its spread in status and in the markdown export.
func TestStatusAndExport_Run_MinutesSpent(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	mustRun(t, db, "sprint", "state", "current", "review")
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sprints, err := st.Sprints()
	if err != nil {
		t.Fatal(err)
	}
	cur, _ := model.CurrentSprint(sprints, testNow)
	d, err := st.SprintData(cur.ID)
	if err != nil {
		t.Fatal(err)
	}
	var checkout model.Objective
	for _, o := range d.Objectives {
		if o.Title == "Checkout in three steps" {
			checkout = o
		}
	}
	if _, err := st.SaveOutcome(model.Outcome{ObjectiveID: checkout.ID, Revealed: true, Discussed: true, Minutes: 12}); err != nil {
		t.Fatal(err)
	}
	st.Close()

	status := mustRun(t, db, "status")
	if !strings.Contains(status, "median 47.5, range 20–95, spread 75, sd 27.0, confidence 4, discussed 12 min") {
		t.Errorf("status lacks the minutes beside the spread:\n%s", status)
	}
	md := mustRun(t, db, "export", "--format", "md")
	for _, w := range []string{"| Spread | Minutes | Level", "|     75 |      12 | split", "**spread:** 75; **standard deviation:** 27; **discussed:** 12 min"} {
		if !strings.Contains(md, w) {
			t.Errorf("export lacks %q:\n%s", w, md)
		}
	}
}
