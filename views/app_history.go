package views

import (
	"github.com/align-team/align/views/ui"
	tea "github.com/charmbracelet/bubbletea"
)

// historyCache tracks the History screen's data, which costs O(history) to
// compute and so is loaded only when the screen is shown, then reused until
// a save that can change it. gen counts those saves (from 1, see New), fresh
// is the generation of the shown result and pending the generation of the
// load in flight (0: none).
type historyCache struct {
	gen, fresh, pending int
}

// historyCmd starts a history load when the cached one is stale and none for
// the current generation is already running; otherwise it returns nil.
func (a App) historyCmd() (App, tea.Cmd) {
	gen := a.history.gen
	if a.history.fresh == gen || a.history.pending == gen {
		return a, nil
	}
	a.history.pending = gen
	st := a.deps.Store
	return a, a.deps.IO.Submit(func() tea.Msg {
		h, err := loadHistory(st)
		return ui.HistoryLoadedMsg{Gen: gen, History: h, Err: err}
	})
}

// historyStale records a save that can change the trend or the calibration.
// The next visit to History reloads it; when History is on show, it reloads
// now.
func (a App) historyStale() (App, tea.Cmd) {
	a.history.gen++
	if a.screen != ui.ScreenHistory {
		return a, nil
	}
	return a.historyCmd()
}

// historyLoaded shows a finished history load unless a newer one is shown.
func (a App) historyLoaded(msg ui.HistoryLoadedMsg) (tea.Model, tea.Cmd) {
	if a.history.pending == msg.Gen {
		a.history.pending = 0
	}
	if msg.Err != nil {
		a.footer, a.footerErr = msg.Err.Error(), true
		return a, nil
	}
	if msg.Gen < a.history.fresh {
		return a, nil
	}
	a.history.fresh = msg.Gen
	var cmd tea.Cmd
	a.historyScreen, cmd = a.historyScreen.Update(msg)
	return a, cmd
}
