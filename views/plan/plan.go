// Package plan is the Plan screen: sprints with their objectives and
// stories, the organisation's goals and the team's members, each created,
// edited and deleted from the keyboard or mouse. Model routes keys to three
// sub-models: listModel (each list's cursor and filter, list.go),
// formModel (the record form, form.go) and carryModel (the carry-over
// dialog, carry.go); the detail pane is drawn from the selected record
// (detail.go). Writes run in the root's I/O queue and come back as
// ui.PlanSavedMsg.
package plan

import (
	"fmt"

	"github.com/align-team/align/model"
	"github.com/align-team/align/views/ui"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/google/uuid"
)

// planSection is one of the Plan screen's three sections.
type planSection int

const (
	sectionSprints planSection = iota
	sectionGoals
	sectionMembers
	sectionCount
)

// String is the section's tab title.
func (s planSection) String() string {
	switch s {
	case sectionSprints:
		return "Sprints & objectives"
	case sectionGoals:
		return "Goals"
	case sectionMembers:
		return "Members"
	}
	return "?"
}

// planKind names a kind of record the Plan screen edits; it also indexes
// the screen's lists, one per kind.
type planKind int

const (
	kindSprint planKind = iota
	kindObjective
	kindStory
	kindGoal
	kindMember
	kindCount
)

// String is the kind in the user's words.
func (k planKind) String() string {
	return [...]string{"sprint", "objective", "story", "goal", "member", "?"}[min(k, kindCount)]
}

// planRecord is one record of any planned kind, copied by value so that it
// can travel in messages and commands.
type planRecord struct {
	kind      planKind
	sprint    model.Sprint
	objective model.Objective
	story     model.Story
	goal      model.Goal
	member    model.Member
}

// meta returns the record's Meta.
func (r planRecord) meta() model.Meta {
	switch r.kind {
	case kindSprint:
		return r.sprint.Meta
	case kindObjective:
		return r.objective.Meta
	case kindStory:
		return r.story.Meta
	case kindGoal:
		return r.goal.Meta
	case kindMember:
		return r.member.Meta
	}
	return model.Meta{}
}

// name describes the record for messages, e.g. `objective "Checkout works offline"`.
func (r planRecord) name() string {
	var title string
	switch r.kind {
	case kindSprint:
		title = r.sprint.Name
	case kindObjective:
		title = r.objective.Title
	case kindStory:
		title = r.story.Title
	case kindGoal:
		title = r.goal.Title
	case kindMember:
		title = r.member.Name
	}
	return fmt.Sprintf("%s %q", r.kind, title)
}

// Model is the Plan screen: sprints with their objectives and stories,
// the organisational goals, and the team's members, each created, edited
// and deleted from the keyboard (or mouse), the sprint's state moved, and
// unfinished objectives carried into the next sprint.
type Model struct {
	deps      ui.Deps
	keys      keyMap // enabled per context: what help shows
	all       keyMap // always enabled: what keys match
	input     ui.InputKeys
	carryKeys carryKeyMap

	width, height int
	loaded        bool
	data          ui.WorkspaceData

	section planSection
	pane    planKind // focused list of the sprint section: sprints, objectives or stories

	// Derived in Update from data, never in View.
	sprints    []model.Sprint // newest first
	objectives []model.Objective
	stories    map[uuid.UUID][]model.Story // live, by objective, in order
	agreed     map[uuid.UUID]*int          // agreed progress, by objective
	goalUse    map[uuid.UUID]int           // objectives linked, in the shown sprint
	goals      []model.Goal
	members    []model.Member

	lists      [kindCount]listModel
	filtering  bool // the focused list's filter has the keyboard
	filterEd   ui.Editor
	want       uuid.UUID // sprint asked for with selectSprintMsg, until it loads
	focusAfter uuid.UUID // record to select once a reload brings it

	form     formModel
	formOpen bool
	carry    carryModel
	carrying bool
}

// New returns the Plan screen. It does no I/O.
func New(d ui.Deps) Model {
	p := Model{
		deps: d, keys: newKeyMap(), all: newKeyMap(), input: ui.NewInputKeys(), carryKeys: newCarryKeyMap(),
		pane: kindSprint, filterEd: ui.NewEditor(d.Styles, "/ ", false, 80),
	}
	return p.updateKeys()
}

// SetSize sets the content size.
func (p Model) SetSize(w, h int) Model {
	p.width, p.height = max(0, w), max(0, h)
	return p.fix()
}

// Capturing reports whether a text input has the keyboard: a form or a
// list filter.
func (p Model) Capturing() bool { return p.formOpen || p.filtering }

// Unsaved reports whether quitting would lose typed input.
func (p Model) Unsaved() bool { return p.formOpen && p.form.Dirty() }

// focused is the kind of the list that has the focus.
func (p Model) focused() planKind {
	switch p.section {
	case sectionGoals:
		return kindGoal
	case sectionMembers:
		return kindMember
	}
	return p.pane
}

// Update handles a message.
func (p Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case ui.WorkspaceLoadedMsg:
		p = p.load(msg.Data)
	case ui.PlanSavedMsg:
		p, cmd = p.saved(msg)
	case planDeleteConfirmedMsg:
		cmd = p.saveCmd(msg.rec, "deleted "+msg.rec.name(), p.afterDelete(msg.rec))
	case planStateConfirmedMsg:
		cmd = p.stateCmd(msg.sprint, msg.to)
	case ui.ExternalEditedMsg:
		p = p.externalEdited(msg)
	case tea.KeyMsg:
		p, cmd = p.key(msg)
	case tea.MouseMsg:
		p, cmd = p.mouse(msg)
	}
	return p.fix(), cmd
}

// saved finishes a write: on success it closes the form and asks the root
// to reload (showing another sprint when asked); on failure the form stays
// open with its input, focused on the field the error names.
func (p Model) saved(msg ui.PlanSavedMsg) (Model, tea.Cmd) {
	if msg.Err != nil {
		if p.formOpen {
			p.form.saving = false
			p.form = p.form.focusField(errorField(msg.Err))
		}
		err := msg.Err
		return p, func() tea.Msg { return ui.ErrMsg{Err: err} }
	}
	if p.formOpen && p.form.saving {
		p.formOpen = false
	}
	p.carrying = false
	p.focusAfter = msg.Focus
	text := msg.Text
	done := func() tea.Msg { return ui.SavedMsg{Text: text} }
	if msg.Show != uuid.Nil && (!p.data.HasSprint || msg.Show != p.data.Sprint.Sprint.ID) {
		show := msg.Show
		p.want = show
		// Either order of the two ends on show: the loads run in submission order.
		return p, tea.Batch(done, func() tea.Msg { return ui.SelectSprintMsg{ID: show} })
	}
	return p, done
}
