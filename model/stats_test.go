package model

import (
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
)

func TestLiveObjectives_PlanOrder(t *testing.T) {
	a, b, c, d := fxObjective(4, 2), fxObjective(3, 1), fxObjective(2, 1), fxObjective(1, 0)
	b.CreatedAt = fxNow.Add(time.Minute) // same order as c, created later
	d.Deleted = true
	got := LiveObjectives(SprintData{Objectives: []Objective{a, b, c, d}})
	var ids []uuid.UUID
	for _, o := range got {
		ids = append(ids, o.ID)
	}
	want := []uuid.UUID{c.ID, b.ID, a.ID}
	if !slices.Equal(ids, want) {
		t.Errorf("order = %v, want %v", ids, want)
	}
}

func TestLiveObjectives_SameOrderAndTimeByID(t *testing.T) {
	a, b := fxObjective(9, 1), fxObjective(8, 1)
	got := LiveObjectives(SprintData{Objectives: []Objective{a, b}})
	if got[0].ID != b.ID {
		t.Errorf("first = %v, want the smaller ID %v", got[0].ID, b.ID)
	}
}

func TestAnalyzeObjective_Figures(t *testing.T) {
	o := fxObjective(1, 0)
	tests := []struct {
		name      string
		progress  []int
		abstain   int
		responses int
		mean      float64
		median    float64
		min, max  int
		stddev    float64
		level     Level
		outliers  []string
	}{
		{name: "no responses", level: LevelNone},
		{name: "one response", progress: []int{40}, responses: 1, mean: 40, median: 40, min: 40, max: 40, level: LevelNone},
		{name: "everyone abstains", abstain: 3, level: LevelNone},
		{name: "all equal", progress: []int{50, 50, 50}, responses: 3, mean: 50, median: 50, min: 50, max: 50, level: LevelAligned},
		{name: "0 and 100", progress: []int{0, 100}, responses: 2, mean: 50, median: 50, min: 0, max: 100, stddev: 50, level: LevelSplit},
		{name: "odd median", progress: []int{90, 10, 20}, responses: 3, mean: 40, median: 20, min: 10, max: 90, stddev: 35.59026084010437, level: LevelSplit, outliers: []string{"a"}},
		{name: "even median", progress: []int{30, 90, 10, 20}, responses: 4, mean: 37.5, median: 25, min: 10, max: 90, stddev: 31.12474899497183, level: LevelSplit, outliers: []string{"b"}},
		{name: "abstentions apart", progress: []int{40, 50}, abstain: 2, responses: 2, mean: 45, median: 45, min: 40, max: 50, stddev: 5, level: LevelAligned},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			as, members := fxTeam(o, tt.progress...)
			for i := range tt.abstain {
				m := fxMember(100+i, "z"+string(rune('a'+i)), true)
				members[m.ID] = m
				as = append(as, fxAbstain(m, o))
			}
			st := AnalyzeObjective(o, as, nil, members, DefaultSettings())
			if st.Responses != tt.responses || st.Abstained != tt.abstain {
				t.Errorf("responses, abstained = %d, %d; want %d, %d", st.Responses, st.Abstained, tt.responses, tt.abstain)
			}
			if len(st.Estimates) != tt.responses {
				t.Errorf("len(Estimates) = %d, want %d", len(st.Estimates), tt.responses)
			}
			fxApprox(t, "Mean", st.Mean, tt.mean)
			fxApprox(t, "Median", st.Median, tt.median)
			fxApprox(t, "StdDev", st.StdDev, tt.stddev)
			fxApprox(t, "Weighted", st.Weighted, tt.mean) // equal confidences
			if st.Min != tt.min || st.Max != tt.max || st.Spread != tt.max-tt.min {
				t.Errorf("min, max, spread = %d, %d, %d; want %d, %d, %d", st.Min, st.Max, st.Spread, tt.min, tt.max, tt.max-tt.min)
			}
			if st.Level != tt.level {
				t.Errorf("Level = %q, want %q", st.Level, tt.level)
			}
			if !slices.Equal(st.Outliers, tt.outliers) {
				t.Errorf("Outliers = %v, want %v", st.Outliers, tt.outliers)
			}
		})
	}
}

func TestAnalyzeObjective_WeightedAndConfidence(t *testing.T) {
	o := fxObjective(1, 0)
	a, b, c := fxMember(1, "a", true), fxMember(2, "b", true), fxMember(3, "c", true)
	as := []Assessment{fxEst(a, o, 20, 1), fxEst(b, o, 80, 3), fxEst(c, o, 50, 4)}
	st := AnalyzeObjective(o, as, nil, fxMembers(a, b, c), DefaultSettings())
	fxApprox(t, "Weighted", st.Weighted, (20*1+80*3+50*4)/8.0)
	fxApprox(t, "Mean", st.Mean, 50)
	if st.ConfMin != 1 || st.ConfMax != 4 || st.ConfSpread != 3 {
		t.Errorf("confidence min, max, spread = %d, %d, %d; want 1, 4, 3", st.ConfMin, st.ConfMax, st.ConfSpread)
	}
}

func TestAnalyzeObjective_EstimateOrder(t *testing.T) {
	o := fxObjective(1, 0)
	b, a, c := fxMember(1, "bea", true), fxMember(2, "al", true), fxMember(3, "cy", true)
	as := []Assessment{fxEst(c, o, 10, 2), fxEst(b, o, 50, 3), fxEst(a, o, 50, 4)}
	as[0].Note = "blocked on review"
	st := AnalyzeObjective(o, as, nil, fxMembers(a, b, c), DefaultSettings())
	var handles []string
	for _, e := range st.Estimates {
		handles = append(handles, e.Handle)
	}
	if want := []string{"cy", "al", "bea"}; !slices.Equal(handles, want) {
		t.Errorf("estimate order = %v, want %v", handles, want)
	}
	if e := st.Estimates[0]; e.MemberID != c.ID || e.Confidence != 2 || e.Note != "blocked on review" {
		t.Errorf("first estimate = %+v, want cy's with confidence 2 and its note", e)
	}
}

func TestAnalyzeObjective_Outliers(t *testing.T) {
	o := fxObjective(1, 0)
	tests := []struct {
		name     string
		progress []int
		distance int
		want     []string
	}{
		{name: "default distance", progress: []int{40, 50, 60, 90}, distance: 25, want: []string{"d"}},
		{name: "exactly at distance", progress: []int{40, 50, 60, 90}, distance: 35, want: []string{"d"}},
		{name: "just beyond reach", progress: []int{40, 50, 60, 90}, distance: 36},
		{name: "tight distance", progress: []int{40, 50, 60, 90}, distance: 15, want: []string{"a", "d"}},
		{name: "low outlier with three", progress: []int{10, 50, 52}, distance: 25, want: []string{"a"}},
		{name: "two responses never", progress: []int{0, 100}, distance: 1},
		{name: "one response never", progress: []int{100}, distance: 1},
		{name: "all equal", progress: []int{70, 70, 70}, distance: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			as, members := fxTeam(o, tt.progress...)
			s := DefaultSettings()
			s.OutlierDistance = tt.distance
			st := AnalyzeObjective(o, as, nil, members, s)
			if !slices.Equal(st.Outliers, tt.want) {
				t.Errorf("Outliers = %v, want %v", st.Outliers, tt.want)
			}
			for _, e := range st.Estimates {
				if e.Outlier != slices.Contains(tt.want, e.Handle) {
					t.Errorf("estimate %s Outlier = %v", e.Handle, e.Outlier)
				}
			}
		})
	}
}

func TestAnalyzeObjective_Level(t *testing.T) {
	o := fxObjective(1, 0)
	custom := Settings{AlignedBelow: 10, SplitAt: 20, OutlierDistance: 25, EvidenceGap: 30}
	tests := []struct {
		name     string
		progress []int
		s        Settings
		want     Level
	}{
		{"spread 0", []int{50, 50}, DefaultSettings(), LevelAligned},
		{"spread 14", []int{50, 64}, DefaultSettings(), LevelAligned},
		{"spread 15", []int{50, 65}, DefaultSettings(), LevelDivergent},
		{"spread 29", []int{50, 79}, DefaultSettings(), LevelDivergent},
		{"spread 30", []int{50, 80}, DefaultSettings(), LevelSplit},
		{"spread 100", []int{0, 100}, DefaultSettings(), LevelSplit},
		{"custom spread 9", []int{50, 59}, custom, LevelAligned},
		{"custom spread 10", []int{50, 60}, custom, LevelDivergent},
		{"custom spread 20", []int{50, 70}, custom, LevelSplit},
		{"one response", []int{0}, DefaultSettings(), LevelNone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			as, members := fxTeam(o, tt.progress...)
			if got := AnalyzeObjective(o, as, nil, members, tt.s).Level; got != tt.want {
				t.Errorf("Level = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestAnalyzeObjective_Evidence(t *testing.T) {
	o, other := fxObjective(1, 0), fxObjective(2, 1)
	deletedDone := fxStory(20, o, 8, StoryDone)
	deletedDone.Deleted = true
	tests := []struct {
		name     string
		progress []int
		stories  []Story
		want     Evidence
	}{
		{name: "no stories", progress: []int{50}, want: Evidence{}},
		{
			name: "by points", progress: []int{50},
			stories: []Story{fxStory(10, o, 5, StoryDone), fxStory(11, o, 3, StoryDoing), fxStory(12, o, 2, StoryTodo)},
			want:    Evidence{Stories: 3, StoriesDone: 1, Points: 10, PointsDone: 5, DonePercent: 50, HasEvidence: true, ByPoints: true},
		},
		{
			name: "by count when a story has no points", progress: []int{50},
			stories: []Story{fxStory(10, o, 5, StoryDone), fxStory(11, o, 0, StoryDoing), fxStory(12, o, 2, StoryTodo)},
			want:    Evidence{Stories: 3, StoriesDone: 1, Points: 7, PointsDone: 5, DonePercent: 33, Gap: 17, HasEvidence: true},
		},
		{
			name: "by count when nothing is pointed", progress: []int{50},
			stories: []Story{fxStory(10, o, 0, StoryDone), fxStory(11, o, 0, StoryDone), fxStory(12, o, 0, StoryTodo)},
			want:    Evidence{Stories: 3, StoriesDone: 2, DonePercent: 67, Gap: 17, HasEvidence: true},
		},
		{
			name: "deleted and foreign stories ignored", progress: []int{50},
			stories: []Story{fxStory(10, o, 4, StoryTodo), deletedDone, fxStory(21, other, 8, StoryDone)},
			want:    Evidence{Stories: 1, Points: 4, DonePercent: 0, Gap: 50, Flag: true, HasEvidence: true, ByPoints: true},
		},
		{
			name: "gap at the flag boundary", progress: []int{80},
			stories: []Story{fxStory(10, o, 1, StoryDone), fxStory(11, o, 1, StoryTodo)},
			want:    Evidence{Stories: 2, StoriesDone: 1, Points: 2, PointsDone: 1, DonePercent: 50, Gap: 30, Flag: true, HasEvidence: true, ByPoints: true},
		},
		{
			name: "gap just under the boundary", progress: []int{79, 80},
			stories: []Story{fxStory(10, o, 1, StoryDone), fxStory(11, o, 1, StoryTodo)},
			want:    Evidence{Stories: 2, StoriesDone: 1, Points: 2, PointsDone: 1, DonePercent: 50, Gap: 29, HasEvidence: true, ByPoints: true},
		},
		{
			name: "perception below the stories", progress: []int{20},
			stories: []Story{fxStory(10, o, 1, StoryDone), fxStory(11, o, 1, StoryDone)},
			want:    Evidence{Stories: 2, StoriesDone: 2, Points: 2, PointsDone: 2, DonePercent: 100, Gap: 80, Flag: true, HasEvidence: true, ByPoints: true},
		},
		{
			name:    "no responses no flag",
			stories: []Story{fxStory(10, o, 1, StoryTodo)},
			want:    Evidence{Stories: 1, Points: 1, HasEvidence: true, ByPoints: true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			as, members := fxTeam(o, tt.progress...)
			st := AnalyzeObjective(o, as, tt.stories, members, DefaultSettings())
			if st.Evidence != tt.want {
				t.Errorf("Evidence = %+v\nwant        %+v", st.Evidence, tt.want)
			}
			if st.NoStories != !tt.want.HasEvidence {
				t.Errorf("NoStories = %v, want %v", st.NoStories, !tt.want.HasEvidence)
			}
		})
	}
}

func TestAnalyzeObjective_EvidenceGapSetting(t *testing.T) {
	o := fxObjective(1, 0)
	as, members := fxTeam(o, 60)
	stories := []Story{fxStory(10, o, 1, StoryDone), fxStory(11, o, 1, StoryTodo)}
	for _, tt := range []struct {
		gap  int
		flag bool
	}{{9, true}, {10, true}, {11, false}} {
		s := DefaultSettings()
		s.EvidenceGap = tt.gap
		if got := AnalyzeObjective(o, as, stories, members, s).Evidence.Flag; got != tt.flag {
			t.Errorf("EvidenceGap %d: Flag = %v, want %v", tt.gap, got, tt.flag)
		}
	}
}

func TestAnalyzeObjective_NoGoal(t *testing.T) {
	o := fxObjective(1, 0)
	if st := AnalyzeObjective(o, nil, nil, nil, DefaultSettings()); !st.NoGoal || !st.NoStories {
		t.Errorf("unlinked objective: NoGoal, NoStories = %v, %v; want true, true", st.NoGoal, st.NoStories)
	}
	o.GoalID = fxID(99)
	if st := AnalyzeObjective(o, nil, nil, nil, DefaultSettings()); st.NoGoal {
		t.Error("linked objective: NoGoal = true, want false")
	}
}

func TestAnalyzeObjective_IgnoredRecords(t *testing.T) {
	o, other := fxObjective(1, 0), fxObjective(2, 1)
	a, b, gone := fxMember(1, "a", true), fxMember(2, "b", true), fxMember(3, "gone", false)
	gone.Deleted = true
	stale := fxEst(a, o, 10, 3)
	fresh := fxEst(a, o, 60, 3)
	fresh.ID, fresh.UpdatedAt = fxID(500), fxNow.Add(time.Hour)
	removed := fxEst(b, o, 0, 3)
	removed.Deleted = true
	as := []Assessment{fresh, stale, removed, fxEst(b, other, 5, 3), fxEst(gone, o, 99, 3), fxEst(b, o, 70, 3)}
	st := AnalyzeObjective(o, as, nil, fxMembers(a, b, gone), DefaultSettings())
	if st.Responses != 2 || st.Min != 60 || st.Max != 70 {
		t.Errorf("responses, min, max = %d, %d, %d; want 2, 60, 70 (latest of a, live of b)", st.Responses, st.Min, st.Max)
	}
}

func TestAnalyzeObjective_UnknownMember(t *testing.T) {
	o := fxObjective(1, 0)
	stranger := fxMember(7, "x", true)
	st := AnalyzeObjective(o, []Assessment{fxEst(stranger, o, 30, 2)}, nil, nil, DefaultSettings())
	if st.Responses != 1 || st.Estimates[0].Handle != "?"+stranger.ID.String()[:8] {
		t.Errorf("estimates = %+v, want one under a short ID", st.Estimates)
	}
}
