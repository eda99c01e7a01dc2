// Package views is align's terminal UI: one root model (App) that routes
// messages to five screens, each a package of its own (dashboard, assess,
// review, plan, history) that shares only views/ui with the others. The
// root draws the header, footer, help and confirmations, loads the
// workspace and runs the store I/O: commands run one at a time in
// submission order (see io.go). The live-review hub is here too (hub.go).
package views

import (
	"runtime/debug"
	"sync"
	"time"

	"github.com/align-team/align/views/assess"
	"github.com/align-team/align/views/dashboard"
	"github.com/align-team/align/views/history"
	"github.com/align-team/align/views/plan"
	"github.com/align-team/align/views/review"
	"github.com/align-team/align/views/ui"
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/google/uuid"
)

// App is the root model. It owns the screens, the footer, help and the
// confirmation prompt, and routes every message.
type App struct {
	deps     ui.Deps
	io       *ioQueue   // the queue behind deps.IO, to wait for on Close
	closing  *sync.Once // Close's last writes happen once
	keys     globalKeys
	confirmK confirmKeys
	help     help.Model
	fullHelp bool

	screen          ui.Screen
	dashboardScreen dashboard.Model
	assessScreen    assess.Model
	reviewScreen    review.Model
	planScreen      plan.Model
	historyScreen   history.Model

	width, height int
	sprintID      uuid.UUID // the selected sprint; uuid.Nil for the current one
	data          ui.WorkspaceData
	loaded        bool
	history       historyCache

	footer    string
	footerErr bool
	confirm   *ui.ConfirmMsg
	fatal     error
	advice    func(error) string // Options.Advice
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
	q := newIOQueue()
	d := ui.Deps{Store: opt.Store, Now: now, Styles: ui.NewStyles(r), Facilitator: opt.Facilitator, IO: q, Tick: opt.Tick, Memory: opt.Memory, Session: uuid.New()}
	if opt.Hub != nil {
		d.Hub = opt.Hub // a nil *Hub in the interface would not be nil
	}
	h := help.New()
	h.Styles = d.Styles.Help
	a := App{
		deps:            d,
		io:              q,
		closing:         &sync.Once{},
		keys:            newGlobalKeys(),
		confirmK:        newConfirmKeys(),
		help:            h,
		advice:          opt.Advice,
		dashboardScreen: dashboard.New(d),
		assessScreen:    assess.New(d, opt.As),
		reviewScreen:    review.New(d),
		planScreen:      plan.New(d),
		historyScreen:   history.New(d),
		history:         historyCache{gen: 1},
		testPanic:       opt.TestPanic,
	}
	if opt.As != uuid.Nil {
		a.screen = ui.ScreenAssess
	}
	return a.resize(opt.Width, opt.Height)
}

// Init starts the first load; the first frame draws before it returns.
func (a App) Init() tea.Cmd {
	return loadCmd(a.deps, a.sprintID)
}

// Err returns the error that ended the program (a recovered panic in one of
// the app's commands), or nil.
func (a App) Err() error { return a.fatal }

// Close waits (up to timeout) for the app's queued writes to finish, so that
// nothing the user saw saved is lost when the program exits. It reports
// whether the queue drained. Call it on the program's final model: the
// first Close also records the Review timer's running minutes (stopTimer).
func (a App) Close(timeout time.Duration) bool {
	a.closing.Do(func() { a.reviewScreen.StopTimer() })
	return a.io.wait(timeout)
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
	case ui.WorkspaceLoadedMsg:
		if msg.Data.Seq < a.data.Seq {
			return a, nil // an older snapshot delivered after a newer one
		}
		a.data, a.loaded = msg.Data, true
		return a.broadcast(msg)
	case ui.HistoryLoadedMsg:
		return a.historyLoaded(msg)
	case ui.NavigateMsg:
		return a.show(msg)
	case ui.OpenSprintMsg:
		a.sprintID = msg.ID
		return a.show(ui.NavigateMsg{To: ui.ScreenReview})
	case ui.SelectSprintMsg:
		a.sprintID = msg.ID
		return a, loadCmd(a.deps, a.sprintID)
	case ui.ConfirmMsg:
		a.confirm = &msg
		a.footer, a.footerErr = msg.Prompt+" (y/n)", false
		return a, nil
	case ui.FooterMsg:
		a.footer, a.footerErr = msg.Text, false
		return a, nil
	case RoleMsg:
		return a.setRole(msg)
	case ui.SavedMsg:
		if msg.Text != "" {
			a.footer, a.footerErr = msg.Text, false
		}
		a, hist := a.historyStale()
		return a, tea.Batch(loadCmd(a.deps, a.sprintID), hist, a.deps.Changed())
	case remoteChangedMsg:
		// Another session saved: reload the shown sprint. Screens keep their
		// cursors (by record) and any typed input across a load.
		a, hist := a.historyStale()
		return a, tea.Batch(loadCmd(a.deps, a.sprintID), hist)
	case ui.ExternalReadyMsg, ui.ExternalEditedMsg:
		return a.external(msg)
	case ui.FollowMsg:
		var cmd tea.Cmd
		a.reviewScreen, cmd = a.reviewScreen.Update(msg)
		return a, cmd
	case ui.ErrMsg:
		if msg.Fatal {
			a.fatal = msg.Err
			return a, tea.Quit
		}
		a.footer, a.footerErr = a.errText(msg.Err), true
		return a, loadCmd(a.deps, a.sprintID)
	case ui.AssessmentSavedMsg, ui.OutcomeSavedMsg, ui.ActionSavedMsg, ui.AnonymousSavedMsg:
		return a.settled(msg)
	case ui.MemberRememberedMsg:
		var cmd tea.Cmd
		a.assessScreen, cmd = a.assessScreen.Update(msg)
		return a, cmd
	case ui.PlanSavedMsg:
		// Plan edits (objectives, sprint states, members) change the trend.
		var pub tea.Cmd
		if msg.Err == nil {
			pub = a.deps.Changed()
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
	if ui.TooSmallFor(a.width, a.height) {
		return a.tooSmallKey(msg)
	}
	a.footer, a.footerErr = "", false
	if a.confirm != nil {
		c := *a.confirm
		a.confirm = nil
		if key.Matches(msg, a.confirmK.Yes) {
			yes := c.Yes
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
				return ui.ConfirmMsg{Prompt: "Discard the unsaved input and quit?", Yes: tea.QuitMsg{}}
			}
		}
		return a, tea.Quit
	case key.Matches(msg, a.keys.Dashboard):
		return a.show(ui.NavigateMsg{To: ui.ScreenDashboard})
	case key.Matches(msg, a.keys.Assess):
		return a.show(ui.NavigateMsg{To: ui.ScreenAssess})
	case key.Matches(msg, a.keys.Review):
		return a.show(ui.NavigateMsg{To: ui.ScreenReview})
	case key.Matches(msg, a.keys.Plan):
		return a.show(ui.NavigateMsg{To: ui.ScreenPlan})
	case key.Matches(msg, a.keys.History):
		return a.show(ui.NavigateMsg{To: ui.ScreenHistory})
	case key.Matches(msg, a.keys.Next):
		return a.show(ui.NavigateMsg{To: (a.screen + 1) % ui.ScreenCount})
	case key.Matches(msg, a.keys.Prev):
		return a.show(ui.NavigateMsg{To: (a.screen + ui.ScreenCount - 1) % ui.ScreenCount})
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

// show switches to msg.To, hands it the ui.NavigateMsg (so it can focus an
// objective) and reloads: every screen shows fresh data on arrival.
func (a App) show(msg ui.NavigateMsg) (tea.Model, tea.Cmd) {
	if msg.To < 0 || msg.To >= ui.ScreenCount {
		return a, nil
	}
	a.screen = msg.To
	a = a.resize(a.width, a.height)
	cmds := []tea.Cmd{loadCmd(a.deps, a.sprintID)}
	if msg.To == ui.ScreenHistory {
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
	if a.capturing() || ui.TooSmallFor(a.width, a.height) {
		return a, nil
	}
	if msg.Y == 0 && msg.Action == tea.MouseActionPress && msg.Button == tea.MouseButtonLeft {
		if s, ok := a.tabAt(msg.X); ok {
			return a.show(ui.NavigateMsg{To: s})
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
	case ui.ScreenDashboard:
		a.dashboardScreen, cmd = a.dashboardScreen.Update(msg)
	case ui.ScreenAssess:
		a.assessScreen, cmd = a.assessScreen.Update(msg)
	case ui.ScreenReview:
		a.reviewScreen, cmd = a.reviewScreen.Update(msg)
	case ui.ScreenPlan:
		a.planScreen, cmd = a.planScreen.Update(msg)
	case ui.ScreenHistory:
		a.historyScreen, cmd = a.historyScreen.Update(msg)
	}
	return a, cmd
}

// capturing reports whether the active screen has a focused text input.
func (a App) capturing() bool {
	switch a.screen {
	case ui.ScreenAssess:
		return a.assessScreen.Capturing()
	case ui.ScreenReview:
		return a.reviewScreen.Capturing()
	case ui.ScreenPlan:
		return a.planScreen.Capturing()
	case ui.ScreenHistory:
		return a.historyScreen.Capturing()
	}
	return false
}

// digitsTyped reports whether msg is a digit on the Assess screen, where
// digits type the progress (the screen's main input) instead of switching
// screens; tab and shift+tab switch there.
func (a App) digitsTyped(msg tea.KeyMsg) bool {
	return a.screen == ui.ScreenAssess && a.assessScreen.TypesDigit(msg)
}

// unsaved reports whether quitting now would discard typed input.
func (a App) unsaved() bool {
	return a.assessScreen.Unsaved() || a.reviewScreen.Unsaved() || a.planScreen.Unsaved()
}

// errText is err as the footer shows it, with the front end's advice.
func (a App) errText(err error) string {
	if a.advice != nil {
		if s := a.advice(err); s != "" {
			return err.Error() + "; " + s
		}
	}
	return err.Error()
}
