package review

import (
	"fmt"

	"github.com/align-team/align/views/ui"
	tea "github.com/charmbracelet/bubbletea"
)

// Anonymous mode is a property of the review, not of one screen: x (the
// facilitator's) stores it in the workspace's anonymous-reveal setting, so
// that every connected screen follows it on its next load and the markdown
// export leaves names out too.

// toggleAnonymous switches anonymous mode for the whole review.
func (m Model) toggleAnonymous() (Model, tea.Cmd) {
	if !m.deps.Facilitator {
		return m, onlyFacilitator("switch anonymous mode (it holds for every screen)")
	}
	m.anonymous = !m.anonymous
	m.anonSaving++
	on, st, q := m.anonymous, m.deps.Store, m.deps.IO
	text := "names shown on every screen"
	if on {
		text = "anonymous: names hidden on every screen"
	}
	save := m.deps.IO.Submit(func() tea.Msg {
		ws, err := st.Workspace()
		if err == nil {
			set := ws.Settings
			set.AnonymousReveal = on
			err = st.SetSettings(set)
		}
		if err != nil {
			return ui.AnonymousSavedMsg{On: on, Err: fmt.Errorf("saving anonymous mode: %w", err)}
		}
		return ui.AnonymousSavedMsg{On: on, Seq: q.Seq()}
	})
	return m, tea.Batch(save, ui.Footer(text))
}

// anonymousSaved settles one save of the mode.
func (m Model) anonymousSaved(msg ui.AnonymousSavedMsg) (Model, tea.Cmd) {
	m.anonSaving = max(0, m.anonSaving-1)
	if msg.Err != nil {
		err := msg.Err
		return m, func() tea.Msg { return ui.ErrMsg{Err: err} }
	}
	m.anonSeq = max(m.anonSeq, msg.Seq)
	return m, nil
}

// loadAnonymous takes the review's mode from a snapshot, unless a save of
// it is still in flight or the snapshot was read before the last one.
func (m Model) loadAnonymous(d ui.WorkspaceData) Model {
	if m.anonSaving == 0 && d.Seq >= m.anonSeq {
		m.anonymous = d.Workspace.Settings.AnonymousReveal
	}
	return m
}
