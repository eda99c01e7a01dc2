package history

import (
	"github.com/charmbracelet/bubbles/key"
)

// keyMap: scroll the sprints, filter them by name.
type keyMap struct {
	Up     key.Binding
	Down   key.Binding
	Filter key.Binding
	Open   key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Up:     key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:   key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Filter: key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Open:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open its review")),
	}
}
