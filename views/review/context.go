package review

import (
	"fmt"
	"strings"

	"github.com/align-team/align/model"
	"github.com/align-team/align/views/ui"
)

// contextLines: what the export says about a revealed objective besides
// its figures: the baseline it was carried over with and who has not
// answered it yet (a fact about the process, not an estimate, so it shows
// in anonymous mode too).
func (m Model) contextLines(st model.ObjectiveStats, w int) []string {
	s := m.deps.Styles
	var out []string
	if b := st.Objective.Baseline; b != nil {
		out = append(out, ui.Truncate(s.Faint.Render(fmt.Sprintf("Baseline: %d%%, agreed when it was carried over", *b)), w))
	}
	for _, ms := range m.data.Report.Missing {
		if ms.ObjectiveID == st.Objective.ID && len(ms.Handles) > 0 {
			out = append(out, ui.Truncate(s.Faint.Render("Not answered yet: "+strings.Join(ms.Handles, ", ")), w))
		}
	}
	return out
}

// lateMark is what follows a late estimate's author in the notes list.
func (m Model) lateMark(e model.Estimate) string {
	if e.Late && !m.anonymous {
		return " (late)"
	}
	return ""
}
