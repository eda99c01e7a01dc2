package model_test

// The seal's property, through real merges: it needs package merge, which
// imports model, so it is an external test (fixtures in export_test.go).

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/align-team/align/model"
	"github.com/align-team/align/model/merge"
)

// TestCheckSeal_RoundOneNeverChangesAfterReveal is the seal's property:
// versions of estimates and of the outcome (some revealed, some not) arrive
// at a replica one bundle at a time in a random order, and the replica
// imports each that CheckSeal lets through, as align import does. Whatever
// the order, once the replica holds a sealed outcome its first-round
// estimates never change again.
func TestCheckSeal_RoundOneNeverChangesAfterReveal(t *testing.T) {
	for seed := uint64(1); seed <= 200; seed++ {
		rng := rand.New(rand.NewPCG(seed, 15))
		fay, obj, outcome, base := model.SealedFixtureForTest(false)
		var bundles []model.Dataset
		one := func(a []model.Assessment, o []model.Outcome) {
			bundles = append(bundles, model.Dataset{Sprints: []model.SprintData{{Sprint: base.Sprints[0].Sprint, Assessments: a, Outcomes: o}}})
		}
		ests := base.Sprints[0].Assessments
		for i := 0; i < 12; i++ {
			a := ests[rng.IntN(len(ests))]
			a.Meta.Touch(model.FxNow.Add(time.Duration(1+rng.IntN(600)) * time.Second))
			a.Progress, a.Deleted = rng.IntN(101), rng.IntN(6) == 0
			one([]model.Assessment{a}, nil)
		}
		if rng.IntN(2) == 0 { // a late estimate by fay
			one([]model.Assessment{model.FxEst(fay, obj, rng.IntN(101), 3)}, nil)
		}
		for i := 0; i < 3; i++ {
			o := outcome
			o.Meta.Touch(model.FxNow.Add(time.Duration(1+rng.IntN(600)) * time.Second))
			o.Revealed = rng.IntN(2) == 0
			o.Sealed, o.Deleted = o.Revealed, !o.Revealed && rng.IntN(4) == 0
			one(nil, []model.Outcome{o})
		}
		rng.Shuffle(len(bundles), func(i, j int) { bundles[i], bundles[j] = bundles[j], bundles[i] })
		local, sealedAt := base, ""
		for i, b := range bundles {
			res, err := merge.Merge(local, b, model.FxNow.Add(time.Hour), 0)
			if err != nil {
				t.Fatalf("seed %d bundle %d: Merge: %v", seed, i, err)
			}
			if len(model.CheckSeal(local, res.Write)) > 0 {
				continue
			}
			local = model.ApplyToDataset(local, res.Write)
			round1 := model.Encode(local.Sprints[0].Assessments)
			switch {
			case sealedAt == "" && len(model.SealedObjectives(local)) > 0:
				sealedAt = round1
			case sealedAt != "" && round1 != sealedAt:
				t.Fatalf("seed %d bundle %d: round 1 changed after the reveal", seed, i)
			case sealedAt != "" && len(model.SealedObjectives(local)) == 0:
				t.Fatalf("seed %d bundle %d: the seal was lifted", seed, i)
			}
		}
	}
}
