package review

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/align-team/align/views/ui"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/google/uuid"
)

func (m Model) key(msg tea.KeyMsg) (Model, tea.Cmd) {
	if m.mode != modeActions {
		// The detail scrolls while an input is open too: the editors
		// do not use these keys, and the input stays in view.
		switch {
		case key.Matches(msg, m.keys.PageUp):
			return m.scrollBy(-m.detailPage()), nil
		case key.Matches(msg, m.keys.PageDown):
			return m.scrollBy(m.detailPage()), nil
		}
	}
	switch m.mode {
	case modeAgree:
		return m.keyAgree(msg)
	case modeNotes:
		return m.keyNotes(msg)
	case modeNewAction:
		return m.keyNewAction(msg)
	case modeEditAction:
		return m.keyEditAction(msg)
	case modeActions:
		return m.keyActions(msg)
	case modeWrapUp:
		return m.wrapUpKey(msg)
	}
	return m.keyAgenda(msg)
}

// keyAgenda handles a key while walking the agenda.
func (m Model) keyAgenda(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.keys
	n := len(m.agenda)
	switch {
	case key.Matches(msg, k.Up):
		m.cursor = ui.Clamp(m.cursor-1, 0, max(0, n-1))
	case key.Matches(msg, k.Down):
		m.cursor = ui.Clamp(m.cursor+1, 0, max(0, n-1))
	case key.Matches(msg, k.Actions), key.Matches(msg, m.input.Cancel):
		if len(m.actionRows()) > 0 {
			m.mode = modeActions
		}
	case key.Matches(msg, k.WrapUp):
		if len(m.agenda) > 0 {
			m.mode = modeWrapUp
		}
	case key.Matches(msg, k.Anonymous):
		return m.toggleAnonymous()
	case key.Matches(msg, k.ToReview):
		return m, m.askToReview()
	case key.Matches(msg, k.Reveal):
		if cmd := m.gate("reveal"); cmd != nil {
			return m, cmd
		}
		return m.reveal()
	case key.Matches(msg, k.Round2):
		return m.openRound2()
	case key.Matches(msg, k.Discussed):
		if cmd := m.gate("mark objectives discussed"); cmd != nil {
			return m, cmd
		}
		if st, _ := m.current(); !m.revealed(st.Objective.ID) {
			return m, ui.Footer("reveal it first (space)")
		}
		var cmd tea.Cmd
		m, cmd = m.changeOutcome(func(o *model.Outcome) { o.Discussed = true })
		if m.cursor == n-1 {
			m.mode = modeWrapUp // the last objective: the review wraps up
		}
		m.cursor = ui.Clamp(m.cursor+1, 0, max(0, n-1))
		m.first = ui.Window(m.first, m.cursor, m.listRows(), n)
		return m, cmd
	case key.Matches(msg, k.Agree):
		return m.startAgree()
	case key.Matches(msg, k.Notes):
		if cmd := m.gate("write the discussion notes"); cmd != nil {
			return m, cmd
		}
		st, _ := m.current()
		m.mode, m.notes = modeNotes, m.notes.SetValue(m.outcomes[st.Objective.ID].Notes).Focus()
	case key.Matches(msg, k.Action):
		if cmd := m.gate("add action items"); cmd != nil {
			return m, cmd
		}
		m.mode, m.action, m.owner, m.asking = modeNewAction, m.action.SetPrompt("Action: ").SetValue("").Focus(), -1, false
	case key.Matches(msg, k.Uncertain):
		return m.startQuestion()
	}
	m.first = ui.Window(m.first, m.cursor, m.listRows(), n)
	return m, nil
}

// gate explains why recording (what) is not possible now, or returns nil.
func (m Model) gate(what string) tea.Cmd {
	switch {
	case !m.data.HasSprint || len(m.agenda) == 0:
		return ui.Footer("nothing to review: this sprint has no objectives")
	case !m.deps.Facilitator:
		return onlyFacilitator(what)
	case m.data.Sprint.Sprint.State == model.StateClosed:
		return ui.Footer("this sprint is closed: its review is read-only")
	case !m.revealable():
		return ui.Footer(fmt.Sprintf("the sprint is %s: press R to move it to review first", m.data.Sprint.Sprint.State))
	}
	return nil
}

// askToReview asks to move the sprint to review.
func (m Model) askToReview() tea.Cmd {
	if !m.data.HasSprint {
		return ui.Footer("there is no sprint to move to review")
	}
	sp := m.data.Sprint.Sprint
	switch {
	case !m.deps.Facilitator:
		return onlyFacilitator("change the sprint's state")
	case sp.State == model.StateReview:
		return ui.Footer(fmt.Sprintf("%s is already in review", sp.Name))
	case sp.State == model.StateClosed:
		return ui.Footer(fmt.Sprintf("%s is closed and read-only", sp.Name))
	}
	prompt := fmt.Sprintf("Move %s from %s to review? Estimates saved from now on are marked late.", sp.Name, sp.State)
	return func() tea.Msg { return ui.ConfirmMsg{Prompt: prompt, Yes: toReviewConfirmedMsg{id: sp.ID}} }
}

// moveToReview saves the sprint in review state.
func (m Model) moveToReview(id uuid.UUID) tea.Cmd {
	if !m.data.HasSprint || m.data.Sprint.Sprint.ID != id {
		return nil
	}
	sp := m.data.Sprint.Sprint
	sp.State = model.StateReview
	st := m.deps.Store
	return m.deps.IO.Submit(func() tea.Msg {
		if _, err := st.SaveSprint(sp); err != nil {
			return ui.ErrMsg{Err: fmt.Errorf("moving %s to review: %w", sp.Name, err)}
		}
		return ui.SavedMsg{Text: sp.Name + " is in review: space reveals an objective"}
	})
}

func (m Model) keyAgree(msg tea.KeyMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.input.Cancel):
		m.mode, m.agree = modeAgenda, m.agree.Blur()
		return m, nil
	case key.Matches(msg, m.input.Submit):
		raw := strings.TrimSpace(m.agree.Value())
		if raw == "" {
			m.mode, m.agree = modeAgenda, m.agree.Blur()
			return m.changeOutcome(func(o *model.Outcome) { o.Agreed = nil })
		}
		v, err := strconv.Atoi(raw)
		if err != nil || v < 0 || v > 100 {
			return m, func() tea.Msg {
				return ui.ErrMsg{Err: fmt.Errorf("the agreed value must be a whole number from 0 to 100, not %q", raw)}
			}
		}
		m.mode, m.agree = modeAgenda, m.agree.Blur()
		return m.changeOutcome(func(o *model.Outcome) { *o = model.Agree(*o, v) })
	}
	if msg.Type == tea.KeyRunes && strings.Trim(string(msg.Runes), "0123456789") != "" {
		return m, nil // digits only
	}
	m.agree = m.agree.Update(msg)
	return m, nil
}

func (m Model) keyNotes(msg tea.KeyMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.input.Cancel), key.Matches(msg, m.input.Submit):
		m.mode, m.notes = modeAgenda, m.notes.Blur()
		return m, nil
	case key.Matches(msg, m.input.External):
		st, _ := m.current()
		return m, m.deps.ExternalEdit("review-notes", st.Objective.ID, m.notes.Value())
	}
	before := m.notes.Value()
	m.notes = m.notes.Update(msg)
	if v := m.notes.Value(); v != before {
		return m.changeOutcome(func(o *model.Outcome) { o.Notes = v })
	}
	return m, nil
}

func (m Model) keyNewAction(msg tea.KeyMsg) (Model, tea.Cmd) {
	members := m.data.ActiveMembers()
	switch {
	case key.Matches(msg, m.input.Cancel):
		m.mode, m.action, m.asking = modeAgenda, m.action.Blur(), false
		return m, nil
	case key.Matches(msg, m.input.Submit) && m.asking:
		return m.submitQuestion(members)
	case key.Matches(msg, m.keys.Owner):
		m.owner++
		if m.owner >= len(members) {
			m.owner = -1
		}
		return m, nil
	case msg.Type == tea.KeyShiftTab:
		m.owner--
		if m.owner < -1 {
			m.owner = len(members) - 1
		}
		return m, nil
	case key.Matches(msg, m.input.Submit):
		text := strings.TrimSpace(m.action.Value())
		if text == "" {
			return m, ui.Footer("an action item needs some text (esc cancels)")
		}
		st, _ := m.current()
		a := model.ActionItem{SprintID: m.data.Sprint.Sprint.ID, ObjectiveID: st.Objective.ID, Text: text}
		if m.owner >= 0 && m.owner < len(members) {
			a.OwnerID = members[m.owner].ID
		}
		m.mode, m.action = modeAgenda, m.action.Blur()
		return m, m.saveAction(a)
	}
	m.action = m.action.Update(msg)
	return m, nil
}

// changeOutcome applies f to the current objective's outcome and saves it.
// The save carries no ID: the store keeps one outcome per objective.
func (m Model) changeOutcome(f func(o *model.Outcome)) (Model, tea.Cmd) {
	st, ok := m.current()
	if !ok {
		return m, nil
	}
	return m.changeOutcomeOf(st.Objective, f)
}

// changeOutcomeOf applies f to the outcome of obj and saves it.
func (m Model) changeOutcomeOf(obj model.Objective, f func(o *model.Outcome)) (Model, tea.Cmd) {
	id := obj.ID
	o, exists := m.outcomes[id]
	if !exists {
		o = model.Outcome{SprintID: obj.SprintID, ObjectiveID: id}
	}
	f(&o)
	m.outcomes[id] = o
	m.saves.Start(id)
	saving := o
	saving.Meta = model.Meta{} // one outcome per objective: the store finds it
	store, q := m.deps.Store, m.deps.IO
	return m, m.deps.IO.Submit(func() tea.Msg {
		stored, err := store.SaveOutcome(saving)
		if err != nil {
			return ui.OutcomeSavedMsg{O: saving, Err: fmt.Errorf("saving the outcome: %w", err)}
		}
		return ui.OutcomeSavedMsg{O: stored, Seq: q.Seq()}
	})
}

// outcomeSaved settles one finished outcome save.
func (m Model) outcomeSaved(msg ui.OutcomeSavedMsg) (Model, tea.Cmd) {
	id := msg.O.ObjectiveID
	idle := m.saves.Finish(id, msg.Seq, msg.Err == nil)
	if msg.Err != nil {
		err := msg.Err
		return m, func() tea.Msg { return ui.ErrMsg{Err: err} }
	}
	if idle {
		m.outcomes[id] = msg.O
	}
	return m, nil
}

// saveAction saves an action item (new when its ID is nil).
func (m Model) saveAction(a model.ActionItem) tea.Cmd {
	st := m.deps.Store
	return m.deps.IO.Submit(func() tea.Msg {
		stored, err := st.SaveAction(a)
		if err != nil {
			return ui.ActionSavedMsg{A: a, Err: fmt.Errorf("saving the action item %q: %w", a.Text, err)}
		}
		return ui.ActionSavedMsg{A: stored}
	})
}

// actionSaved puts a stored action item in its list.
func (m Model) actionSaved(msg ui.ActionSavedMsg) (Model, tea.Cmd) {
	if msg.Err != nil {
		err := msg.Err
		return m, func() tea.Msg { return ui.ErrMsg{Err: err} }
	}
	a := msg.A
	if a.Deleted {
		m.actions = slices.DeleteFunc(m.actions, func(x model.ActionItem) bool { return x.ID == a.ID })
		m.act = ui.Clamp(m.act, 0, max(0, len(m.actionRows())-1))
		return m, ui.Footer(fmt.Sprintf("action item %q deleted", a.Text))
	}
	if a.SprintID != m.data.Sprint.Sprint.ID {
		for i := range m.prev {
			if m.prev[i].ID == a.ID {
				m.prev[i] = a
			}
		}
		return m, ui.Footer("action item updated")
	}
	for i := range m.actions {
		if m.actions[i].ID == a.ID {
			m.actions[i] = a
			return m, ui.Footer("action item updated")
		}
	}
	m.actions = append(m.actions, a)
	return m, ui.Footer(fmt.Sprintf("action item added for %s", m.ownerName(a.OwnerID)))
}

// startAgree opens the agreed-value field: pre-filled with the rounded
// median once the objective is revealed, empty before.
func (m Model) startAgree() (Model, tea.Cmd) {
	if cmd := m.gate("set the agreed value"); cmd != nil {
		return m, cmd
	}
	st, _ := m.current()
	v, prompt := "", "Agreed progress (0–100): "
	// Before the reveal nothing of the estimates shows, the median
	// included: the prompt would put it on the projector.
	shown := m.revealed(st.Objective.ID)
	if shown && st.Responses > 0 {
		prompt = fmt.Sprintf("Agreed %% (0–100, median %s): ", export.Figure(st.Median))
	}
	if med, ok := m.round2Median(st.Objective); ok {
		prompt = fmt.Sprintf("Agreed %% (0–100, round 2 median %s): ", export.Figure(med))
		st.Median = med
	}
	if o := m.outcomes[st.Objective.ID]; o.Agreed != nil {
		v = strconv.Itoa(*o.Agreed)
	} else if shown && st.Responses > 0 {
		v = strconv.Itoa(ui.RoundHalfUp(st.Median)) // 52.5 → 53, said in the prompt
	}
	m.mode, m.agree = modeAgree, m.agree.SetPrompt(prompt).SetValue(v).Focus()
	return m, nil
}
