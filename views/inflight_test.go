package views

import (
	"testing"

	"github.com/align-team/align/model"
	"github.com/align-team/align/views/ui"
)

// The Review notes after esc show the last text typed, whatever order the
// replies of the saves made while typing come back in.
func TestReview_Notes_OutOfOrderRepliesKeepNewestText(t *testing.T) {
	a, _ := newTestApp(t, 120, 40)
	a = reviewAgenda(t, a)
	a = press(t, a, " ", "n")
	r := a.reviewScreen
	st, _ := r.current()
	id := st.Objective.ID
	// Two saves queued as typed; their replies come back newest first.
	r, _ = r.changeOutcome(func(o *model.Outcome) { o.Notes = "Second line q" })
	r, _ = r.changeOutcome(func(o *model.Outcome) { o.Notes = "Second line q test" })
	older, newer := r.outcomes[id], r.outcomes[id]
	older.Notes = "Second line q"
	r, _ = r.Update(ui.OutcomeSavedMsg{O: newer, Seq: 1001})
	r, _ = r.Update(ui.OutcomeSavedMsg{O: older, Seq: 1000})
	if got := r.outcomes[id].Notes; got != "Second line q test" {
		t.Fatalf("notes show %q after the older reply came last, want the newest text", got)
	}
}
