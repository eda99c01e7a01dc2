package model

import "testing"

func TestScores_HandComputed(t *testing.T) {
	// One member "a" over six closed sprints, one objective each, with 2 of
	// 4 stories (by count, no points) done: evidence 50%. Estimates 60, 70,
	// 50, 80, 40, 60 at confidence 4, 4, 2, 4, 2, 4; agreed 50 each time
	// except the last, which has no agreed value.
	//   against agreed (5 sprints): gaps 10 20 0 30 −10 → mean 50/5 = 10,
	//   mean |gap| 70/5 = 14;
	//   against the evidence (6): gaps 10 20 0 30 −10 10 → mean 60/6 = 10,
	//   mean |gap| 80/6 = 13.33…;
	//   by confidence (agreed only): 4 → gaps 10 20 30, mean 20; 2 → 0 −10,
	//   mean −5, mean |gap| 5.
	m := fxMember(1, "a", true)
	progress := []int{60, 70, 50, 80, 40, 60}
	confidence := []int{4, 4, 2, 4, 2, 4}
	var sprints []SprintData
	for i, p := range progress {
		sp := Sprint{Meta: fxMeta(100 + i), State: StateClosed}
		o := fxObjective(200+i, 1)
		o.SprintID = sp.ID
		a := fxEst(m, o, p, confidence[i])
		a.ID = fxID(300 + i)
		sd := SprintData{Sprint: sp, Objectives: []Objective{o}, Assessments: []Assessment{a}}
		for j := 0; j < 4; j++ {
			st := StoryTodo
			if j < 2 {
				st = StoryDone
			}
			sd.Stories = append(sd.Stories, fxStory(400+10*i+j, o, 0, st))
		}
		if i < 5 {
			sd.Outcomes = []Outcome{{Meta: fxMeta(500 + i), SprintID: sp.ID, ObjectiveID: o.ID, Agreed: fxInt(50)}}
		}
		// A second-round estimate never counts.
		r2 := fxEst(m, o, 0, 3)
		r2.ID, r2.Round2 = fxID(600+i), true
		sd.Round2 = []Assessment{r2}
		sprints = append(sprints, sd)
	}
	ms, byConf := Scores(sprints, []Member{m})
	if len(ms) != 1 {
		t.Fatalf("scores %+v", ms)
	}
	s := ms[0]
	if s.Agreed.Count != 5 || s.Evidence.Count != 6 || !s.Agreed.Shown() || !s.Evidence.Shown() {
		t.Fatalf("counts %d, %d", s.Agreed.Count, s.Evidence.Count)
	}
	fxApprox(t, "agreed mean gap", s.Agreed.MeanGap, 10)
	fxApprox(t, "agreed mean |gap|", s.Agreed.MeanAbsGap, 14)
	fxApprox(t, "evidence mean gap", s.Evidence.MeanGap, 10)
	fxApprox(t, "evidence mean |gap|", s.Evidence.MeanAbsGap, 80.0/6)
	if len(byConf) != 2 || byConf[0].Confidence != 2 || byConf[1].Confidence != 4 {
		t.Fatalf("by confidence %+v", byConf)
	}
	fxApprox(t, "confidence 2 mean gap", byConf[0].MeanGap, -5)
	fxApprox(t, "confidence 2 mean |gap|", byConf[0].MeanAbsGap, 5)
	fxApprox(t, "confidence 4 mean gap", byConf[1].MeanGap, 20)
	if (Score{Count: 4}).Shown() {
		t.Error("a score on four points is shown")
	}
}
