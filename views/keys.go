package views

import (
	"github.com/charmbracelet/bubbles/key"
)

// The root's key bindings: the global map and the confirmation. Each
// screen's bindings are in its package (keys.go), those of text input in
// views/ui. Screens match with key.Matches only; every binding has help
// text; a binding turned off with SetEnabled(false) also leaves the help.

// globalKeys work on every screen unless a text input has focus, when only
// ForceQuit and Back stay global (Back then leaves the input).
type globalKeys struct {
	Dashboard key.Binding
	Assess    key.Binding
	Review    key.Binding
	Plan      key.Binding
	History   key.Binding
	Next      key.Binding
	Prev      key.Binding
	Help      key.Binding
	Quit      key.Binding
	ForceQuit key.Binding
	Back      key.Binding
}

func newGlobalKeys() globalKeys {
	return globalKeys{
		Dashboard: key.NewBinding(key.WithKeys("1"), key.WithHelp("1", "dashboard")),
		Assess:    key.NewBinding(key.WithKeys("2"), key.WithHelp("2", "assess")),
		Review:    key.NewBinding(key.WithKeys("3"), key.WithHelp("3", "review")),
		Plan:      key.NewBinding(key.WithKeys("4"), key.WithHelp("4", "plan")),
		History:   key.NewBinding(key.WithKeys("5"), key.WithHelp("5", "history")),
		Next:      key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next screen")),
		Prev:      key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous screen")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "more keys")),
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit now")),
		Back:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
}

// confirmKeys answer a footer confirmation.
type confirmKeys struct {
	Yes key.Binding
}

func newConfirmKeys() confirmKeys {
	return confirmKeys{Yes: key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", "confirm"))}
}

// ---- Plan screen keys ----
