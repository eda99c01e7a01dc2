package review

import (
	"time"

	"github.com/align-team/align/views/ui"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/google/uuid"
)

// The discussion timer of a live review (align serve). There is one clock
// per objective for the whole review: it starts when the objective becomes
// the review's current one, the instant the facilitator's focus event
// carries (Event.Since), so that every screen shows the same time. Only the
// session that moves the review on (the facilitator steering) records the
// minutes of the objective left, once; what rounding leaves over is folded
// into the next visit's start instant, so that it shows on every screen.

// moveLead makes objective id of sprint the review's current one, as this
// facilitator's cursor just did: the objective left gets its time recorded
// here, and the returned command tells the other sessions.
func (m Model) moveLead(id, sprint uuid.UUID) (Model, tea.Cmd) {
	now := m.deps.Now()
	m, save := m.recordLead(now)
	m.published, m.lead, m.leadOn, m.steering = id, id, sprint, true
	m.leadSince = time.Time{} // no clock before the sprint is in review (startLead)
	if m.revealable() {
		m.leadSince = now.Add(-m.timer.carry[id])
		delete(m.timer.carry, id)
	}
	ev := ui.Event{Kind: ui.EventFocus, Sprint: sprint, Objective: id, Since: m.leadSince, From: m.deps.Session}
	return m, tea.Batch(save, m.deps.Publish(ev))
}

// startLead starts the clock of the objective this facilitator made the
// review's current one before the sprint was in review, once it is.
func (m Model) startLead() (Model, tea.Cmd) {
	if !m.steering || !m.leadSince.IsZero() || !m.revealable() || m.lead == uuid.Nil || m.leadOn != m.data.Sprint.Sprint.ID {
		return m, nil
	}
	return m.moveLead(m.lead, m.leadOn)
}

// recordLead adds the time of the review's current objective, from its
// start to now, to what this session records for it, when the objective is
// on the sprint shown and the sprint is in review.
func (m Model) recordLead(now time.Time) (Model, tea.Cmd) {
	if m.lead == uuid.Nil || m.leadSince.IsZero() || m.leadOn != m.data.Sprint.Sprint.ID || !m.revealable() {
		return m, nil
	}
	m.timer.carry[m.lead] += now.Sub(m.leadSince)
	return m.recordMinutes(m.lead)
}

// retimeLive points the timer at the review's clock: it runs while the
// objective under the cursor is the review's current one.
func (m Model) retimeLive() Model {
	m.timer.now = m.deps.Now()
	cur := m.timedObjective()
	m.timer.on = uuid.Nil
	if cur != nil && cur.ID == m.lead && m.leadOn == m.data.Sprint.Sprint.ID && !m.leadSince.IsZero() {
		m.timer.on, m.timer.since = cur.ID, m.leadSince
	}
	return m
}

// stopLead is stopTimer for a live review: the session steering records
// the running objective's time and tells the others that its clock starts
// again from what is left over, so that a facilitator who takes over does
// not count the same time again. Other sessions record nothing.
func (m Model) stopLead() Model {
	if !m.steering || !m.deps.Facilitator || m.deps.Hub == nil {
		return m
	}
	now := m.deps.Now()
	m, _ = m.recordLead(now) // queued now; Close drains it
	if m.lead != uuid.Nil && !m.leadSince.IsZero() {
		m.leadSince = now.Add(-m.timer.carry[m.lead])
		delete(m.timer.carry, m.lead)
		m.deps.Hub.Publish(ui.Event{Kind: ui.EventFocus, Sprint: m.leadOn, Objective: m.lead, Since: m.leadSince, From: m.deps.Session})
	}
	m.steering = false
	return m
}
