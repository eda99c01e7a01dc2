package views

import (
	"github.com/align-team/align/views/ui"
	"testing"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

func TestInflight_Finish_OlderReplyLast(t *testing.T) {
	f := newInflight()
	id := uuid.New()
	f.start(id) // save 1 (older text)
	f.start(id) // save 2 (newer text)
	if f.finish(id, 2, true) {
		t.Fatal("save 2 applied while save 1 is still in flight")
	}
	if f.finish(id, 1, true) {
		t.Fatal("save 1's older reply, arriving last, would replace save 2's text")
	}
	if !f.stale(id, 1) || f.stale(id, 2) {
		t.Fatal("a snapshot read before save 2 is not stale")
	}
	f.start(id)
	if !f.finish(id, 3, true) {
		t.Fatal("a lone newer save does not apply")
	}
}

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
