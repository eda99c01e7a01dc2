package model

import (
	"cmp"
	"slices"

	"github.com/google/uuid"
)

// Offsets returns each member's usual offset: the mean gap of their
// first-round estimates against the agreed values (MemberScores.Agreed),
// for the members whose score is shown (MinScored estimates or more).
func Offsets(ms []MemberScores) map[uuid.UUID]float64 {
	out := map[uuid.UUID]float64{}
	for _, m := range ms {
		if m.Agreed.Shown() {
			out[m.MemberID] = m.Agreed.MeanGap
		}
	}
	return out
}

// Adjusted is an objective's spread net of habit: the spread of
// (estimate − the member's usual offset), members whose offset is not
// known counting as they are.
type Adjusted struct {
	Spread float64
	// Known counts the responses whose member's offset is known; Of all
	// responses. Adjusted means something only when Known > 0 and there
	// are two responses or more (OK).
	Known, Of int
	OK        bool
}

// AdjustedSpread returns st's spread net of the members' offsets.
func AdjustedSpread(st ObjectiveStats, offsets map[uuid.UUID]float64) Adjusted {
	a := Adjusted{Of: len(st.Estimates)}
	lo, hi := 0.0, 0.0
	for i, e := range st.Estimates {
		v := float64(e.Progress)
		if off, ok := offsets[e.MemberID]; ok {
			v -= off
			a.Known++
		}
		if i == 0 || v < lo {
			lo = v
		}
		if i == 0 || v > hi {
			hi = v
		}
	}
	a.Spread, a.OK = hi-lo, a.Of >= 2 && a.Known > 0
	return a
}

// RankAdjusted returns agenda ordered by the spread net of habit, most
// disputed first (the raw spread where no offset is known), then by the raw
// order; agenda is not modified.
func RankAdjusted(agenda []ObjectiveStats, offsets map[uuid.UUID]float64) []ObjectiveStats {
	key := func(st ObjectiveStats) float64 {
		if a := AdjustedSpread(st, offsets); a.OK {
			return a.Spread
		}
		return float64(st.Spread)
	}
	out := slices.Clone(agenda)
	slices.SortStableFunc(out, func(a, b ObjectiveStats) int { return cmp.Compare(key(b), key(a)) })
	return out
}
