package views

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
)

// Anonymous mode is a property of the review, not of one screen: x (the
// facilitator's) stores it in the workspace's anonymous-reveal setting, so
// that every connected screen follows it on its next load and the markdown
// export leaves names out too.

// anonymousSavedMsg reports the stored anonymous mode, or err.
type anonymousSavedMsg struct {
	on  bool
	seq uint64
	err error
}

// toggleAnonymous switches anonymous mode for the whole review.
func (m Review) toggleAnonymous() (Review, tea.Cmd) {
	if !m.deps.facilitator {
		return m, onlyFacilitator("switch anonymous mode (it holds for every screen)")
	}
	m.anonymous = !m.anonymous
	m.anonSaving++
	on, st, q := m.anonymous, m.deps.store, m.deps.io
	text := "names shown on every screen"
	if on {
		text = "anonymous: names hidden on every screen"
	}
	save := m.deps.io.submit(func() tea.Msg {
		ws, err := st.Workspace()
		if err == nil {
			set := ws.Settings
			set.AnonymousReveal = on
			err = st.SetSettings(set)
		}
		if err != nil {
			return anonymousSavedMsg{on: on, err: fmt.Errorf("saving anonymous mode: %w", err)}
		}
		return anonymousSavedMsg{on: on, seq: q.seq()}
	})
	return m, tea.Batch(save, footer(text))
}

// anonymousSaved settles one save of the mode.
func (m Review) anonymousSaved(msg anonymousSavedMsg) (Review, tea.Cmd) {
	m.anonSaving = max(0, m.anonSaving-1)
	if msg.err != nil {
		err := msg.err
		return m, func() tea.Msg { return errMsg{err: err} }
	}
	m.anonSeq = max(m.anonSeq, msg.seq)
	return m, nil
}

// loadAnonymous takes the review's mode from a snapshot, unless a save of
// it is still in flight or the snapshot was read before the last one.
func (m Review) loadAnonymous(d workspaceData) Review {
	if m.anonSaving == 0 && d.seq >= m.anonSeq {
		m.anonymous = d.Workspace.Settings.AnonymousReveal
	}
	return m
}
