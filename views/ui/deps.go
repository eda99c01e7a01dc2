// Package ui is what every screen of align's terminal UI shares: the
// styles, the key bindings of text input, the layout helpers, the text
// field, the workspace snapshot the screens show, and the messages that
// cross between the root package (views) and the screens. It imports no
// screen and not the root, so that every screen can import it.
package ui

import (
	"time"

	"github.com/align-team/align/store"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/google/uuid"
)

// Deps is what every screen shares: values and handles that never change
// after the root builds it (Facilitator changes only by the root's RoleMsg).
// Screens keep it by value.
type Deps struct {
	// Store is the open workspace; screens use it only inside jobs they
	// submit to IO.
	Store *store.Store
	// Now is the clock.
	Now func() time.Time
	// Styles renders for this session's terminal.
	Styles Styles
	// Facilitator allows revealing, recording outcomes and changing sprint
	// state.
	Facilitator bool
	// IO runs store reads and writes one at a time, in submission order.
	IO Queue
	// Hub tells the other sessions of a server what was saved; nil unless
	// live (align serve).
	Hub Publisher
	// Tick is how often the Review screen's discussion timer redraws; 0
	// means only when something else happens.
	Tick time.Duration
	// Memory remembers the OS user's last chosen member; nil remembers
	// nothing.
	Memory MemberMemory
	// Session is this app, as the hub's events name it.
	Session uuid.UUID
}

// Queue runs jobs that read or write the store one at a time, in the order
// they were submitted (the root's ioQueue).
type Queue interface {
	// Submit queues fn and returns a command that yields its message.
	Submit(fn func() tea.Msg) tea.Cmd
	// Seq returns the sequence number of the job running now; call it
	// only from inside a job. A larger number saw every write of a smaller.
	Seq() uint64
}

// Publisher hands an event to the other sessions of a server without
// blocking (the root's Hub).
type Publisher interface {
	// Publish tells every other session about ev.
	Publish(ev Event)
}

// MemberMemory keeps one OS user's last chosen member for one workspace
// (see internal/lastmember).
type MemberMemory interface {
	// Recall returns the remembered member, or uuid.Nil.
	Recall() uuid.UUID
	// Remember records id; uuid.Nil forgets.
	Remember(id uuid.UUID) error
}

// Publish returns a command that tells the other sessions about ev, or nil
// when the app is not live. Publishing never blocks.
func (d Deps) Publish(ev Event) tea.Cmd {
	if d.Hub == nil {
		return nil
	}
	h := d.Hub
	return func() tea.Msg { h.Publish(ev); return nil }
}

// Changed tells the other sessions that something was saved.
func (d Deps) Changed() tea.Cmd { return d.Publish(Event{Kind: EventChanged}) }
