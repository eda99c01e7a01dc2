package views

import (
	"testing"

	"github.com/align-team/align/views/ui"
	"github.com/align-team/align/views/uitest"
)

// The Review notes after esc show the last text typed, whatever order the
// replies of the saves made while typing come back in.
func TestReview_Notes_OutOfOrderRepliesKeepNewestText(t *testing.T) {
	a, _ := newTestApp(t, 120, 40)
	a = reviewAgenda(t, a)
	a = press(t, a, " ", "n")
	r := a.reviewScreen
	st, _ := r.Current()
	id := st.Objective.ID
	// Two saves queued as typed; their replies come back newest first.
	// Each batch of typed runes saves the notes once.
	r, _ = r.Update(uitest.KeyMsg("Second line q"))
	r, _ = r.Update(uitest.KeyMsg(" test"))
	older, newer := r.Outcome(id), r.Outcome(id)
	older.Notes = "Second line q"
	r, _ = r.Update(ui.OutcomeSavedMsg{O: newer, Seq: 1001})
	r, _ = r.Update(ui.OutcomeSavedMsg{O: older, Seq: 1000})
	if got := r.Outcome(id).Notes; got != "Second line q test" {
		t.Fatalf("notes show %q after the older reply came last, want the newest text", got)
	}
}
