package cli

import (
	"time"

	"github.com/align-team/align/store"
	"github.com/align-team/align/views"
	tea "github.com/charmbracelet/bubbletea"
)

// firstFrameDelay is how long after the first load the automatic backup
// starts. Bubble Tea draws at 60 frames a second, so the loaded first frame
// is on the screen well before; the margin keeps the copy (and the walk of
// each backup it keeps) off a start-up slowed by a busy machine. A program
// that quits sooner takes the backup as it exits.
const firstFrameDelay = 500 * time.Millisecond

// walkDelay is how long after the first load the background page walk goes
// on past what the first screen read (store.Store.ResumeWalk): three frames,
// so the first frame is drawn without the walk competing for the CPU.
const walkDelay = 3 * time.Second / 60

// openTUI opens the existing workspace for the terminal UI: like open(false),
// except that the automatic backup, when one is due, is left for after the
// first frame (backupAfterFirstFrame) instead of copying the whole file
// before the program starts, and the page walk runs while the program
// starts (store.Options.VerifyInBackground): a damaged file ends the
// program with the walk's error (see backupAfterFirstFrame).
func (a *app) openTUI() (*store.Store, error) {
	path, err := a.dbPath()
	if err != nil {
		return nil, err
	}
	if err := mustExist(path); err != nil {
		return nil, err
	}
	return a.openWith(path, store.Options{DeferAutoBackup: true, VerifyInBackground: true})
}

// backupAfterFirstFrame runs the app and starts the store's deferred
// automatic backup (store.Options.DeferAutoBackup) once the first load has
// been drawn. It also waits for the store's background page walk: when the
// walk finds the file damaged (every read and write then fails with that
// error, changing nothing), the program quits and runTUI returns the
// walk's error, as an ordinary open would have. Everything else is the
// app's.
type backupAfterFirstFrame struct {
	views.App
	st      *store.Store
	started bool
	damaged *error // the walk's verdict when it refused the file; shared by copies
}

// walkMsg carries the store's background walk verdict.
type walkMsg struct{ err error }

// Init implements tea.Model.
func (m backupAfterFirstFrame) Init() tea.Cmd {
	st := m.st
	return tea.Batch(m.App.Init(), func() tea.Msg { return walkMsg{st.AwaitWalk()} })
}

// Update implements tea.Model.
func (m backupAfterFirstFrame) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if w, ok := msg.(walkMsg); ok {
		if w.err == nil {
			return m, nil
		}
		*m.damaged = w.err
		return m, tea.Quit
	}
	next, cmd := m.App.Update(msg)
	app, ok := next.(views.App)
	if !ok {
		return next, cmd
	}
	m.App = app
	if !m.started && app.Loaded() {
		m.started = true
		st := m.st
		cmd = tea.Batch(cmd, tea.Tick(walkDelay, func(time.Time) tea.Msg {
			st.ResumeWalk()
			return nil
		}), tea.Tick(firstFrameDelay, func(time.Time) tea.Msg {
			st.StartAutoBackup()
			return nil
		}))
	}
	return m, cmd
}
