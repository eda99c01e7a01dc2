package views

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/align-team/align/views/ui"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/google/uuid"
)

// recorder collects what a hub sends one subscriber.
type recorder struct {
	mu   sync.Mutex
	msgs []tea.Msg
}

func (r *recorder) send(m tea.Msg) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.msgs = append(r.msgs, m)
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.msgs)
}

// waitCount waits up to a second for at least n messages.
func (r *recorder) waitCount(t *testing.T, n int) {
	t.Helper()
	deadline := time.Now().Add(time.Second)
	for r.count() < n {
		if time.Now().After(deadline) {
			t.Fatalf("got %d messages, want %d", r.count(), n)
		}
		time.Sleep(time.Millisecond)
	}
}

func TestHub_Publish_CoalescesBurst(t *testing.T) {
	h := newHub(100 * time.Millisecond)
	var r recorder
	defer h.Subscribe(r.send)()
	h.Publish(ui.Event{Kind: ui.EventChanged})
	r.waitCount(t, 1) // the first of a quiet spell goes at once
	for range 50 {
		h.Publish(ui.Event{Kind: ui.EventChanged})
	}
	r.waitCount(t, 2)
	time.Sleep(250 * time.Millisecond)
	if n := r.count(); n != 2 {
		t.Fatalf("a burst of 50 events arrived as %d messages, want 1 (after the first)", n-1)
	}
	if _, ok := r.msgs[1].(remoteChangedMsg); !ok {
		t.Fatalf("message %T, want remoteChangedMsg", r.msgs[1])
	}
}

func TestHub_Subscribe_Unsubscribe(t *testing.T) {
	h := newHub(time.Millisecond)
	var r recorder
	unsubscribe := h.Subscribe(r.send)
	h.Publish(ui.Event{Kind: ui.EventChanged})
	r.waitCount(t, 1)
	unsubscribe()
	unsubscribe() // twice is fine
	if n := h.Subscribers(); n != 0 {
		t.Fatalf("%d subscribers after unsubscribing", n)
	}
	h.Publish(ui.Event{Kind: ui.EventChanged})
	time.Sleep(50 * time.Millisecond)
	if n := r.count(); n != 1 {
		t.Fatalf("%d messages after unsubscribing, want 1", n)
	}
}

func TestHub_Publish_NeverBlocksOnStuckSubscriber(t *testing.T) {
	h := newHub(time.Millisecond)
	stuck := make(chan struct{})
	defer close(stuck)
	var calls atomic.Int32
	unstuck := h.Subscribe(func(tea.Msg) { calls.Add(1); <-stuck })
	defer unstuck()
	var r recorder
	defer h.Subscribe(r.send)()

	done := make(chan struct{})
	go func() {
		for range 1000 {
			h.Publish(ui.Event{Kind: ui.EventChanged})
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(time.Second):
		t.Fatal("Publish blocked behind a stuck subscriber")
	}
	r.waitCount(t, 1) // the healthy subscriber still hears
	if c := calls.Load(); c != 1 {
		t.Fatalf("the stuck subscriber was called %d times, want 1", c)
	}
}

func TestHub_Subscribe_LateJoinerGetsFocus(t *testing.T) {
	h := newHub(time.Millisecond)
	sprint, obj := uuid.New(), uuid.New()
	h.Publish(ui.Event{Kind: ui.EventFocus, Sprint: sprint, Objective: obj})
	var r recorder
	defer h.Subscribe(r.send)()
	r.waitCount(t, 1)
	f, ok := r.msgs[0].(ui.FollowMsg)
	if !ok || f.Sprint != sprint || f.Objective != obj {
		t.Fatalf("late joiner got %#v, want the latest focus", r.msgs[0])
	}
}
