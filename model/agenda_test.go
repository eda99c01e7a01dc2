package model

import (
	"slices"
	"testing"

	"github.com/google/uuid"
)

func fxStats(id int, spread int, stddev float64, responses int) ObjectiveStats {
	return ObjectiveStats{Objective: fxObjective(id, id), Spread: spread, StdDev: stddev, Responses: responses}
}

func fxIDs(stats []ObjectiveStats) []uuid.UUID {
	var ids []uuid.UUID
	for _, st := range stats {
		ids = append(ids, st.Objective.ID)
	}
	return ids
}

func TestAgenda_Order(t *testing.T) {
	tests := []struct {
		name string
		in   []ObjectiveStats
		want []int
	}{
		{name: "empty"},
		{
			name: "by spread",
			in:   []ObjectiveStats{fxStats(1, 10, 5, 3), fxStats(2, 40, 5, 3), fxStats(3, 20, 5, 3)},
			want: []int{2, 3, 1},
		},
		{
			name: "equal spread by standard deviation",
			in:   []ObjectiveStats{fxStats(1, 30, 10, 3), fxStats(2, 30, 14, 3), fxStats(3, 50, 1, 3)},
			want: []int{3, 2, 1},
		},
		{
			name: "full ties keep plan order",
			in:   []ObjectiveStats{fxStats(4, 20, 8, 3), fxStats(1, 20, 8, 3), fxStats(3, 20, 8, 3), fxStats(2, 0, 0, 0)},
			want: []int{4, 1, 3, 2},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := fxIDs(tt.in)
			got := fxIDs(Agenda(tt.in))
			var want []uuid.UUID
			for _, n := range tt.want {
				want = append(want, fxID(n))
			}
			if !slices.Equal(got, want) {
				t.Errorf("agenda = %v, want %v", got, want)
			}
			if !slices.Equal(fxIDs(tt.in), before) {
				t.Error("Agenda reordered its input")
			}
		})
	}
}

func TestAlignmentScore_Eligible(t *testing.T) {
	tests := []struct {
		name  string
		in    []ObjectiveStats
		score float64
		ok    bool
	}{
		{name: "no objectives"},
		{name: "no objective with two responses", in: []ObjectiveStats{fxStats(1, 0, 0, 1), fxStats(2, 0, 0, 0)}},
		{name: "full agreement", in: []ObjectiveStats{fxStats(1, 0, 0, 5)}, score: 100, ok: true},
		{name: "whole axis", in: []ObjectiveStats{fxStats(1, 100, 50, 2)}, score: 0, ok: true},
		{
			name:  "mean over eligible only",
			in:    []ObjectiveStats{fxStats(1, 10, 0, 4), fxStats(2, 25, 0, 2), fxStats(3, 0, 0, 1)},
			score: 82.5, ok: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			score, ok := AlignmentScore(tt.in)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			fxApprox(t, "score", score, tt.score)
		})
	}
}

// reviewSprint is a sprint with three live objectives and one deleted, and a
// team where ann answers everything (once abstaining), bob skips o2, cat was
// deactivated after estimating o1, dan joined mid-sprint and eve was deleted.
func fxReviewSprint() (SprintData, []Member) {
	ann, bob, cat := fxMember(1, "ann", true), fxMember(2, "bob", true), fxMember(3, "cat", false)
	dan, eve := fxMember(4, "dan", true), fxMember(5, "eve", true)
	eve.Deleted = true
	o1, o2, o3, gone := fxObjective(11, 0), fxObjective(12, 1), fxObjective(13, 2), fxObjective(14, 3)
	gone.Deleted = true
	deletedEst := fxEst(bob, o2, 90, 3)
	deletedEst.Deleted = true
	d := SprintData{
		Sprint:     Sprint{Meta: fxMeta(10), Name: "Sprint 1", State: StateReview},
		Objectives: []Objective{o3, gone, o2, o1},
		Assessments: []Assessment{
			fxEst(ann, o1, 40, 3), fxEst(bob, o1, 80, 4), fxEst(cat, o1, 50, 2), fxEst(eve, o1, 0, 5),
			fxAbstain(ann, o2), deletedEst,
			fxEst(ann, o3, 70, 3), fxEst(bob, o3, 75, 3), fxEst(dan, o3, 72, 3),
			fxEst(ann, gone, 0, 1),
		},
		Stories: []Story{fxStory(30, o1, 3, StoryDone), fxStory(31, o1, 3, StoryTodo)},
	}
	return d, []Member{eve, dan, cat, bob, ann}
}

func TestAnalyze_MissingAndSubmitted(t *testing.T) {
	d, members := fxReviewSprint()
	r := Analyze(d, members, DefaultSettings())
	want := []Missing{
		{ObjectiveID: fxID(11), Handles: []string{"dan"}},
		{ObjectiveID: fxID(12), Handles: []string{"bob", "dan"}},
	}
	if len(r.Missing) != len(want) {
		t.Fatalf("Missing = %+v, want %+v", r.Missing, want)
	}
	for i := range want {
		if r.Missing[i].ObjectiveID != want[i].ObjectiveID || !slices.Equal(r.Missing[i].Handles, want[i].Handles) {
			t.Errorf("Missing[%d] = %+v, want %+v", i, r.Missing[i], want[i])
		}
	}
	if r.Submitted != 1 || r.Expected != 3 {
		t.Errorf("Submitted, Expected = %d, %d; want 1, 3", r.Submitted, r.Expected)
	}
	if want := []string{"bob", "dan"}; !slices.Equal(r.NotSubmitted, want) {
		t.Errorf("NotSubmitted = %v, want %v", r.NotSubmitted, want)
	}
}

func TestAnalyze_Objectives(t *testing.T) {
	d, members := fxReviewSprint()
	r := Analyze(d, members, DefaultSettings())
	if got, want := fxIDs(r.Objectives), []uuid.UUID{fxID(11), fxID(12), fxID(13)}; !slices.Equal(got, want) {
		t.Fatalf("objectives = %v, want %v (plan order, deleted left out)", got, want)
	}
	o1, o2, o3 := r.Objectives[0], r.Objectives[1], r.Objectives[2]
	if o1.Responses != 3 || o1.Spread != 40 || o1.Level != LevelSplit {
		t.Errorf("o1 responses, spread, level = %d, %d, %s; want 3, 40, split (cat counts, eve does not)", o1.Responses, o1.Spread, o1.Level)
	}
	if o1.Evidence.DonePercent != 50 || o1.NoStories {
		t.Errorf("o1 evidence = %+v, want 50 %% done", o1.Evidence)
	}
	if o2.Responses != 0 || o2.Abstained != 1 || o2.Level != LevelNone {
		t.Errorf("o2 responses, abstained, level = %d, %d, %s; want 0, 1, n/a", o2.Responses, o2.Abstained, o2.Level)
	}
	if o3.Responses != 3 || o3.Level != LevelAligned || !o3.NoStories {
		t.Errorf("o3 responses, level, no stories = %d, %s, %v; want 3, aligned, true", o3.Responses, o3.Level, o3.NoStories)
	}
	if got, want := fxIDs(r.Agenda), []uuid.UUID{fxID(11), fxID(13), fxID(12)}; !slices.Equal(got, want) {
		t.Errorf("agenda = %v, want %v", got, want)
	}
	if !r.HasScore {
		t.Fatal("HasScore = false, want true")
	}
	fxApprox(t, "Score", r.Score, 100-(40+5)/2.0)
}

func TestAnalyze_Outcome(t *testing.T) {
	d, members := fxReviewSprint()
	old := Outcome{Meta: fxMeta(40), ObjectiveID: fxID(11), Agreed: fxInt(10)}
	cur := Outcome{Meta: fxMeta(41), ObjectiveID: fxID(11), Agreed: fxInt(55), Discussed: true}
	cur.UpdatedAt = fxNow.Add(1)
	dropped := Outcome{Meta: fxMeta(42), ObjectiveID: fxID(13), Agreed: fxInt(70)}
	dropped.Deleted = true
	d.Outcomes = []Outcome{cur, old, dropped}
	r := Analyze(d, members, DefaultSettings())
	got := r.Objectives[0].Outcome
	if got == nil || got.ID != cur.ID || *got.Agreed != 55 {
		t.Fatalf("o1 outcome = %+v, want the latest live one", got)
	}
	*got.Agreed = 0
	if *cur.Agreed != 55 || *d.Outcomes[0].Agreed != 55 {
		t.Error("report outcome aliases the input")
	}
	if r.Objectives[2].Outcome != nil {
		t.Errorf("o3 outcome = %+v, want nil (deleted)", r.Objectives[2].Outcome)
	}
}

func TestAnalyze_Empty(t *testing.T) {
	r := Analyze(SprintData{Sprint: Sprint{Name: "empty"}}, nil, DefaultSettings())
	if r.Sprint.Name != "empty" || len(r.Objectives) != 0 || len(r.Agenda) != 0 || r.HasScore || r.Expected != 0 || r.Submitted != 0 {
		t.Errorf("report = %+v, want an empty one", r)
	}
}

func TestAnalyze_NoObjectivesEveryoneSubmitted(t *testing.T) {
	r := Analyze(SprintData{}, []Member{fxMember(1, "ann", true), fxMember(2, "bob", true)}, DefaultSettings())
	if r.Submitted != 2 || r.Expected != 2 || len(r.NotSubmitted) != 0 || len(r.Missing) != 0 {
		t.Errorf("Submitted, Expected, NotSubmitted, Missing = %d, %d, %v, %v; want 2, 2, none, none", r.Submitted, r.Expected, r.NotSubmitted, r.Missing)
	}
}
