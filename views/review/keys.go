package review

import (
	"github.com/charmbracelet/bubbles/key"
)

// keyMap: walk the agenda, reveal, record outcomes.
type keyMap struct {
	Up        key.Binding
	Down      key.Binding
	Reveal    key.Binding
	Discussed key.Binding
	Anonymous key.Binding
	Round2    key.Binding
	Uncertain key.Binding
	Agree     key.Binding
	Notes     key.Binding
	Action    key.Binding
	Actions   key.Binding
	Tick      key.Binding
	Continue  key.Binding
	ToReview  key.Binding
	Owner     key.Binding
	PageUp    key.Binding
	PageDown  key.Binding
	WrapUp    key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Up:        key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:      key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Reveal:    key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "reveal")),
		Discussed: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "discussed, next")),
		Anonymous: key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "anonymous")),
		Round2:    key.NewBinding(key.WithKeys("O"), key.WithHelp("O", "open round 2")),
		Uncertain: key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "uncertain: needs information")),
		Agree:     key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "agreed value")),
		Notes:     key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "notes")),
		Action:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add action")),
		Actions:   key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "earlier sprints' actions")),
		Tick:      key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "tick off")),
		Continue:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "to the agenda")),
		ToReview:  key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "move sprint to review")),
		Owner:     key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next owner")),
		PageUp:    key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "scroll detail up")),
		PageDown:  key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "scroll detail down")),
		WrapUp:    key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "wrap up")),
	}
}
