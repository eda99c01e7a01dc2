package merge

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// mtReplica is one workspace in the convergence property: its records and
// its own clock.
type mtReplica struct {
	d     model.Dataset
	clock time.Time
}

// mtGen edits replicas at random, as the store would: references point at
// live records, one live assessment per member and objective, one live
// outcome per objective, handles unique.
type mtGen struct {
	rng     *rand.Rand
	handles int
}

func (g *mtGen) id() uuid.UUID {
	var id uuid.UUID
	binary.BigEndian.PutUint64(id[:8], g.rng.Uint64())
	binary.BigEndian.PutUint64(id[8:], g.rng.Uint64()|1)
	return id
}

// tick advances the replica's clock by 0–2 s, so that equal timestamps,
// within and across replicas, are common.
func (g *mtGen) tick(r *mtReplica) time.Time {
	r.clock = r.clock.Add(time.Duration(g.rng.IntN(3)) * time.Second)
	return r.clock
}

func (g *mtGen) pick(n int) int { return g.rng.IntN(n) }

func (g *mtGen) word() string { return []string{"alpha", "beta", "gamma"}[g.pick(3)] }

// mtLive is the live records of a replica.
type mtLive struct {
	goals       []model.Goal
	members     []model.Member
	sprints     []model.Sprint
	objectives  []model.Objective
	stories     []model.Story
	assessments []model.Assessment
	outcomes    []model.Outcome
	actions     []model.ActionItem
}

func mtLiveOf(d model.Dataset) mtLive {
	var v mtLive
	_ = model.EachRecord(d, func(rec any, _ uuid.UUID) error {
		switch r := model.CopyRecord(rec).(type) {
		case model.Goal:
			if !r.Deleted {
				v.goals = append(v.goals, r)
			}
		case model.Member:
			if !r.Deleted {
				v.members = append(v.members, r)
			}
		case model.Sprint:
			if !r.Deleted {
				v.sprints = append(v.sprints, r)
			}
		case model.Objective:
			if !r.Deleted {
				v.objectives = append(v.objectives, r)
			}
		case model.Story:
			if !r.Deleted {
				v.stories = append(v.stories, r)
			}
		case model.Assessment:
			if !r.Deleted {
				v.assessments = append(v.assessments, r)
			}
		case model.Outcome:
			if !r.Deleted {
				v.outcomes = append(v.outcomes, r)
			}
		case model.ActionItem:
			if !r.Deleted {
				v.actions = append(v.actions, r)
			}
		}
		return nil
	})
	return v
}

// put writes one record into the replica.
func (r *mtReplica) put(rec any) {
	acc := model.NewBuilder()
	acc.Add(r.d)
	e := newEntry(rec)
	var header model.Sprint
	for _, sd := range r.d.Sprints {
		if sd.Sprint.ID == e.sprint {
			header = sd.Sprint
		}
	}
	if e.kind == model.KindSprint {
		header = rec.(model.Sprint)
	}
	acc.Put(rec, header)
	r.d = acc.Dataset()
}

// step makes one random edit at the replica's current time.
func (g *mtGen) step(r *mtReplica) {
	now := g.tick(r)
	v := mtLiveOf(r.d)
	fresh := func() model.Meta { return model.Meta{ID: g.id(), CreatedAt: now, UpdatedAt: now} }
	switch op := g.pick(14); {
	case op == 0 && len(v.goals) < 2 || len(v.goals) == 0:
		r.put(model.Goal{Meta: fresh(), Title: g.word()})
	case op == 1 && len(v.members) < 3 || len(v.members) == 0:
		g.handles++
		r.put(model.Member{Meta: fresh(), Name: g.word(), Handle: fmt.Sprintf("m%d", g.handles), Active: true})
	case op == 2 && len(v.sprints) < 2 || len(v.sprints) == 0:
		day := model.Day(now.AddDate(0, 0, g.pick(30)))
		r.put(model.Sprint{Meta: fresh(), Name: g.word(), Start: day, End: day.AddDate(0, 0, 13), State: model.SprintStates[g.pick(4)]})
	case op == 3 && len(v.objectives) < 4 || len(v.objectives) == 0:
		o := model.Objective{Meta: fresh(), SprintID: v.sprints[g.pick(len(v.sprints))].ID, Title: g.word()}
		if g.pick(2) == 0 {
			o.GoalID = v.goals[g.pick(len(v.goals))].ID
		}
		r.put(o)
	case op == 4:
		o := v.objectives[g.pick(len(v.objectives))]
		r.put(model.Story{Meta: fresh(), SprintID: o.SprintID, ObjectiveID: o.ID, Title: g.word(), Status: model.StoryStatuses[g.pick(3)]})
	case op == 5 || op == 6 || op == 0 || op == 1:
		o, m := v.objectives[g.pick(len(v.objectives))], v.members[g.pick(len(v.members))]
		a := model.Assessment{Meta: fresh(), SprintID: o.SprintID, ObjectiveID: o.ID, MemberID: m.ID}
		for _, old := range v.assessments {
			if old.ObjectiveID == o.ID && old.MemberID == m.ID {
				a.Meta = old.Meta
				a.Touch(now)
			}
		}
		a.Progress, a.Confidence, a.Note = 10*g.pick(11), 1+g.pick(5), g.word()
		r.put(a)
	case op == 7 || op == 2 || op == 3:
		o := v.objectives[g.pick(len(v.objectives))]
		out := model.Outcome{Meta: fresh(), SprintID: o.SprintID, ObjectiveID: o.ID}
		for _, old := range v.outcomes {
			if old.ObjectiveID == o.ID {
				out.Meta = old.Meta
				out.Touch(now)
			}
		}
		out.Agreed, out.Notes, out.Discussed = intPtrMT(25*g.pick(5)), g.word(), g.pick(2) == 0
		r.put(out)
	case op == 8:
		sp := v.sprints[g.pick(len(v.sprints))]
		a := model.ActionItem{Meta: fresh(), SprintID: sp.ID, Text: g.word()}
		for _, o := range v.objectives {
			if o.SprintID == sp.ID && g.pick(2) == 0 {
				a.ObjectiveID = o.ID
			}
		}
		if g.pick(2) == 0 {
			a.OwnerID = v.members[g.pick(len(v.members))].ID
		}
		r.put(a)
	default:
		g.edit(r, v, now, op == 13)
	}
}

// edit updates or deletes one random live record.
func (g *mtGen) edit(r *mtReplica, v mtLive, now time.Time, del bool) {
	var recs []any
	for _, x := range v.goals {
		recs = append(recs, x)
	}
	for _, x := range v.members {
		recs = append(recs, x)
	}
	for _, x := range v.sprints {
		recs = append(recs, x)
	}
	for _, x := range v.objectives {
		recs = append(recs, x)
	}
	for _, x := range v.stories {
		recs = append(recs, x)
	}
	for _, x := range v.assessments {
		recs = append(recs, x)
	}
	for _, x := range v.outcomes {
		recs = append(recs, x)
	}
	for _, x := range v.actions {
		recs = append(recs, x)
	}
	touch := func(m *model.Meta) {
		m.Touch(now)
		m.Deleted = del
	}
	switch x := recs[g.pick(len(recs))].(type) {
	case model.Goal:
		x.Title, x.Archived = g.word(), g.pick(2) == 0
		touch(&x.Meta)
		r.put(x)
	case model.Member:
		x.Name, x.Active = g.word(), g.pick(2) == 0
		touch(&x.Meta)
		r.put(x)
	case model.Sprint:
		x.Name, x.State = g.word(), model.SprintStates[g.pick(4)]
		touch(&x.Meta)
		r.put(x)
	case model.Objective:
		x.Title, x.Order = g.word(), g.pick(3)
		touch(&x.Meta)
		r.put(x)
	case model.Story:
		x.Status, x.Points = model.StoryStatuses[g.pick(3)], g.pick(4)
		touch(&x.Meta)
		r.put(x)
	case model.Assessment:
		x.Progress, x.Abstain = 50*g.pick(3), g.pick(4) == 0
		touch(&x.Meta)
		r.put(x)
	case model.Outcome:
		x.Notes, x.Revealed = g.word(), true
		touch(&x.Meta)
		r.put(x)
	case model.ActionItem:
		x.Done, x.Text = g.pick(2) == 0, g.word()
		touch(&x.Meta)
		r.put(x)
	}
}

// mtImport merges src into dst as the import command does.
func mtImport(t *testing.T, seed uint64, dst *mtReplica, src model.Dataset) {
	t.Helper()
	res, err := Merge(dst.d, src, mtNow, 0)
	if err != nil {
		t.Fatalf("seed %d: Merge: %v", seed, err)
	}
	dst.d = model.ApplyToDataset(dst.d, res.Write)
	mtCheckInvariants(t, seed, dst.d)
}

// mtCheckInvariants checks the natural keys of a workspace.
func mtCheckInvariants(t *testing.T, seed uint64, d model.Dataset) {
	t.Helper()
	v := mtLiveOf(d)
	handles, keys := map[string]bool{}, map[string]bool{}
	for _, m := range v.members {
		if handles[m.Handle] {
			t.Fatalf("seed %d: handle %q held twice", seed, m.Handle)
		}
		handles[m.Handle] = true
	}
	for _, a := range v.assessments {
		k := "a" + a.ObjectiveID.String() + a.MemberID.String()
		if keys[k] {
			t.Fatalf("seed %d: two live assessments for one member and objective", seed)
		}
		keys[k] = true
	}
	for _, o := range v.outcomes {
		k := "o" + o.ObjectiveID.String()
		if keys[k] {
			t.Fatalf("seed %d: two live outcomes for objective %s", seed, o.ObjectiveID)
		}
		keys[k] = true
	}
}

var mtPermutations = [][3]int{{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}}

// mtHistories builds three replicas with random, partly shared histories.
func mtHistories(t *testing.T, seed uint64) [3]model.Dataset {
	g := &mtGen{rng: rand.New(rand.NewPCG(seed, 0x5eed))}
	var rs [3]*mtReplica
	for i := range rs {
		rs[i] = &mtReplica{clock: mtBase.Add(time.Duration(g.pick(11)-5) * time.Second)}
	}
	for range 15 {
		g.step(rs[0])
	}
	mtImport(t, seed, rs[1], rs[0].d)
	mtImport(t, seed, rs[2], rs[0].d)
	for round := range 3 {
		for _, r := range rs {
			for range 8 + g.pick(8) {
				g.step(r)
			}
		}
		if round < 2 { // a few imports in between, so that edits build on merges
			for range 2 {
				dst, src := g.pick(3), g.pick(3)
				if dst != src {
					mtImport(t, seed, rs[dst], rs[src].d)
				}
			}
		}
	}
	return [3]model.Dataset{rs[0].d, rs[1].d, rs[2].d}
}

func TestMerge_ThreeReplicasConverge(t *testing.T) {
	seeds := uint64(120)
	if testing.Short() {
		seeds = 20
	}
	kinds := map[string]int{}
	for seed := range seeds {
		h := mtHistories(t, seed)
		var final string
		for _, p := range mtPermutations {
			rs := [3]*mtReplica{{d: h[p[0]]}, {d: h[p[1]]}, {d: h[p[2]]}}
			// a → b → c → a → b: every replica ends up having seen everything.
			mtImport(t, seed, rs[1], rs[0].d)
			mtImport(t, seed, rs[2], rs[1].d)
			mtImport(t, seed, rs[0], rs[2].d)
			mtImport(t, seed, rs[1], rs[0].d)
			c0, c1, c2 := mtCanon(rs[0].d), mtCanon(rs[1].d), mtCanon(rs[2].d)
			if c0 != c1 || c1 != c2 {
				t.Fatalf("seed %d order %v: replicas differ after exchanging everything", seed, p)
			}
			if final == "" {
				final = c0
			} else if c0 != final {
				t.Fatalf("seed %d order %v: converged to a different workspace than order %v", seed, p, mtPermutations[0])
			}
			for i := range rs {
				res, err := Merge(rs[i].d, rs[(i+1)%3].d, mtNow, 0)
				if err != nil || !res.Empty() || res.Counts[model.ChangeUnchanged] != len(res.Changes) {
					t.Fatalf("seed %d: converged replicas still differ: %v %+v", seed, err, res.Counts)
				}
			}
		}
		// Random gossip before the full round reaches the same workspace.
		g := rand.New(rand.NewPCG(seed, 7))
		rs := [3]*mtReplica{{d: h[0]}, {d: h[1]}, {d: h[2]}}
		for range 6 {
			dst, src := g.IntN(3), g.IntN(3)
			if dst != src {
				mtImport(t, seed, rs[dst], rs[src].d)
			}
		}
		for _, step := range [][2]int{{1, 0}, {2, 1}, {0, 2}, {1, 0}} {
			mtImport(t, seed, rs[step[0]], rs[step[1]].d)
		}
		if mtCanon(rs[0].d) != final {
			t.Fatalf("seed %d: gossip converged to a different workspace", seed)
		}
		for _, pair := range [][2]int{{0, 1}, {1, 2}, {2, 0}} {
			res, _ := Merge(h[pair[0]], h[pair[1]], mtNow, 0)
			for _, c := range res.Changes {
				if c.Kind == model.ChangeConflict {
					kinds[strings.SplitN(c.Note, " ", 2)[0]]++
				}
			}
		}
	}
	// The histories must exercise every kind of conflict, or the property
	// proves little: ties ("both sides changed it…"), edits against
	// deletions ("edited on one side…") and duplicate keys ("same member…").
	for _, k := range []string{"both", "edited", "same"} {
		if kinds[k] == 0 {
			t.Errorf("no %q conflicts in the histories (%v); the generator needs more overlap", k, kinds)
		}
	}
	t.Logf("%d seeds; conflicts between pairs of histories by note: %v", seeds, kinds)
}
