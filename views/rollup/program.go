package rollup

import tea "github.com/charmbracelet/bubbletea"

// Program runs the screen on its own, as align rollup does on a terminal:
// the roll-up reads a shared repository, not a workspace, so it needs no
// part of the workspace's root model.
type Program struct{ Screen Model }

// Init implements tea.Model.
func (p Program) Init() tea.Cmd { return p.Screen.Init() }

// Update implements tea.Model.
func (p Program) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	s, cmd := p.Screen.Update(msg)
	p.Screen = s
	return p, cmd
}

// View implements tea.Model.
func (p Program) View() string { return p.Screen.View() }
