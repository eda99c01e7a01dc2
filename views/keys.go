package views

import (
	"github.com/charmbracelet/bubbles/key"
)

// All key bindings live here: one global map and one small struct per
// screen. Screens match with key.Matches only; every binding has help text;
// a binding turned off with SetEnabled(false) also leaves the help.

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

// reviewKeys: walk the agenda, reveal, record outcomes.
type reviewKeys struct {
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

func newReviewKeys() reviewKeys {
	return reviewKeys{
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

// ---- Plan screen keys ----

// planKeys move between the Plan screen's sections, panes and rows and act
// on the selected record. Some keys mean different things per section (a
// archives a goal but activates a member); updateKeys enables only those
// that apply, so help stays true, and sets help text naming the target
// state of a sprint move.
type planKeys struct {
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

func newPlanKeys() planKeys {
	return planKeys{
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

// planFormKeys drive a Plan form, one field at a time. Save (enter) works
// in every field, as everywhere; in a multi-line field ctrl+j is a new line
// and ctrl+o opens $EDITOR. ctrl+s saves too, as it did.
type planFormKeys struct {
	NextField key.Binding
	PrevField key.Binding
	Save      key.Binding
	SaveAny   key.Binding
	Cancel    key.Binding
	Choose    key.Binding
	Toggle    key.Binding
	Cycle     key.Binding
}

func newPlanFormKeys() planFormKeys {
	return planFormKeys{
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

// planCarryKeys choose the sprint that receives the carried objectives.
type planCarryKeys struct {
	Up     key.Binding
	Down   key.Binding
	Toggle key.Binding
	Carry  key.Binding
	Cancel key.Binding
}

func newPlanCarryKeys() planCarryKeys {
	return planCarryKeys{
		Up:     key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:   key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Toggle: key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "carry it or not")),
		Carry:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "carry into this sprint")),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}
