package merge

// One bundle's import, in the order the rules apply: merge, authority and
// seal, closed sprints, cascaded deletions.

import (
	"time"

	"github.com/align-team/align/model"
)

// Step is what importing one bundle into a workspace does.
type Step struct {
	// Refusals lists the changes the bundle's author may not make
	// (model.CheckAuthority) or that would change sealed estimates
	// (model.CheckSeal); when there are any, the bundle is not applied and
	// the other fields are empty.
	Refusals []model.Refusal
	// Write holds the records to write: the merge's Write without the
	// sprints closed in the workspace, plus the tombstones its deletions
	// cascade to.
	Write model.Dataset
	// Merged is the workspace after Write.
	Merged model.Dataset
	// Changes lists what the import does to each record (Result.Changes,
	// with skipped and cascaded changes folded in); Counts counts them by
	// kind.
	Changes []model.Change
	Counts  map[model.ChangeKind]int
}

// Import merges the bundle records incoming into state (see Merge, whose
// now and maxSkew it takes) and applies the import rules to the result:
//  1. the author must be allowed every change (model.CheckAuthority), and
//     no change may touch sealed estimates (model.CheckSeal); otherwise
//     the bundle is refused whole;
//  2. sprints closed in state are read-only: the bundle's records of
//     them are dropped and reported as skipped (model.WithoutClosedSprints);
//  3. what hangs off a sprint or objective the bundle deletes is deleted
//     with it (model.CascadeDeletions).
//
// It is pure, like Merge. An error means the bundle cannot be merged at
// all (a *RecordError).
func Import(state, incoming model.Dataset, author model.Author, now time.Time, maxSkew time.Duration) (Step, error) {
	res, err := Merge(state, incoming, now, maxSkew)
	if err != nil {
		return Step{}, err
	}
	if rs := append(model.CheckAuthority(state, res.Write, author), model.CheckSeal(state, res.Write)...); len(rs) > 0 {
		return Step{Refusals: rs}, nil
	}
	write, dropped := model.WithoutClosedSprints(state, res.Write)
	changes := model.MarkSkipped(res.Changes, dropped)
	merged := model.ApplyToDataset(state, write)
	extra, cascaded := model.CascadeDeletions(merged)
	if len(cascaded) > 0 {
		write = model.ApplyToDataset(write, extra)
		merged = model.ApplyToDataset(merged, extra)
	}
	st := Step{Write: write, Merged: merged, Changes: model.WithCascaded(changes, cascaded), Counts: map[model.ChangeKind]int{}}
	for _, c := range st.Changes {
		st.Counts[c.Kind]++
	}
	return st, nil
}
