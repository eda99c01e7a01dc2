package rollup

import "github.com/charmbracelet/bubbles/key"

// keyMap is the roll-up screen's keys, with bubbles/key only.
type keyMap struct {
	Up, Down, Open, Back, Teams, Help, Quit key.Binding
}

func newKeys() keyMap {
	return keyMap{
		Up:    key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:  key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Open:  key.NewBinding(key.WithKeys("enter", "right", "l"), key.WithHelp("enter", "open")),
		Back:  key.NewBinding(key.WithKeys("esc", "left", "h", "backspace"), key.WithHelp("esc", "back")),
		Teams: key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "teams")),
		Help:  key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "all keys")),
		Quit:  key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
	}
}

// ShortHelp is the footer's line.
func (k keyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Open, k.Back, k.Teams, k.Help, k.Quit}
}

// FullHelp is every key, by column.
func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down}, {k.Open, k.Back}, {k.Teams, k.Help, k.Quit}}
}
