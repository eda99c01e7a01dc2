package model

import (
	"errors"
	"github.com/google/uuid"
	"testing"
)

// round2Sprint is one objective estimated 20, 45, 50, 95 by a, b, c, d in
// round 1, with the given second-round estimates (by member index).
func round2Sprint(second map[int]int) (Objective, SprintData, map[uuid.UUID]Member) {
	o := fxObjective(1, 1)
	as, ms := fxTeam(o, 20, 45, 50, 95)
	sd := SprintData{Objectives: []Objective{o}, Assessments: as}
	for i, p := range second {
		m := ms[fxID(i+1)]
		a := fxEst(m, o, p, 3)
		a.ID, a.Round2 = fxID(2000+i), true
		sd.Round2 = append(sd.Round2, a)
	}
	return o, sd, ms
}

func TestAnalyzeRound2_WorkedExample(t *testing.T) {
	// Hand-computed: round 1 is 20 45 50 95: spread 95−20 = 75, median
	// (45+50)/2 = 47.5. Round 2: a 20→40, c says 50 again, d 95→70, b gives
	// none and keeps 45: 40 45 50 70, spread 70−40 = 30, median 47.5,
	// mean (40+45+50+70)/4 = 51.25. Moved: a and d, 2 of 4; revised: 3.
	o, sd, ms := round2Sprint(map[int]int{0: 40, 2: 50, 3: 70})
	r := AnalyzeRound2(o, sd, ms, DefaultSettings())
	if r.Round1.Spread != 75 || r.Round2.Spread != 30 || r.Moved != 2 || r.Of != 4 || r.Revised != 3 {
		t.Fatalf("spread %d → %d, %d of %d moved, %d revised; want 75 → 30, 2 of 4, 3",
			r.Round1.Spread, r.Round2.Spread, r.Moved, r.Of, r.Revised)
	}
	fxApprox(t, "round 1 median", r.Round1.Median, 47.5)
	fxApprox(t, "round 2 median", r.Round2.Median, 47.5)
	fxApprox(t, "round 2 mean", r.Round2.Mean, 51.25)
	want := []Move{
		{Handle: "a", From: 20, To: 40, HasFrom: true, HasTo: true, Revised: true},
		{Handle: "b", From: 45, To: 45, HasFrom: true, HasTo: true},
		{Handle: "c", From: 50, To: 50, HasFrom: true, HasTo: true, Revised: true},
		{Handle: "d", From: 95, To: 70, HasFrom: true, HasTo: true, Revised: true},
	}
	if len(r.Moves) != len(want) {
		t.Fatalf("moves %+v", r.Moves)
	}
	for i, w := range want {
		w.MemberID = r.Moves[i].MemberID
		if r.Moves[i] != w {
			t.Errorf("move %d = %+v, want %+v", i, r.Moves[i], w)
		}
	}
	if r.Round2.Level != LevelFor(30, DefaultSettings()) || r.Round2.Level != LevelSplit {
		t.Errorf("round 2 level %s, want split (30 ≥ 30)", r.Round2.Level)
	}
}

func TestAnalyzeRound2_AbstainAndNoSecondRound(t *testing.T) {
	o, sd, ms := round2Sprint(nil)
	r := AnalyzeRound2(o, sd, ms, DefaultSettings())
	if r.Round2.Spread != 75 || r.Moved != 0 || r.Revised != 0 {
		t.Errorf("no second round: spread %d, moved %d, revised %d; want 75, 0, 0", r.Round2.Spread, r.Moved, r.Revised)
	}
	// d abstains in round 2: 20 45 50, spread 30; d moved (from 95 to none).
	o, sd, ms = round2Sprint(map[int]int{3: 0})
	sd.Round2[0].Abstain = true
	r = AnalyzeRound2(o, sd, ms, DefaultSettings())
	if r.Round2.Spread != 30 || r.Moved != 1 || r.Round2.Abstained != 1 {
		t.Errorf("d abstains: spread %d, moved %d, abstained %d; want 30, 1, 1", r.Round2.Spread, r.Moved, r.Round2.Abstained)
	}
}

func TestRound2_OpenRevealAndAgreedDefault(t *testing.T) {
	var re *RoundError
	if _, err := OpenRound2(Outcome{}, "Search"); !errors.As(err, &re) {
		t.Errorf("open before the reveal: %v", err)
	}
	o, err := OpenRound2(Outcome{ObjectiveID: fxID(1), Revealed: true, Sealed: true}, "Search")
	if err != nil || !o.Round2Open || !EstimateRound2([]Outcome{o}, o.ObjectiveID) {
		t.Fatalf("open: %+v, %v", o, err)
	}
	if _, err := OpenRound2(o, "Search"); !errors.As(err, &re) {
		t.Errorf("open twice: %v", err)
	}
	obj, sd, ms := round2Sprint(map[int]int{0: 40, 3: 60})
	r := AnalyzeRound2(obj, sd, ms, DefaultSettings())
	// Round 2: 40 45 50 60, median 47.5 — the same; round 1's is 47.5 too,
	// so move c: 40 45 60 60 → median 52.5.
	sd.Round2 = append(sd.Round2, func() Assessment {
		a := fxEst(ms[fxID(3)], obj, 60, 3)
		a.ID, a.Round2 = fxID(2100), true
		return a
	}())
	r = AnalyzeRound2(obj, sd, ms, DefaultSettings())
	if v, ok := AgreedDefault(o, r); !ok || v != 47.5 {
		t.Errorf("round 2 open, not revealed: default %v %t, want round 1's 47.5", v, ok)
	}
	o, err = RevealRound2(o, "Search")
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := AgreedDefault(o, r); !ok || v != 52.5 {
		t.Errorf("round 2 revealed: default %v %t, want its median 52.5", v, ok)
	}
	if EstimateRound2([]Outcome{o}, o.ObjectiveID) {
		t.Error("a revealed round 2 still takes estimates")
	}
	var se *SealedError
	if err := CheckEstimateChange([]Outcome{o}, obj, true); !errors.As(err, &se) || se.NotOpen || se.Round != 2 {
		t.Errorf("a revealed round 2 accepts a change: %v", err)
	}
}

func TestNarrowingOf(t *testing.T) {
	// Hand-computed: two revealed second rounds, 75 → 30 and 50 → 15: mean
	// spread before (75+50)/2 = 62.5, after (30+15)/2 = 22.5, narrowed by
	// 40. A round 2 open but not revealed counts for nothing.
	a, b, c := fxID(1), fxID(2), fxID(3)
	r := SprintReport{Objectives: []ObjectiveStats{
		{Objective: Objective{Meta: Meta{ID: a}}, Outcome: &Outcome{Round2Open: true, Round2Revealed: true}},
		{Objective: Objective{Meta: Meta{ID: b}}, Outcome: &Outcome{Round2Open: true, Round2Revealed: true}},
		{Objective: Objective{Meta: Meta{ID: c}}, Outcome: &Outcome{Round2Open: true}},
	}, Rounds: map[uuid.UUID]Round2Stats{
		a: {Round1: ObjectiveStats{Responses: 4, Spread: 75}, Round2: ObjectiveStats{Responses: 4, Spread: 30}},
		b: {Round1: ObjectiveStats{Responses: 6, Spread: 50}, Round2: ObjectiveStats{Responses: 6, Spread: 15}},
		c: {Round1: ObjectiveStats{Responses: 6, Spread: 90}, Round2: ObjectiveStats{Responses: 6, Spread: 0}},
	}}
	n := NarrowingOf(r)
	if n.Objectives != 2 {
		t.Fatalf("objectives %d, want 2", n.Objectives)
	}
	fxApprox(t, "before", n.Before, 62.5)
	fxApprox(t, "after", n.After, 22.5)
	fxApprox(t, "by", n.By(), 40)
	if got := NarrowingOf(SprintReport{}); got.Objectives != 0 || got.Before != 0 {
		t.Errorf("no rounds: %+v", got)
	}
}
