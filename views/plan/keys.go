package plan

import (
	"github.com/charmbracelet/bubbles/key"
)

// keyMap move between the Plan screen's sections, panes and rows and act
// on the selected record. Some keys mean different things per section (a
// archives a goal but activates a member); updateKeys enables only those
// that apply, so help stays true, and sets help text naming the target
// state of a sprint move.
type keyMap struct {
	Up          key.Binding
	Down        key.Binding
	Left        key.Binding
	Right       key.Binding
	NextSection key.Binding
	PrevSection key.Binding
	Open        key.Binding
	New         key.Binding
	Edit        key.Binding
	Delete      key.Binding
	MoveUp      key.Binding
	MoveDown    key.Binding
	Status      key.Binding
	Archive     key.Binding
	Active      key.Binding
	Facilitator key.Binding
	StateNext   key.Binding
	StatePrev   key.Binding
	Carry       key.Binding
	Filter      key.Binding
	Back        key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Up:          key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:        key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Left:        key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "left pane")),
		Right:       key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "right pane")),
		NextSection: key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "next section")),
		PrevSection: key.NewBinding(key.WithKeys("["), key.WithHelp("[", "previous section")),
		Open:        key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		New:         key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new")),
		Edit:        key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		Delete:      key.NewBinding(key.WithKeys("d", "delete"), key.WithHelp("d", "delete")),
		MoveUp:      key.NewBinding(key.WithKeys("K", "shift+up"), key.WithHelp("K", "move up")),
		MoveDown:    key.NewBinding(key.WithKeys("J", "shift+down"), key.WithHelp("J", "move down")),
		Status:      key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "next status")),
		Archive:     key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "archive")),
		Active:      key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "active on/off")),
		Facilitator: key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "facilitator on/off")),
		StateNext:   key.NewBinding(key.WithKeys(">", "."), key.WithHelp(">", "next state")),
		StatePrev:   key.NewBinding(key.WithKeys("<", ","), key.WithHelp("<", "previous state")),
		Carry:       key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "carry unfinished")),
		Filter:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Back:        key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
	}
}

// formKeyMap drive a Plan form, one field at a time. Save (enter) works
// in every field, as everywhere; in a multi-line field ctrl+j is a new line
// and ctrl+o opens $EDITOR. ctrl+s saves too, as it did.
type formKeyMap struct {
	NextField key.Binding
	PrevField key.Binding
	Save      key.Binding
	SaveAny   key.Binding
	Cancel    key.Binding
	Choose    key.Binding
	Toggle    key.Binding
	Cycle     key.Binding
}

func newFormKeyMap() formKeyMap {
	return formKeyMap{
		NextField: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field")),
		PrevField: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous field")),
		Save:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save")),
		SaveAny:   key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save")),
		Cancel:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Choose:    key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "choose")),
		Toggle:    key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "toggle")),
		Cycle:     key.NewBinding(key.WithKeys("left", "right", " "), key.WithHelp("←/→", "change")),
	}
}

// carryKeyMap choose the sprint that receives the carried objectives.
type carryKeyMap struct {
	Up     key.Binding
	Down   key.Binding
	Toggle key.Binding
	Carry  key.Binding
	Cancel key.Binding
}

func newCarryKeyMap() carryKeyMap {
	return carryKeyMap{
		Up:     key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:   key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Toggle: key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "carry it or not")),
		Carry:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "carry into this sprint")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}
