package review

import (
	"fmt"
	"strings"

	"github.com/align-team/align/model"
	"github.com/align-team/align/views/ui"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/google/uuid"
)

// reveal is space on the agenda: it reveals an open second round, and
// otherwise shows or hides round 1 (hiding keeps round 1 sealed).
func (m Model) reveal() (Model, tea.Cmd) {
	st, ok := m.current()
	if !ok {
		return m, nil
	}
	o := m.outcomes[st.Objective.ID]
	if o.Round2Open && !o.Round2Revealed {
		next, err := model.RevealRound2(o, st.Objective.Title)
		if err != nil {
			return m, ui.Footer(err.Error())
		}
		return m.changeOutcome(func(x *model.Outcome) { *x = next })
	}
	return m.changeOutcome(func(o *model.Outcome) { o.Revealed = !o.Revealed })
}

// openRound2 opens a second, private round on the current objective.
func (m Model) openRound2() (Model, tea.Cmd) {
	if cmd := m.gate("open a second round"); cmd != nil {
		return m, cmd
	}
	st, ok := m.current()
	if !ok {
		return m, nil
	}
	next, err := model.OpenRound2(m.outcomes[st.Objective.ID], st.Objective.Title)
	if err != nil {
		return m, ui.Footer(err.Error())
	}
	m, cmd := m.changeOutcome(func(x *model.Outcome) { *x = next })
	return m, tea.Batch(cmd, ui.Footer("round 2 is open: members re-estimate on Assess; space reveals it"))
}

// round2 analyses the second round of objective o from the loaded sprint
// (the outcome as this screen last saved it says whether it is open).
func (m Model) round2(o model.Objective) model.Round2Stats {
	ms := make(map[uuid.UUID]model.Member, len(m.data.Members))
	for _, x := range m.data.Members {
		ms[x.ID] = x
	}
	return model.AnalyzeRound2(o, m.data.Sprint, ms, m.data.Workspace.Settings)
}

// round2Median is the second round's median once it is revealed.
func (m Model) round2Median(o model.Objective) (float64, bool) {
	if !m.outcomes[o.ID].Round2Revealed {
		return 0, false
	}
	r := m.round2(o)
	return r.Round2.Median, r.Round2.Responses > 0
}

// round2Lines: while the second round is open, how many re-estimated;
// once revealed, its plot, the spread before and after and each move.
func (m Model) round2Lines(st model.ObjectiveStats, w int) []string {
	s := m.deps.Styles
	o := m.outcomes[st.Objective.ID]
	if !o.Round2Open {
		return nil
	}
	r := m.round2(st.Objective)
	if !o.Round2Revealed {
		text := r.Summary(false)
		if m.deps.Facilitator {
			text += " · space reveals it"
		}
		return []string{s.Bold.Render(ui.Truncate("Round 2 "+strings.TrimPrefix(text, "round 2 "), w))}
	}
	out := []string{s.Bold.Render(ui.Truncate("Round 2: "+r.Summary(true), w))}
	if r.Round2.Responses > 0 {
		out = append(out, dotPlot(s, r.Round2, w, m.anonymous)...)
	}
	var moves []string
	for _, mv := range r.Moves {
		if !mv.Moved() {
			continue
		}
		if m.anonymous {
			moves = append(moves, fmt.Sprintf("%s→%s", moveText(mv.From, mv.HasFrom), moveText(mv.To, mv.HasTo)))
		} else {
			moves = append(moves, fmt.Sprintf("%s %s→%s", mv.Handle, moveText(mv.From, mv.HasFrom), moveText(mv.To, mv.HasTo)))
		}
	}
	if len(moves) > 0 {
		out = append(out, s.Text.Render(ui.Truncate("Moves: "+strings.Join(moves, " · "), w)))
	}
	return out
}

func moveText(v int, ok bool) string {
	if !ok {
		return "–"
	}
	return fmt.Sprint(v)
}

// questionText is an uncertain outcome's question and its owner.
func (m Model) questionText(o model.Outcome) string {
	if o.QuestionOwner == uuid.Nil {
		return o.Question + " (unowned)"
	}
	return o.Question + " (" + m.ownerName(o.QuestionOwner) + ")"
}

// startQuestion opens the editor for an uncertain outcome's question; tab
// picks who will find out, as for an action item.
func (m Model) startQuestion() (Model, tea.Cmd) {
	if cmd := m.gate("record an uncertain outcome"); cmd != nil {
		return m, cmd
	}
	st, ok := m.current()
	if !ok {
		return m, nil
	}
	if !model.Round1Sealed(m.outcomes[st.Objective.ID]) {
		return m, ui.Footer("reveal it first (space): it is uncertain once the team has seen it disagree")
	}
	m.mode, m.action, m.owner, m.asking = modeNewAction, m.action.SetPrompt("Question: ").SetValue("").Focus(), -1, true
	return m, nil
}

// submitQuestion closes the current objective as uncertain with the typed
// question and the picked owner.
func (m Model) submitQuestion(members []model.Member) (Model, tea.Cmd) {
	text := strings.TrimSpace(m.action.Value())
	if text == "" {
		return m, ui.Footer("an uncertain outcome needs the question to answer (esc cancels)")
	}
	st, _ := m.current()
	owner := uuid.Nil
	if m.owner >= 0 && m.owner < len(members) {
		owner = members[m.owner].ID
	}
	next, err := model.MarkUncertain(m.outcomes[st.Objective.ID], st.Objective.Title, text, owner)
	if err != nil {
		return m, ui.Footer(err.Error())
	}
	m.mode, m.action, m.asking = modeAgenda, m.action.Blur(), false
	return m.changeOutcome(func(x *model.Outcome) { *x = next })
}
