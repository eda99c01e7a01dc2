package assess

import (
	"fmt"
	"time"

	"github.com/align-team/align/model"
	"github.com/align-team/align/views/ui"
	tea "github.com/charmbracelet/bubbletea"
)

// sealedCmd returns a footer saying why o's estimate cannot change when
// its first round is sealed by the reveal (nil when it can change).
func (m Model) sealedCmd(o model.Objective) tea.Cmd {
	outs := m.data.Sprint.Outcomes
	if err := model.CheckEstimateChange(outs, o, model.EstimateRound2(outs, o.ID)); err != nil {
		return ui.Footer(err.Error())
	}
	return nil
}

// newEstimate starts the member's estimate of o: in round 2, from their
// first; else from the agreed baseline when o was carried over.
func (m Model) newEstimate(o model.Objective, now time.Time) model.Assessment {
	a := model.Assessment{Meta: model.NewMeta(now), SprintID: o.SprintID, ObjectiveID: o.ID,
		MemberID: m.member.ID, Confidence: 3}
	if o.Baseline != nil {
		a.Progress = *o.Baseline
	}
	if model.EstimateRound2(m.data.Sprint.Outcomes, o.ID) {
		a.Round2 = true
		if first, ok := m.first1(o); ok && !first.Abstain {
			a.Progress, a.Confidence = first.Progress, first.Confidence
		}
	}
	return a
}

// first1 returns the member's first-round estimate of o.
func (m Model) first1(o model.Objective) (model.Assessment, bool) {
	for _, a := range m.data.Sprint.Assessments {
		if a.ObjectiveID == o.ID && a.MemberID == m.member.ID && !a.Deleted {
			return a, true
		}
	}
	return model.Assessment{}, false
}

// roundLine says, while o's second round is open, that the member now
// re-estimates it, beside their own first value (nobody else's).
func (m Model) roundLine(o model.Objective, w int) []string {
	if !model.EstimateRound2(m.data.Sprint.Outcomes, o.ID) {
		return nil
	}
	s := m.deps.Styles
	text := "Round 2, private"
	if first, ok := m.first1(o); ok {
		if first.Abstain {
			text += " · round 1: you abstained"
		} else {
			text += fmt.Sprintf(" · round 1: you said %d%%", first.Progress)
		}
	}
	return []string{ui.Truncate(s.Marker.Render("◆ ")+s.Text.Render(text), w)}
}
