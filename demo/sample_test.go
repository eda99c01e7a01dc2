package demo

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

func TestSample_Valid(t *testing.T) {
	checkDataset(t, Sample(now))
}

func TestSample_Deterministic(t *testing.T) {
	a, b := Sample(now), Sample(now)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two calls with the same now differ")
	}
	elsewhere := Sample(now.In(time.FixedZone("UTC+9", 9*3600)))
	if !reflect.DeepEqual(a, elsewhere) {
		t.Error("the same instant in another zone gives another dataset")
	}
	if c := Sample(now.Add(24 * time.Hour)); c.Goals[0].ID == a.Goals[0].ID {
		t.Error("a day later gives the same IDs; want IDs that follow the clock")
	}
}

func TestSample_Team(t *testing.T) {
	ds := Sample(now)
	if len(ds.Members) < 5 || len(ds.Goals) != 3 || len(ds.Sprints) != 5 {
		t.Fatalf("members, goals, sprints = %d, %d, %d; want ≥ 5, 3, 5", len(ds.Members), len(ds.Goals), len(ds.Sprints))
	}
	facilitators := 0
	for _, m := range ds.Members {
		if !m.Active {
			t.Errorf("member %s inactive", m.Handle)
		}
		if m.Facilitator {
			facilitators++
		}
	}
	if facilitators != 1 {
		t.Errorf("facilitators = %d, want 1", facilitators)
	}
}

func TestSample_PastSprints(t *testing.T) {
	ds := Sample(now)
	past := ds.Sprints[:4]
	for i, d := range past {
		sp := d.Sprint
		if sp.State != model.StateClosed || !sp.End.Before(model.Day(now)) {
			t.Errorf("%s: state %s ending %v, want closed before %v", sp.Name, sp.State, sp.End, now)
		}
		if days := sp.End.Sub(sp.Start).Hours() / 24; days != 13 {
			t.Errorf("%s lasts %v days after its start, want 13 (two weeks inclusive)", sp.Name, days)
		}
		if i > 0 && !sp.Start.Equal(past[i-1].Sprint.End.AddDate(0, 0, 1)) {
			t.Errorf("%s does not follow %s", sp.Name, past[i-1].Sprint.Name)
		}
		if len(d.Objectives) == 0 || len(d.Stories) == 0 {
			t.Errorf("%s has no objectives or stories", sp.Name)
		}
		if want := len(d.Objectives) * len(ds.Members); len(d.Assessments) != want {
			t.Errorf("%s: %d assessments, want %d (everyone on everything)", sp.Name, len(d.Assessments), want)
		}
		if len(d.Outcomes) != len(d.Objectives) {
			t.Errorf("%s: %d outcomes for %d objectives", sp.Name, len(d.Outcomes), len(d.Objectives))
		}
		for _, oc := range d.Outcomes {
			if oc.Agreed == nil || !oc.Discussed {
				t.Errorf("%s: outcome %v not agreed", sp.Name, oc.ID)
			}
		}
	}
	prev := past[3]
	open, closed := 0, 0
	for _, a := range prev.Actions {
		if a.Done {
			closed++
		} else {
			open++
		}
	}
	if open == 0 || closed == 0 {
		t.Errorf("previous sprint's actions: %d open, %d done; want some of each", open, closed)
	}
}

func TestSample_CurrentSprintReport(t *testing.T) {
	ds := Sample(now)
	var sprints []model.Sprint
	for _, d := range ds.Sprints {
		sprints = append(sprints, d.Sprint)
	}
	cur, ok := model.CurrentSprint(sprints, now)
	if !ok || cur.ID != ds.Sprints[4].Sprint.ID || cur.State != model.StateReview {
		t.Fatalf("current sprint = %s (%s), want the last one, in review", cur.Name, cur.State)
	}
	if now.Before(cur.Start) || model.Day(now).After(cur.End) {
		t.Errorf("current sprint %v–%v does not contain %v", cur.Start, cur.End, now)
	}
	d := ds.Sprints[4]
	r := model.Analyze(d, ds.Members, model.DefaultSettings())
	if len(r.Objectives) < 5 {
		t.Fatalf("current sprint has %d objectives, want ≥ 5", len(r.Objectives))
	}
	var split, aligned, flags, abstained, noGoal, linked, outliers int
	for _, st := range r.Objectives {
		switch st.Level {
		case model.LevelSplit:
			split++
		case model.LevelAligned:
			aligned++
		}
		if st.Evidence.Flag {
			flags++
		}
		abstained += st.Abstained
		if st.NoGoal {
			noGoal++
		} else {
			linked++
		}
		outliers += len(st.Outliers)
	}
	if split == 0 || aligned == 0 {
		t.Errorf("split, aligned objectives = %d, %d; want at least one of each", split, aligned)
	}
	if flags != 1 || abstained != 1 || noGoal != 1 || linked < 5 || outliers == 0 {
		t.Errorf("evidence flags, abstentions, unlinked, linked, outliers = %d, %d, %d, %d, %d; want 1, 1, 1, ≥ 5, ≥ 1",
			flags, abstained, noGoal, linked, outliers)
	}
	if !slices.Equal(r.NotSubmitted, []string{"lin"}) || r.Submitted != len(ds.Members)-1 {
		t.Errorf("NotSubmitted = %v, Submitted = %d; want [lin], %d", r.NotSubmitted, r.Submitted, len(ds.Members)-1)
	}
	if first := r.Agenda[0]; first.Objective.Title != "Checkout works offline" || first.Objective.Baseline == nil ||
		first.Objective.CarriedFrom != ds.Sprints[3].Objectives[0].ID {
		t.Errorf("agenda starts with %q (baseline %v), want the carried offline objective", first.Objective.Title, first.Objective.Baseline)
	}
	notes, mixed := 0, map[model.StoryStatus]bool{}
	for _, a := range d.Assessments {
		if a.Note != "" {
			notes++
		}
	}
	for _, s := range d.Stories {
		mixed[s.Status] = true
	}
	if notes < 3 || len(mixed) != 3 {
		t.Errorf("notes, story statuses = %d, %v; want several notes and all three statuses", notes, mixed)
	}
}

func TestSample_History(t *testing.T) {
	ds := Sample(now)
	trend := model.Trend(ds.Sprints, ds.Members, model.DefaultSettings())
	if len(trend) != 5 {
		t.Fatalf("trend has %d points, want 5", len(trend))
	}
	for _, p := range trend {
		if !p.HasScore {
			t.Errorf("%s has no score", p.Sprint.Name)
		}
	}
	for i := 1; i < len(trend); i++ {
		if trend[i].Score <= trend[i-1].Score {
			t.Errorf("score went from %.1f to %.1f in %s, want the team to improve every sprint", trend[i-1].Score, trend[i].Score, trend[i].Sprint.Name)
		}
	}
	tendency := make(map[string]string)
	for _, c := range model.Calibrate(ds.Sprints, ds.Members) {
		tendency[c.Handle] = c.Tendency()
		if c.Count != 12 {
			t.Errorf("%s calibrated on %d estimates, want 12", c.Handle, c.Count)
		}
	}
	want := map[string]string{"priya": "calibrated", "jonas": "optimist", "amara": "calibrated", "mateo": "pessimist", "lin": "calibrated", "sofia": "calibrated"}
	if !reflect.DeepEqual(tendency, want) {
		t.Errorf("tendencies = %v, want %v", tendency, want)
	}
}

func TestNewID_Version7(t *testing.T) {
	b := newBuilder(1)
	t1 := time.Date(2025, 6, 12, 9, 0, 0, 0, time.UTC)
	a := NewID(t1, b.rng)
	c := NewID(t1.Add(time.Millisecond), b.rng)
	if a.Version() != 7 || a.Variant() != uuid.RFC4122 {
		t.Errorf("NewID = %v: version %d, variant %v", a, a.Version(), a.Variant())
	}
	if sec, nsec := a.Time().UnixTime(); !time.Unix(sec, nsec).Equal(t1) {
		t.Errorf("NewID time = %v, want %v", time.Unix(sec, nsec).UTC(), t1)
	}
	if a.String() >= c.String() {
		t.Errorf("NewID %v sorts after the later %v", a, c)
	}
	if again := NewID(t1, newBuilder(1).rng); again != a {
		t.Errorf("same seed and time: %v, then %v", a, again)
	}
}
