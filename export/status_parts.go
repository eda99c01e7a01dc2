package export

import (
	"fmt"
	"strings"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// The parts of an objective's block in the status report that later
// features added: the second round, an uncertain close, the spread net of
// habit and the minutes discussed.

// writeRound2 adds an objective's second round to its status block: how
// many re-estimated while it is open; once revealed, its figures, the
// spread before and after, and who moved.
func writeRound2(b *strings.Builder, rounds map[uuid.UUID]model.Round2Stats, s model.ObjectiveStats) {
	r, ok := rounds[s.Objective.ID]
	if !ok || s.Outcome == nil {
		return
	}
	const ind = "   "
	if !s.Outcome.Round2Revealed {
		fmt.Fprintf(b, "%s%s\n", ind, r.Summary(false))
		return
	}
	t := r.Round2
	fmt.Fprintf(b, "%sround 2: median %s, range %d–%d [%s]; %s\n", ind, Figure(t.Median), t.Min, t.Max, t.Level, r.Summary(true))
	if mv := r.MovesText(); mv != "" {
		fmt.Fprintf(b, "%smoves: %s\n", ind, mv)
	}
}

// writeUncertain adds an uncertain outcome's question and owner.
func writeUncertain(b *strings.Builder, s model.ObjectiveStats, handles map[uuid.UUID]string) {
	o := s.Outcome
	if o == nil || !o.Uncertain {
		return
	}
	owner := "unowned"
	if h, ok := handles[o.QuestionOwner]; ok {
		owner = "asks " + h
	} else if o.QuestionOwner != uuid.Nil {
		owner = "asks " + o.QuestionOwner.String()
	}
	fmt.Fprintf(b, "   outcome: uncertain, needs information: %s (%s)\n", OneLine(o.Question), owner)
}

// writeAdjusted adds the spread net of habit beside the raw one, once some
// responder's offset is known.
func writeAdjusted(b *strings.Builder, s model.ObjectiveStats, offsets map[uuid.UUID]float64) {
	adj := model.AdjustedSpread(s, offsets)
	if !adj.OK {
		return
	}
	fmt.Fprintf(b, "   net of habit: spread %s (raw %d; usual offsets known for %d of %d)\n", Figure(adj.Spread), s.Spread, adj.Known, adj.Of)
}

// discussedFor is status's ", discussed 9 min" beside the spread when the
// review timed the objective (Outcome.Minutes), else "".
func discussedFor(o *model.Outcome) string {
	if o == nil || o.Deleted || o.Minutes == 0 {
		return ""
	}
	return fmt.Sprintf(", discussed %d min", o.Minutes)
}
