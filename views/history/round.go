package history

import (
	"fmt"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/align-team/align/views/ui"
)

// narrowingCell is the History list's Round 2 column: the mean spread
// before and after the second rounds, "50→15".
func narrowingCell(s ui.Styles, n model.Narrowing) string {
	if n.Objectives == 0 {
		return ""
	}
	return " " + s.Text.Render(fmt.Sprintf("%s→%s", export.Figure(n.Before), export.Figure(n.After)))
}

// narrowingText says it for the selected sprint: the mean spread before
// and after, over its revealed second rounds.
func narrowingText(n model.Narrowing) string {
	if n.Objectives == 0 {
		return ""
	}
	return fmt.Sprintf("; round 2: spread %s → %s", export.Figure(n.Before), export.Figure(n.After))
}
