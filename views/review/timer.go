package review

import (
	"fmt"
	"math"
	"time"

	"github.com/align-team/align/model"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/google/uuid"
)

// reviewTimer times the discussion of the objective under the Review
// cursor. It runs from when an objective becomes the current one (once the
// Review screen has been opened, while the sprint is in review and the
// agenda is walked) until the cursor leaves it; time measured is the
// clock's (Deps.Now), so a missed refresh never loses any. On leaving, the
// facilitator's screen adds the whole minutes to the objective's Outcome
// (Outcome.Minutes); what is left over (or overcounted by rounding) carries
// to the next visit in this session. A live review (align serve) has one
// clock per objective for all its screens instead (timer_live.go).
type reviewTimer struct {
	armed bool      // the Review screen has been shown
	on    uuid.UUID // objective being timed; uuid.Nil: none
	since time.Time // when on became current
	now   time.Time // the clock at the last update, for View
	// carry is per objective the time measured but not yet recorded, and
	// can be negative after rounding up. Shared by copies of the screen,
	// like inflight's maps.
	carry map[uuid.UUID]time.Duration
	// tick is the refresh interval (Options.Tick; 0: none); gen numbers
	// the refresh chain, so that a chain lost while another screen was
	// shown is replaced, never doubled.
	tick    time.Duration
	gen     int
	ticking bool
}

func newReviewTimer(tick time.Duration) reviewTimer {
	return reviewTimer{carry: map[uuid.UUID]time.Duration{}, tick: tick}
}

// timedObjective is the objective the timer should be running for now,
// or nil when none.
func (m Model) timedObjective() *model.Objective {
	if !m.timer.armed || !m.revealable() || m.mode == modeActions {
		return nil
	}
	st, ok := m.current()
	if !ok {
		return nil
	}
	return &st.Objective
}

// retime moves the timer to the objective under the cursor: the objective
// left gets its time, recorded in minutes when this screen records
// outcomes; the new one starts now. It also keeps a refresh chain going
// while something is timed.
func (m Model) retime() (Model, tea.Cmd) {
	if m.deps.Hub != nil {
		m, start := m.startLead()
		m, tick := m.retimeLive().tickOn()
		return m, tea.Batch(start, tick)
	}
	now := m.deps.Now()
	m.timer.now = now
	cur := m.timedObjective()
	var id uuid.UUID
	if cur != nil {
		id = cur.ID
	}
	var cmds []tea.Cmd
	if id != m.timer.on {
		if m.timer.on != uuid.Nil {
			m.timer.carry[m.timer.on] += now.Sub(m.timer.since)
			var save tea.Cmd
			m, save = m.recordMinutes(m.timer.on)
			cmds = append(cmds, save)
		}
		m.timer.on, m.timer.since = id, now
	}
	m, tick := m.tickOn()
	return m, tea.Batch(append(cmds, tick)...)
}

// tickOn keeps a refresh chain going while something is timed.
func (m Model) tickOn() (Model, tea.Cmd) {
	if m.timer.on == uuid.Nil || m.timer.tick <= 0 || m.timer.ticking {
		return m, nil
	}
	m.timer.ticking = true
	gen, every := m.timer.gen, m.timer.tick
	return m, tea.Tick(every, func(time.Time) tea.Msg { return TimerTickMsg{Gen: gen} })
}

// tickTimer handles a refresh: a stale chain's tick is dropped; the
// current chain goes on while something is timed (see retime).
func (m Model) tickTimer(msg TimerTickMsg) Model {
	if msg.Gen == m.timer.gen {
		m.timer.ticking = false
	}
	return m
}

// showTimer arms the timer when the screen is shown, and starts a new
// refresh chain: the old one died if its tick reached another screen.
func (m Model) showTimer() Model {
	m.timer.armed = true
	m.timer.gen++
	m.timer.ticking = false
	return m
}

// recordMinutes adds the whole minutes carried for objective id to its
// outcome and saves it, when this screen records outcomes; rounding to the
// nearest minute, with the remainder carried, so that many short visits
// add up and none is counted twice.
func (m Model) recordMinutes(id uuid.UUID) (Model, tea.Cmd) {
	add := int(math.Round(m.timer.carry[id].Minutes()))
	if add == 0 || !m.recording() {
		return m, nil
	}
	obj, ok := m.objective(id)
	if !ok {
		return m, nil
	}
	total := min(m.outcomes[id].Minutes+add, model.MaxMinutes)
	m.timer.carry[id] -= time.Duration(add) * time.Minute
	return m.changeOutcomeOf(obj, func(o *model.Outcome) { o.Minutes = total })
}

// objective finds objective id on the agenda.
func (m Model) objective(id uuid.UUID) (model.Objective, bool) {
	for _, st := range m.agenda {
		if st.Objective.ID == id {
			return st.Objective, true
		}
	}
	return model.Objective{}, false
}

// spent is how long objective id has been discussed: the minutes
// recorded, what this session carries, and the running visit.
func (m Model) spent(id uuid.UUID) time.Duration {
	d := time.Duration(m.outcomes[id].Minutes)*time.Minute + m.timer.carry[id]
	if id == m.timer.on {
		d += m.timer.now.Sub(m.timer.since)
	}
	return max(d, 0)
}

// timerView is the timer as the head line shows it: "timer 3:12", or
// with a time box "timer 3:12 of 8:00", turning to "OVER 9:15 of 8:00"
// in the error colour once the box is passed, so that it reads without
// colour too. It is "" when nothing is timed, and in the first second.
func (m Model) timerView() string {
	if m.timer.on == uuid.Nil {
		return ""
	}
	s := m.deps.Styles
	d := m.spent(m.timer.on)
	if d < time.Second {
		return ""
	}
	box := time.Duration(m.data.Workspace.Settings.TimeboxMinutes) * time.Minute
	if box <= 0 {
		return s.Accent.Render("timer " + clockText(d))
	}
	if d > box {
		return s.Error.Render("OVER " + clockText(d) + " of " + clockText(box))
	}
	return s.Accent.Render("timer " + clockText(d) + " of " + clockText(box))
}

// clockText writes d as m:ss, or h:mm:ss from an hour.
func clockText(d time.Duration) string {
	sec := int(d / time.Second)
	if sec >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", sec/3600, sec/60%60, sec%60)
	}
	return fmt.Sprintf("%d:%02d", sec/60, sec%60)
}

// StopTimer ends the running visit as leaving the objective does: its
// time is added to the objective's outcome (when this screen records
// outcomes), the save queued on the I/O queue. App.Close calls it, so the
// minutes of the objective still current when align quits are recorded.
func (m Model) StopTimer() Model {
	if m.deps.Hub != nil {
		return m.stopLead()
	}
	if m.timer.on == uuid.Nil {
		return m
	}
	now := m.deps.Now()
	m.timer.carry[m.timer.on] += now.Sub(m.timer.since)
	m, _ = m.recordMinutes(m.timer.on) // queued now; Close drains it
	m.timer.on, m.timer.since, m.timer.now = uuid.Nil, now, now
	return m
}
