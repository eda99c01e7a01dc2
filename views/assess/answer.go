package assess

import (
	"fmt"

	"github.com/align-team/align/model"
	"github.com/align-team/align/views/ui"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/google/uuid"
)

// How an answer on the Assess screen starts, changes and is withdrawn. An
// unanswered objective has no value to step from: the first arrow sets the
// start point the screen shows (the agreed baseline, or 0 %) rather than
// saving a step from an invisible value; digits type the value outright.

// StartPoint is where the first arrow puts an unanswered objective: the
// agreed baseline it carries, or 0 %.
func StartPoint(o model.Objective) int {
	if o.Baseline != nil {
		return *o.Baseline
	}
	return 0
}

// step moves the current objective's progress by d; on an unanswered (or
// abstained) objective the first step sets the start point instead.
func (m Model) step(d int) (Model, tea.Cmd) {
	o, ok := m.current()
	if !ok {
		return m, nil
	}
	if a, answered := m.mine[o.ID]; !answered || a.Abstain {
		v := StartPoint(o)
		m, cmd := m.change(func(a *model.Assessment) { a.Progress, a.Abstain = v, false })
		if !m.editable() {
			return m, cmd
		}
		hint := func() tea.Msg {
			return ui.FooterMsg{Text: fmt.Sprintf("started at %d%%: ←/→ to adjust, or type the number", v)}
		}
		return m, tea.Batch(cmd, hint)
	}
	return m.change(func(a *model.Assessment) { a.Progress, a.Abstain = ui.Clamp(a.Progress+d, 0, 100), false })
}

// startTyping opens the progress field; a digit that opened it is its first.
func (m Model) startTyping(msg tea.KeyMsg) (Model, tea.Cmd) {
	if _, ok, cmd := m.answerable(); !ok {
		return m, cmd
	}
	m.typing = true
	m.number = m.number.SetValue("").Focus()
	if key.Matches(msg, m.keys.Digit) {
		m.number = m.number.Update(msg)
	}
	return m, nil
}

// keyAnswered changes confidence or opens the note, which belong to an
// answer: on an unanswered objective they would save a progress nobody gave.
func (m Model) keyAnswered(msg tea.KeyMsg) (Model, tea.Cmd) {
	o, ok, cmd := m.answerable()
	if !ok {
		return m, cmd
	}
	if _, answered := m.mine[o.ID]; !answered {
		return m, func() tea.Msg {
			return ui.FooterMsg{Text: "give a progress first: type a number, ←/→, or a to abstain"}
		}
	}
	k := m.keys
	switch {
	case key.Matches(msg, k.ConfUp):
		return m.change(func(a *model.Assessment) { a.Confidence = ui.Clamp(a.Confidence+1, 1, 5) })
	case key.Matches(msg, k.ConfDown):
		return m.change(func(a *model.Assessment) { a.Confidence = ui.Clamp(a.Confidence-1, 1, 5) })
	}
	m.noting = true
	m.note = m.note.SetValue(m.mine[o.ID].Note).Focus()
	return m, nil
}

// answerable returns the current objective when the member may change
// their answer to it; otherwise false and the command that says why (nil
// when there is no objective).
func (m Model) answerable() (model.Objective, bool, tea.Cmd) {
	o, ok := m.current()
	if !ok {
		return o, false, nil
	}
	if !m.editable() {
		return o, false, func() tea.Msg { return ui.FooterMsg{Text: m.readOnlyReason()} }
	}
	if cmd := m.sealedCmd(o); cmd != nil {
		return o, false, cmd
	}
	return o, true, nil
}

// readOnlyReason says why the screen takes no answers.
func (m Model) readOnlyReason() string {
	if m.member.ID == uuid.Nil {
		return "choose who you are first (m)"
	}
	return "this sprint is closed: assessments are read-only"
}

// askWithdraw asks to withdraw the member's estimate of the current
// objective, which then counts as not answered again.
func (m Model) askWithdraw() (Model, tea.Cmd) {
	o, ok, cmd := m.answerable()
	if !ok {
		return m, cmd
	}
	if _, answered := m.mine[o.ID]; !answered {
		return m, func() tea.Msg { return ui.FooterMsg{Text: "nothing to withdraw: this objective is not answered"} }
	}
	yes := withdrawMsg{objective: o.ID, sprint: o.SprintID, member: m.member.ID}
	return m, func() tea.Msg {
		return ui.ConfirmMsg{Prompt: fmt.Sprintf("Withdraw your estimate of %q?", o.Title), Yes: yes}
	}
}

// withdraw deletes the member's estimate of msg.objective. It runs in the
// queue after every earlier save of it, so it finds the stored record.
func (m Model) withdraw(msg withdrawMsg) (Model, tea.Cmd) {
	if msg.member != m.member.ID {
		return m, nil // the member changed while the question was open
	}
	prev := m.mine[msg.objective]
	delete(m.mine, msg.objective)
	m.saves.Start(msg.objective)
	st, q := m.deps.Store, m.deps.IO
	return m, m.deps.IO.Submit(func() tea.Msg {
		a, err := withdrawAssessment(st, msg)
		if err != nil {
			return ui.AssessmentSavedMsg{A: prev, Err: fmt.Errorf("withdrawing your estimate: %w", err)}
		}
		return ui.AssessmentSavedMsg{A: a, Seq: q.Seq()}
	})
}

// withdrawAssessment deletes the member's live estimate of the objective
// named by msg, if the store holds one, and returns the deleted record.
func withdrawAssessment(st storeWriter, msg withdrawMsg) (model.Assessment, error) {
	d, err := st.SprintData(msg.sprint)
	if err != nil {
		return model.Assessment{}, err
	}
	gone := model.Assessment{Meta: model.Meta{Deleted: true}, SprintID: msg.sprint, ObjectiveID: msg.objective, MemberID: msg.member}
	for _, a := range model.CurrentEstimates(d) {
		if a.ObjectiveID == msg.objective && a.MemberID == msg.member && !a.Deleted {
			a.Deleted = true
			return st.SaveAssessment(a)
		}
	}
	return gone, nil
}

// storeWriter is what withdrawAssessment needs of the store.
type storeWriter interface {
	SprintData(id uuid.UUID) (model.SprintData, error)
	SaveAssessment(a model.Assessment) (model.Assessment, error)
}
