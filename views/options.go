package views

import (
	"sync"
	"time"

	"github.com/align-team/align/store"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/google/uuid"
)

// Options is everything the app depends on. Nothing is read from package
// state, so one process can run one App per terminal or connection.
type Options struct {
	// Store is the open workspace.
	Store *store.Store
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// As is the acting member's id, resolved by the caller at the edge
	// (cli's --as or $ALIGN_MEMBER, serve's SSH key): the app looks up no
	// handle. uuid.Nil means the member remembered for the workspace (or a
	// choice on the Assess screen). When set, the member is fixed and the
	// app starts on the Assess screen.
	As uuid.UUID
	// Renderer renders styles for this terminal; nil means a renderer on
	// no output (no colour), as tests want.
	Renderer *lipgloss.Renderer
	// Width and Height are the terminal's initial size.
	Width, Height int
	// Facilitator allows revealing, recording outcomes and changing sprint
	// state; the local TUI always facilitates.
	Facilitator bool
	// Hub, when set, connects this app to the other sessions of a server:
	// it publishes every save (and, for a facilitator, where its review
	// is) and reloads when others save; subscribe the program to it (see
	// Hub.Subscribe). Nil for the local TUI.
	Hub *Hub
	// TestPanic, when set, makes the first key press panic on purpose (see
	// injectPanic): "update" in Update, "command" in a command Update
	// returns, "io" in a job on the store I/O goroutine. It exists for the
	// terminal-robustness test (ALIGN_TEST_PANIC, cli/tui.go); leave it empty.
	TestPanic string
	// Tick is how often the Review screen's discussion timer redraws; 0
	// means only when something else happens (tests drive the clock
	// themselves). The time measured is the clock's either way.
	Tick time.Duration
	// Memory remembers, for the OS user at this terminal, the member they
	// last assessed as in this workspace, so that Assess opens as them next
	// time; nil remembers nothing (align serve, where the key says who).
	// The workspace's own stored last member is ignored: on a shared
	// laptop it would open as the previous person.
	Memory MemberMemory
}

// MemberMemory keeps one OS user's last chosen member for one workspace
// (see internal/lastmember).
type MemberMemory interface {
	// Recall returns the remembered member, or uuid.Nil.
	Recall() uuid.UUID
	// Remember records id; uuid.Nil forgets.
	Remember(id uuid.UUID) error
}

// deps is what every screen shares: values and handles that never change
// after New. Screens keep it by value.
type deps struct {
	store       *store.Store
	now         func() time.Time
	styles      Styles
	facilitator bool
	io          *ioQueue
	hub         *Hub // nil unless live (serve)
	tick        time.Duration
	memory      MemberMemory // nil: remember nothing
	closing     *sync.Once   // App.Close's last writes happen once
	session     uuid.UUID    // this app, as the hub's events name it
}

// load submits a workspace load for sprint id (uuid.Nil: current sprint).
func (d deps) load(id uuid.UUID) tea.Cmd {
	st, now, q, mem := d.store, d.now(), d.io, d.memory
	return d.io.submit(func() tea.Msg {
		data, err := loadWorkspace(st, id, now)
		if err != nil {
			return errMsg{err: err}
		}
		data.Workspace.LastMember = uuid.Nil
		if mem != nil {
			data.Workspace.LastMember = mem.Recall()
		}
		data.seq = q.seq()
		return workspaceLoadedMsg{data: data}
	})
}
