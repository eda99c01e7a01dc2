// Package views is align's terminal UI: one root model (App) that routes
// messages to five concrete screens. Store I/O happens only in commands,
// which run one at a time in submission order (see io.go).
package views

import (
	"runtime/debug"
	"sync"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/google/uuid"
)

// screen names one of the app's screens; the values are the tab order.
type screen int

const (
	screenDashboard screen = iota
	screenAssess
	screenReview
	screenPlan
	screenHistory
	screenCount
)

// String is the screen's tab title.
func (s screen) String() string {
	switch s {
	case screenDashboard:
		return "Dashboard"
	case screenAssess:
		return "Assess"
	case screenReview:
		return "Review"
	case screenPlan:
		return "Plan"
	case screenHistory:
		return "History"
	}
	return "?"
}

// App is the root model. It owns the screens, the footer, help and the
// confirmation prompt, and routes every message.
type App struct {
	deps     deps
	keys     globalKeys
	confirmK confirmKeys
	help     help.Model
	fullHelp bool

	screen          screen
	dashboardScreen Dashboard
	assessScreen    Assess
	reviewScreen    Review
	planScreen      Plan
	historyScreen   History

	width, height int
	sprintID      uuid.UUID // the selected sprint; uuid.Nil for the current one
	data          workspaceData
	loaded        bool
	history       historyCache

	footer    string
	footerErr bool
	confirm   *confirmMsg
	fatal     error
	testPanic string
}

// New builds the app. It does no I/O: Init starts the first load.
func New(opt Options) App {
	now := opt.Now
	if now == nil {
		now = time.Now
	}
	r := opt.Renderer
	if r == nil {
		r = lipgloss.NewRenderer(nil)
	}
	d := deps{store: opt.Store, now: now, styles: NewStyles(r), facilitator: opt.Facilitator, io: newIOQueue(), hub: opt.Hub, tick: opt.Tick, memory: opt.Memory, closing: &sync.Once{}, session: uuid.New()}
	h := help.New()
	h.Styles = d.styles.Help
	a := App{
		deps:            d,
		keys:            newGlobalKeys(),
		confirmK:        newConfirmKeys(),
		help:            h,
		dashboardScreen: NewDashboard(d),
		assessScreen:    NewAssess(d, opt.As),
		reviewScreen:    NewReview(d),
		planScreen:      NewPlan(d),
		historyScreen:   NewHistory(d),
		history:         historyCache{gen: 1},
		testPanic:       opt.TestPanic,
	}
	if opt.As != uuid.Nil {
		a.screen = screenAssess
	}
	return a.resize(opt.Width, opt.Height)
}

// Init starts the first load; the first frame draws before it returns.
func (a App) Init() tea.Cmd {
	return a.deps.load(a.sprintID)
}

// Err returns the error that ended the program (a recovered panic in one of
// the app's commands), or nil.
func (a App) Err() error { return a.fatal }

// Close waits (up to timeout) for the app's queued writes to finish, so that
// nothing the user saw saved is lost when the program exits. It reports
// whether the queue drained. Call it on the program's final model: the
// first Close also records the Review timer's running minutes (stopTimer).
func (a App) Close(timeout time.Duration) bool {
	a.deps.closing.Do(func() { a.reviewScreen.stopTimer() })
	return a.deps.io.wait(timeout)
}

// Update implements tea.Model. A panic while updating, or inside the command
// it returns (see guard), ends the program in order with the error (Err):
// queued writes still drain and the caller can print what went wrong.
func (a App) Update(msg tea.Msg) (m tea.Model, cmd tea.Cmd) {
	defer func() {
		if r := recover(); r != nil {
			a.fatal = panicError{value: r, stack: string(debug.Stack())}
			m, cmd = a, tea.Quit
		}
	}()
	m, cmd = a.update(msg)
	return m, guard(cmd)
}

func (a App) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return a.resize(msg.Width, msg.Height), nil
	case tea.KeyMsg:
		if a.testPanic != "" {
			return a.injectPanic()
		}
		return a.handleKey(msg)
	case tea.MouseMsg:
		return a.handleMouse(msg)
	case workspaceLoadedMsg:
		if msg.data.seq < a.data.seq {
			return a, nil // an older snapshot delivered after a newer one
		}
		a.data, a.loaded = msg.data, true
		return a.broadcast(msg)
	case historyLoadedMsg:
		return a.historyLoaded(msg)
	case navigateMsg:
		return a.show(msg)
	case openSprintMsg:
		a.sprintID = msg.id
		return a.show(navigateMsg{to: screenReview})
	case selectSprintMsg:
		a.sprintID = msg.id
		return a, a.deps.load(a.sprintID)
	case confirmMsg:
		a.confirm = &msg
		a.footer, a.footerErr = msg.prompt+" (y/n)", false
		return a, nil
	case footerMsg:
		a.footer, a.footerErr = msg.text, false
		return a, nil
	case RoleMsg:
		return a.setRole(msg)
	case savedMsg:
		if msg.text != "" {
			a.footer, a.footerErr = msg.text, false
		}
		a, hist := a.historyStale()
		return a, tea.Batch(a.deps.load(a.sprintID), hist, a.deps.changed())
	case remoteChangedMsg:
		// Another session saved: reload the shown sprint. Screens keep their
		// cursors (by record) and any typed input across a load.
		a, hist := a.historyStale()
		return a, tea.Batch(a.deps.load(a.sprintID), hist)
	case externalReadyMsg, externalEditedMsg:
		return a.external(msg)
	case followMsg:
		var cmd tea.Cmd
		a.reviewScreen, cmd = a.reviewScreen.Update(msg)
		return a, cmd
	case errMsg:
		if msg.fatal {
			a.fatal = msg.err
			return a, tea.Quit
		}
		a.footer, a.footerErr = msg.Error(), true
		return a, a.deps.load(a.sprintID)
	case assessmentSavedMsg, outcomeSavedMsg, actionSavedMsg, anonymousSavedMsg:
		return a.settled(msg)
	case memberRememberedMsg:
		var cmd tea.Cmd
		a.assessScreen, cmd = a.assessScreen.Update(msg)
		return a, cmd
	case planSavedMsg:
		// Plan edits (objectives, sprint states, members) change the trend.
		var pub tea.Cmd
		if msg.err == nil {
			pub = a.deps.changed()
		}
		a, hist := a.historyStale()
		m, cmd := a.updateActive(msg)
		return m, tea.Batch(cmd, hist, pub)
	}
	return a.updateActive(msg)
}

// handleKey applies the key contract: a pending confirmation takes the key;
// ctrl+c always quits; a focused input takes everything else; then the
// global keys; then the active screen.
func (a App) handleKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	if burst(msg) && (a.confirm != nil || !a.capturing()) {
		return a.splitBurst(msg)
	}
	if tooSmallFor(a.width, a.height) {
		return a.tooSmallKey(msg)
	}
	a.footer, a.footerErr = "", false
	if a.confirm != nil {
		c := *a.confirm
		a.confirm = nil
		if key.Matches(msg, a.confirmK.Yes) {
			yes := c.yes
			return a, func() tea.Msg { return yes }
		}
		a.footer = "cancelled"
		return a, nil
	}
	if key.Matches(msg, a.keys.ForceQuit) {
		return a, tea.Quit
	}
	if a.fullHelp && key.Matches(msg, a.keys.Back) {
		// esc closes the full help first, and does nothing else.
		a.fullHelp = false
		return a.resize(a.width, a.height), nil
	}
	if a.capturing() || a.digitsTyped(msg) {
		return a.updateActive(msg)
	}
	switch {
	case key.Matches(msg, a.keys.Help):
		a.fullHelp = !a.fullHelp
		return a.resize(a.width, a.height), nil
	case key.Matches(msg, a.keys.Quit):
		if a.unsaved() {
			return a, func() tea.Msg {
				return confirmMsg{prompt: "Discard the unsaved input and quit?", yes: tea.QuitMsg{}}
			}
		}
		return a, tea.Quit
	case key.Matches(msg, a.keys.Dashboard):
		return a.show(navigateMsg{to: screenDashboard})
	case key.Matches(msg, a.keys.Assess):
		return a.show(navigateMsg{to: screenAssess})
	case key.Matches(msg, a.keys.Review):
		return a.show(navigateMsg{to: screenReview})
	case key.Matches(msg, a.keys.Plan):
		return a.show(navigateMsg{to: screenPlan})
	case key.Matches(msg, a.keys.History):
		return a.show(navigateMsg{to: screenHistory})
	case key.Matches(msg, a.keys.Next):
		return a.show(navigateMsg{to: (a.screen + 1) % screenCount})
	case key.Matches(msg, a.keys.Prev):
		return a.show(navigateMsg{to: (a.screen + screenCount - 1) % screenCount})
	}
	return a.updateActive(msg)
}

// tooSmallKey handles a key while the terminal is too small to show what
// the key would do: nothing acts unseen (no edits, no answers to a pending
// confirmation), only quitting works. q still refuses to drop unsaved input
// it cannot ask about; ctrl+c always quits.
func (a App) tooSmallKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	switch {
	case key.Matches(msg, a.keys.ForceQuit):
		return a, tea.Quit
	case key.Matches(msg, a.keys.Quit) && !a.unsaved():
		return a, tea.Quit
	}
	return a, nil
}

// show switches to msg.to, hands it the navigateMsg (so it can focus an
// objective) and reloads: every screen shows fresh data on arrival.
func (a App) show(msg navigateMsg) (tea.Model, tea.Cmd) {
	if msg.to < 0 || msg.to >= screenCount {
		return a, nil
	}
	a.screen = msg.to
	a = a.resize(a.width, a.height)
	cmds := []tea.Cmd{a.deps.load(a.sprintID)}
	if msg.to == screenHistory {
		var hist tea.Cmd
		a, hist = a.historyCmd()
		cmds = append(cmds, hist)
	}
	m, cmd := a.updateActive(msg)
	return m, tea.Batch(append(cmds, cmd)...)
}

// handleMouse forwards mouse events to the active screen in its own
// coordinates; a click on a tab switches screens.
func (a App) handleMouse(msg tea.MouseMsg) (tea.Model, tea.Cmd) {
	if a.capturing() || tooSmallFor(a.width, a.height) {
		return a, nil
	}
	if msg.Y == 0 && msg.Action == tea.MouseActionPress && msg.Button == tea.MouseButtonLeft {
		if s, ok := a.tabAt(msg.X); ok {
			return a.show(navigateMsg{to: s})
		}
		return a, nil
	}
	msg.Y -= a.headerHeight()
	if msg.Y < 0 {
		return a, nil
	}
	return a.updateActive(msg)
}

// broadcast hands msg to every screen.
func (a App) broadcast(msg tea.Msg) (tea.Model, tea.Cmd) {
	var c1, c2, c3, c4, c5 tea.Cmd
	a.dashboardScreen, c1 = a.dashboardScreen.Update(msg)
	a.assessScreen, c2 = a.assessScreen.Update(msg)
	a.reviewScreen, c3 = a.reviewScreen.Update(msg)
	a.planScreen, c4 = a.planScreen.Update(msg)
	a.historyScreen, c5 = a.historyScreen.Update(msg)
	return a, tea.Batch(c1, c2, c3, c4, c5)
}

// updateActive hands msg to the screen on show.
func (a App) updateActive(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch a.screen {
	case screenDashboard:
		a.dashboardScreen, cmd = a.dashboardScreen.Update(msg)
	case screenAssess:
		a.assessScreen, cmd = a.assessScreen.Update(msg)
	case screenReview:
		a.reviewScreen, cmd = a.reviewScreen.Update(msg)
	case screenPlan:
		a.planScreen, cmd = a.planScreen.Update(msg)
	case screenHistory:
		a.historyScreen, cmd = a.historyScreen.Update(msg)
	}
	return a, cmd
}

// capturing reports whether the active screen has a focused text input.
func (a App) capturing() bool {
	switch a.screen {
	case screenAssess:
		return a.assessScreen.Capturing()
	case screenReview:
		return a.reviewScreen.Capturing()
	case screenPlan:
		return a.planScreen.Capturing()
	case screenHistory:
		return a.historyScreen.Capturing()
	}
	return false
}

// digitsTyped reports whether msg is a digit on the Assess screen, where
// digits type the progress (the screen's main input) instead of switching
// screens; tab and shift+tab switch there.
func (a App) digitsTyped(msg tea.KeyMsg) bool {
	return a.screen == screenAssess && key.Matches(msg, a.assessScreen.keys.Digit)
}

// unsaved reports whether quitting now would discard typed input.
func (a App) unsaved() bool {
	return a.assessScreen.Unsaved() || a.reviewScreen.Unsaved() || a.planScreen.Unsaved()
}
