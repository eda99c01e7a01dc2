package views

import (
	"sync"
	"time"

	"github.com/align-team/align/views/ui"
	tea "github.com/charmbracelet/bubbletea"
)

// DefaultCoalesce is how long a Hub gathers a burst of events before it
// tells a subscriber: the first event of a quiet spell goes out at once,
// later ones at most this often.
const DefaultCoalesce = 120 * time.Millisecond

// remoteChangedMsg tells an app that another session (or this one) saved
// something: reload the shown sprint without disturbing the user.
type remoteChangedMsg struct{}

// Hub connects the apps of one server: each publishes what it saved and,
// for a facilitator, where its review is; every subscriber hears of it.
// Publish never blocks. Every subscriber has its own goroutine that waits
// in its program's Send, so a slow or stuck session delays nobody else, and
// a burst of events reaches a subscriber as one message (see
// DefaultCoalesce). The hub remembers the facilitator's latest focus and
// hands it to each new subscriber, so that a late joiner follows too.
// The hub also keeps the snapshot the sessions show (see snapshots): after
// a save, the first session to reload decodes it and the others share it.
type Hub struct {
	coalesce time.Duration
	shared   *snapshots // the sessions' shared workspace snapshot

	mu    sync.Mutex
	subs  map[*subscriber]struct{}
	focus *ui.Event // the latest EventFocus
}

// NewHub returns a hub that coalesces bursts within DefaultCoalesce.
func NewHub() *Hub { return newHub(DefaultCoalesce) }

func newHub(coalesce time.Duration) *Hub {
	return &Hub{coalesce: coalesce, shared: newSnapshots(), subs: map[*subscriber]struct{}{}}
}

// subscriber is one program's mailbox: a one-slot dirty flag and the latest
// focus, drained by its own goroutine.
type subscriber struct {
	send func(tea.Msg)
	wake chan struct{} // one slot: something is pending
	done chan struct{}

	mu      sync.Mutex
	changed bool
	focus   *ui.Event
}

// Subscribe registers send (typically a tea.Program's Send) for every
// later event, and at once for the latest focus. The returned function
// unsubscribes; it is safe to call more than once and does not wait for a
// send in progress.
func (h *Hub) Subscribe(send func(tea.Msg)) (unsubscribe func()) {
	s := &subscriber{send: send, wake: make(chan struct{}, 1), done: make(chan struct{})}
	h.mu.Lock()
	h.subs[s] = struct{}{}
	if h.focus != nil {
		f := *h.focus
		s.post(ui.Event{}, &f)
	}
	h.mu.Unlock()
	go s.run(h.coalesce)
	var once sync.Once
	return func() {
		once.Do(func() {
			h.mu.Lock()
			delete(h.subs, s)
			h.mu.Unlock()
			close(s.done)
		})
	}
}

// Publish hands ev to every subscriber without waiting for any of them.
func (h *Hub) Publish(ev ui.Event) {
	var focus *ui.Event
	if ev.Kind == ui.EventFocus {
		focus = &ev
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if focus != nil {
		h.focus = focus
	}
	for s := range h.subs {
		s.post(ev, focus)
	}
}

// Subscribers returns how many subscribers the hub has.
func (h *Hub) Subscribers() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.subs)
}

// post marks ev pending and wakes the goroutine; it never blocks.
func (s *subscriber) post(ev ui.Event, focus *ui.Event) {
	s.mu.Lock()
	if focus != nil {
		s.focus = focus
	} else {
		s.changed = true
	}
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default: // already pending: the goroutine takes this event too
	}
}

// take returns and clears what is pending.
func (s *subscriber) take() (changed bool, focus *ui.Event) {
	s.mu.Lock()
	defer s.mu.Unlock()
	changed, focus = s.changed, s.focus
	s.changed, s.focus = false, nil
	return changed, focus
}

// run delivers pending events until unsubscribed: at once after a quiet
// spell, otherwise no sooner than coalesce after the previous delivery.
func (s *subscriber) run(coalesce time.Duration) {
	var last time.Time
	for {
		select {
		case <-s.done:
			return
		case <-s.wake:
		}
		if wait := coalesce - time.Since(last); wait > 0 {
			t := time.NewTimer(wait)
			select {
			case <-s.done:
				t.Stop()
				return
			case <-t.C:
			}
		}
		changed, focus := s.take()
		last = time.Now()
		// The focus goes first: the reload that follows a reveal then
		// lands on the objective the facilitator is on.
		if focus != nil {
			s.send(ui.FollowMsg{Sprint: focus.Sprint, Objective: focus.Objective, Since: focus.Since, From: focus.From})
		}
		if changed {
			s.send(remoteChangedMsg{})
		}
	}
}
