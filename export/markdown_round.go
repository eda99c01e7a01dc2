package export

import (
	"strings"

	"github.com/align-team/align/model"
)

// round2 renders an objective's second round: while it is open, how many
// re-estimated; once revealed, its figures, the spread before and after
// and each member's move (values only in an anonymous review).
func (md *summaryWriter) round2(st model.ObjectiveStats) {
	r, ok := md.r.Rounds[st.Objective.ID]
	if !ok || st.Outcome == nil {
		return
	}
	if !st.Outcome.Round2Revealed {
		md.printf("**Round 2** is open: %d of %d re-estimated; its estimates show once it is revealed.\n\n", r.Revised, r.Of)
		return
	}
	t := r.Round2
	md.printf("**Round 2** (after the discussion; members who gave no second estimate keep their first): %s.\n\n", r.Summary(true))
	if t.Responses > 0 {
		median, rng, _ := figures(t)
		md.printf("- **Median:** %s; **range:** %s; **level:** %s\n", median, rng, t.Level)
	}
	var moves []string
	for _, m := range r.Moves {
		if !m.Moved() {
			continue
		}
		v := moveValue(m.From, m.HasFrom) + " → " + moveValue(m.To, m.HasTo)
		if !md.s.anonymous() {
			v = inline(m.Handle) + " " + v
		}
		moves = append(moves, v)
	}
	if len(moves) > 0 {
		md.printf("- **Moves:** %s\n", strings.Join(moves, "; "))
	}
	md.printf("\n")
}

func moveValue(v int, ok bool) string {
	if !ok {
		return "abstained"
	}
	return Figure(float64(v))
}

// uncertain renders an outcome closed as "uncertain: needs information".
func (md *summaryWriter) uncertain(st model.ObjectiveStats) {
	o := st.Outcome
	if o == nil || !o.Uncertain {
		return
	}
	owner := "unowned"
	if m, ok := md.members[o.QuestionOwner]; ok {
		owner = "owner: " + inline(m.Handle)
	}
	md.printf("**Outcome:** uncertain, needs information. **Question:** %s (%s)\n\n", inline(o.Question), owner)
}
