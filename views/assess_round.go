package views

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/align-team/align/model"
)

// sealedCmd returns a footer saying why o's estimate cannot change when
// its first round is sealed by the reveal (nil when it can change).
func (m Assess) sealedCmd(o model.Objective) tea.Cmd {
	if err := model.CheckEstimateChange(m.data.Sprint.Outcomes, o, false); err != nil {
		return footer(err.Error())
	}
	return nil
}
