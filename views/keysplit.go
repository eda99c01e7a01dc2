package views

import (
	tea "github.com/charmbracelet/bubbletea"
)

// Bubble Tea v1 reads the terminal in chunks and delivers a run of plain
// runes from one read as a single tea.KeyMsg ("jj", "]]]]]", "65"). Typed
// keys often arrive together like that over SSH, or when a person types
// fast on a slow machine; no binding matches such a message, so without
// this every key in it would be lost.

// burst reports whether msg is several typed runes delivered together
// rather than one key. A bracketed paste is not a burst: it stays whole.
func burst(msg tea.KeyMsg) bool {
	return msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste
}

// splitBurst handles a burst outside a text field as the keys it contains,
// in order. Each key goes through handleKey on its own, so a key that
// opens a field (p, a digit on Assess, n) hands the rest to that field
// and one that switches screens hands the rest to the new screen.
func (a App) splitBurst(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	var cmds []tea.Cmd
	for i, r := range msg.Runes {
		if a.capturing() && a.confirm == nil {
			// The rest is typed into the field that just opened, whole.
			rest := tea.KeyMsg{Type: tea.KeyRunes, Runes: msg.Runes[i:], Alt: msg.Alt}
			m, cmd := a.handleKey(rest)
			return m, tea.Batch(append(cmds, cmd)...)
		}
		m, cmd := a.handleKey(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt})
		a = m.(App)
		cmds = append(cmds, cmd)
	}
	return a, tea.Batch(cmds...)
}
