package assess

import (
	"github.com/align-team/align/model"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/google/uuid"
)

// What the root (and its tests, which drive the whole app) read of the
// screen: accessors only, nothing here changes it.

// WithFacilitator returns the screen for a member whose role is now f (the
// root's RoleMsg).
func (m Model) WithFacilitator(f bool) Model {
	m.deps.Facilitator = f
	return m
}

// Facilitator reports whether the screen allows what a facilitator may do.
func (m Model) Facilitator() bool { return m.deps.Facilitator }

// TypesDigit reports whether msg types a digit of the progress here, where
// digits are the screen's main input rather than the keys of the screens.
func (m Model) TypesDigit(msg tea.KeyMsg) bool { return key.Matches(msg, m.keys.Digit) }

// Member is the acting member; its ID is uuid.Nil until one is chosen.
func (m Model) Member() model.Member { return m.member }

// Objectives are the sprint's objectives in the order shown.
func (m Model) Objectives() []model.Objective { return m.objectives }

// Mine is the acting member's estimate of objective id as shown (the zero
// value when there is none).
func (m Model) Mine(id uuid.UUID) model.Assessment { return m.mine[id] }

// Answered reports whether the acting member has an estimate of id.
func (m Model) Answered(id uuid.UUID) bool {
	_, ok := m.mine[id]
	return ok
}

// Cursor is the index of the selected objective.
func (m Model) Cursor() int { return m.cursor }

// Current returns the selected objective, if any.
func (m Model) Current() (model.Objective, bool) { return m.current() }

// Picking reports whether the member picker is shown.
func (m Model) Picking() bool { return m.picking }

// Candidates are the members the picker offers, filtered.
func (m Model) Candidates() []model.Member { return m.candidates }

// PickFilter is the picker's filter text.
func (m Model) PickFilter() string { return m.pickFilter.Value() }

// Typing reports whether an exact progress value is being typed, and Number
// is the value typed so far.
func (m Model) Typing() bool { return m.typing }

// Number is the progress value typed so far.
func (m Model) Number() string { return m.number.Value() }

// Noting reports whether the note is being edited.
func (m Model) Noting() bool { return m.noting }
