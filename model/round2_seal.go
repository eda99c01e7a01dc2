package model

import (
	"fmt"

	"github.com/google/uuid"
)

// round2States returns, per objective of d whose live outcome has its
// second round open or revealed, that outcome.
func round2States(d Dataset) map[uuid.UUID]Outcome {
	out := map[uuid.UUID]Outcome{}
	for _, sd := range d.Sprints {
		for _, o := range sd.Outcomes {
			if !o.Deleted && (o.Round2Open || o.Round2Revealed) {
				out[o.ObjectiveID] = o
			}
		}
	}
	return out
}

// checkRound2Kept returns a refusal for each objective whose second round
// is open or revealed in local (before, from round2States) and would be
// closed or un-revealed in after, local with a bundle applied: as round 1's
// seal, a second round the room has opened or seen stays so, whatever an
// older copy of the outcome says. Objectives come in local's order.
func checkRound2Kept(local Dataset, before map[uuid.UUID]Outcome, after Dataset, n authNames) []Refusal {
	if len(before) == 0 {
		return nil
	}
	now := round2States(after)
	var out []Refusal
	for _, sd := range local.Sprints {
		for _, o := range sd.Objectives {
			was, ok := before[o.ID]
			if !ok {
				continue
			}
			is := now[o.ID]
			var what, where string
			switch {
			case was.Round2Revealed && !is.Round2Revealed:
				what, where = "un-reveal the second round on %q, revealed here", "revealed"
			case was.Round2Open && !is.Round2Open:
				what, where = "close the second round on %q, open here", "open"
			default:
				continue
			}
			out = append(out, Refusal{Record: "outcome", ID: o.ID, Msg: fmt.Sprintf(
				"the bundle would "+what+" (its outcome was written where that round was not %s)", n.objective(o.ID), where)})
		}
	}
	return out
}
