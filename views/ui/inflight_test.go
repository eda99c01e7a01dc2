package ui

import (
	"testing"

	"github.com/google/uuid"
)

func TestInflight_Finish_OlderReplyLast(t *testing.T) {
	f := NewInflight()
	id := uuid.New()
	f.Start(id) // save 1 (older text)
	f.Start(id) // save 2 (newer text)
	if f.Finish(id, 2, true) {
		t.Fatal("save 2 applied while save 1 is still in flight")
	}
	if f.Finish(id, 1, true) {
		t.Fatal("save 1's older reply, arriving last, would replace save 2's text")
	}
	if !f.Stale(id, 1) || f.Stale(id, 2) {
		t.Fatal("a snapshot read before save 2 is not stale")
	}
	f.Start(id)
	if !f.Finish(id, 3, true) {
		t.Fatal("a lone newer save does not apply")
	}
}
