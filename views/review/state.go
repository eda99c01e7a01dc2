package review

import (
	"github.com/align-team/align/model"
	"github.com/align-team/align/views/ui"
	"github.com/google/uuid"
)

// What the root (and its tests, which drive the whole app) read of the
// screen: accessors that change nothing, except WithFacilitator (the role)
// and WithCurrentStats (figures the demo workspace does not have).

// WithFacilitator returns the screen for a member whose role is now f (the
// root's RoleMsg).
func (m Model) WithFacilitator(f bool) Model {
	m.deps.Facilitator = f
	return m
}

// Facilitator reports whether the screen allows what a facilitator may do.
func (m Model) Facilitator() bool { return m.deps.Facilitator }

// Data is the workspace snapshot the screen shows.
func (m Model) Data() ui.WorkspaceData { return m.data }

// Agenda is the objectives in the order the review walks them.
func (m Model) Agenda() []model.ObjectiveStats { return m.agenda }

// Cursor is the index of the selected agenda item.
func (m Model) Cursor() int { return m.cursor }

// Current returns the agenda item under the cursor.
func (m Model) Current() (model.ObjectiveStats, bool) { return m.current() }

// WithCurrentStats returns the screen with the figures of the selected
// agenda item replaced by st, to draw cases the sample data lacks.
func (m Model) WithCurrentStats(st model.ObjectiveStats) Model {
	if m.cursor < 0 || m.cursor >= len(m.agenda) {
		return m
	}
	m.agenda = append([]model.ObjectiveStats(nil), m.agenda...)
	m.agenda[m.cursor] = st
	return m
}

// Revealed reports whether objective id's estimates show.
func (m Model) Revealed(id uuid.UUID) bool { return m.revealed(id) }

// Outcome is objective id's outcome as shown, with local changes.
func (m Model) Outcome(id uuid.UUID) model.Outcome { return m.outcomes[id] }

// Unnamed is objective id's estimates in the anonymous notes order.
func (m Model) Unnamed(id uuid.UUID) []model.Estimate { return m.unnamed[id] }

// Anonymous reports whether the review is in anonymous mode.
func (m Model) Anonymous() bool { return m.anonymous }

// Mode numbers what the keys drive now, for comparing two moments.
func (m Model) Mode() int { return int(m.mode) }

// InActions reports whether the keys tick off earlier action items.
func (m Model) InActions() bool { return m.mode == modeActions }

// Agreeing reports whether the agreed value is being typed.
func (m Model) Agreeing() bool { return m.mode == modeAgree }

// Agreed is the agreed value typed so far.
func (m Model) Agreed() string { return m.agree.Value() }

// AgreeFocused reports whether the agreed value's field has focus.
func (m Model) AgreeFocused() bool { return m.agree.Focused() }

// Prev is the earlier sprints' open action items shown for ticking.
func (m Model) Prev() []model.ActionItem { return m.prev }

// Act is the cursor among the action items.
func (m Model) Act() int { return m.act }

// Scroll is how far the detail pane's body is scrolled.
func (m Model) Scroll() int { return m.scroll }

// TimerGen numbers the timer's current refresh chain (see TimerTickMsg).
func (m Model) TimerGen() int { return m.timer.gen }

// Plot is the selected objective's dot plot as the detail pane draws it.
func (m Model) Plot() []string {
	st, ok := m.current()
	if !ok {
		return nil
	}
	return dotPlot(m.deps.Styles, st, m.detailWidth(), false)
}
