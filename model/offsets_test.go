package model

import (
	"testing"

	"github.com/google/uuid"
)

func TestAdjustedSpread(t *testing.T) {
	// Hand-computed: estimates a 40, b 50, c 90; c is a habitual optimist
	// (+30 over 6 agreed outcomes), b a slight pessimist (−10 over 5), a's
	// score rests on 4 and is not known. Net of habit: 40, 50+10 = 60,
	// 90−30 = 60: spread 60 − 40 = 20 (raw 50), offsets known for 2 of 3.
	a, b, c := fxID(1), fxID(2), fxID(3)
	ms := []MemberScores{
		{MemberID: a, Agreed: Score{Count: 4, MeanGap: 25}},
		{MemberID: b, Agreed: Score{Count: 5, MeanGap: -10}},
		{MemberID: c, Agreed: Score{Count: 6, MeanGap: 30}},
	}
	off := Offsets(ms)
	if len(off) != 2 {
		t.Fatalf("offsets %v: want b's and c's", off)
	}
	st := ObjectiveStats{Objective: Objective{Title: "x"}, Spread: 50, Estimates: []Estimate{
		{MemberID: a, Progress: 40}, {MemberID: b, Progress: 50}, {MemberID: c, Progress: 90}}}
	adj := AdjustedSpread(st, off)
	if !adj.OK || adj.Known != 2 || adj.Of != 3 {
		t.Fatalf("adjusted %+v", adj)
	}
	fxApprox(t, "adjusted spread", adj.Spread, 20)
	if AdjustedSpread(st, map[uuid.UUID]float64{}).OK {
		t.Error("no offset known, yet adjusted")
	}
	// Ranked by adjusted, y (raw 30, nobody's offset known) comes before x
	// (raw 50, adjusted 20); by raw, x first.
	y := ObjectiveStats{Objective: Objective{Title: "y"}, Spread: 30, Estimates: []Estimate{{Progress: 10}, {Progress: 40}}}
	got := RankAdjusted([]ObjectiveStats{st, y}, off)
	if got[0].Objective.Title != "y" || got[1].Objective.Title != "x" {
		t.Errorf("ranked %s, %s; want y, x", got[0].Objective.Title, got[1].Objective.Title)
	}
}
