package dashboard

import (
	"github.com/charmbracelet/bubbles/key"
)

// keyMap: move through the objectives, open one in the review.
type keyMap struct {
	Up   key.Binding
	Down key.Binding
	Open key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Up:   key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down: key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Open: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open in review")),
	}
}
