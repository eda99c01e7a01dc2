package assess

import (
	"github.com/charmbracelet/bubbles/key"
)

// keyMap: step through objectives and set one's estimate. Digits type
// the progress (so screens switch with tab here, not 1–5); it moves in
// coarse steps of 5 with ←/→ (h/l) and fine steps of 1 with [ and ] (or
// H/L, shift+←/→); d withdraws the estimate.
type keyMap struct {
	Prev     key.Binding
	Next     key.Binding
	Less     key.Binding
	More     key.Binding
	LessFine key.Binding
	MoreFine key.Binding
	Type     key.Binding
	Digit    key.Binding
	Withdraw key.Binding
	ConfUp   key.Binding
	ConfDown key.Binding
	Note     key.Binding
	Abstain  key.Binding
	Member   key.Binding
	Select   key.Binding
	Filter   key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Prev:     key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "previous")),
		Next:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "next")),
		Less:     key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "−5")),
		More:     key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "+5")),
		LessFine: key.NewBinding(key.WithKeys("[", "H", "shift+left"), key.WithHelp("[/H", "−1")),
		MoreFine: key.NewBinding(key.WithKeys("]", "L", "shift+right"), key.WithHelp("]/L", "+1")),
		Type:     key.NewBinding(key.WithKeys("p", "%"), key.WithHelp("p", "type progress")),
		Digit:    key.NewBinding(key.WithKeys("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("0-9", "type progress")),
		Withdraw: key.NewBinding(key.WithKeys("d", "delete"), key.WithHelp("d", "withdraw estimate")),
		ConfUp:   key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+", "confidence up")),
		ConfDown: key.NewBinding(key.WithKeys("-", "_"), key.WithHelp("-", "confidence down")),
		Note:     key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "note")),
		Abstain:  key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "abstain")),
		Member:   key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "switch member")),
		Select:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "choose")),
		Filter:   key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
	}
}
