package plan

import (
	"time"

	"github.com/align-team/align/model"
)

// What the root (and its tests, which drive the whole app) read of the
// screen: accessors that change nothing, except WithFacilitator (the role).

// WithFacilitator returns the screen for a member whose role is now f (the
// root's RoleMsg): only a facilitator edits the plan.
func (p Model) WithFacilitator(f bool) Model {
	p.deps.Facilitator = f
	return p
}

// Facilitator reports whether the screen allows what a facilitator may do.
func (p Model) Facilitator() bool { return p.deps.Facilitator }

// FormOpen reports whether a record's form is open.
func (p Model) FormOpen() bool { return p.formOpen }

// FormFocus is the name of the open form's focused field.
func (p Model) FormFocus() string { return p.form.fields[p.form.focus].name }

// FormText is the text of the open form's field name.
func (p Model) FormText(name string) string { return p.form.text(name) }

// Goals are the organisation's goals as listed.
func (p Model) Goals() []model.Goal { return p.goals }

// SelectedSprint returns the sprint under the sprint list's cursor.
func (p Model) SelectedSprint() (model.Sprint, bool) { return p.selSprint() }

// SelectedMember returns the member under the member list's cursor.
func (p Model) SelectedMember() (model.Member, bool) { return p.selMember() }

// SuggestSprint is the sprint a new sprint's form offers on date now.
func (p Model) SuggestSprint(now time.Time) model.Sprint { return p.suggestSprint(now) }

// CarryObjectives are the objectives the carry-over dialog offers.
func (p Model) CarryObjectives() []model.Objective { return p.carry.objectives }

// Cursor returns the index of the row selected in the focused list, if any.
func (p Model) Cursor() (int, bool) { return p.lists[p.focused()].selected() }
