package views

import (
	"time"

	"github.com/align-team/align/store"
	"github.com/align-team/align/views/ui"
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
	// Advice, when set, says what the user can do about an error the
	// footer shows ("run `align check`"), or "" for nothing: the front end
	// that started the app words the advice (cli's fileAdvice), as it does
	// for its own commands. Nil adds none.
	Advice func(error) string
}

// MemberMemory keeps one OS user's last chosen member for one workspace
// (see internal/lastmember); it is ui.MemberMemory, named here for callers.
type MemberMemory = ui.MemberMemory

// loadCmd submits a workspace load for sprint id (uuid.Nil: current sprint).
// A live app (align serve) takes it from its hub's shared snapshot, which
// decodes once per commit for every session; the local TUI reads it itself.
func loadCmd(d ui.Deps, id uuid.UUID) tea.Cmd {
	st, now, q, mem := d.Store, d.Now(), d.IO, d.Memory
	load := loadWorkspace
	if h, ok := d.Hub.(*Hub); ok && h != nil {
		load = h.shared.load
	}
	return d.IO.Submit(func() tea.Msg {
		data, err := load(st, id, now)
		if err != nil {
			return ui.ErrMsg{Err: err}
		}
		data.Workspace.LastMember = uuid.Nil
		if mem != nil {
			data.Workspace.LastMember = mem.Recall()
		}
		data.Seq = q.Seq()
		return ui.WorkspaceLoadedMsg{Data: data}
	})
}
