package cli

import (
	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	"github.com/google/uuid"
)

// touchedDataset loads what merging files reads, and nothing more: every
// goal and member, the sprints the bundles list, and the sprints that hold
// any record the bundles carry or any objective they refer to, found
// through the store's ID index (store.Locate). A record that arrives for
// another sprint, or as another kind, so meets its local copy as it would
// in the whole history, and is refused with the same words; the sprints no
// bundle touches are never read.
func touchedDataset(st *store.Store, files []bundleFile) (model.Dataset, error) {
	var sprints, ids []uuid.UUID
	for _, f := range files {
		for _, sd := range f.data.Sprints {
			sprints = append(sprints, sd.Sprint.ID)
		}
		_ = model.EachRecord(f.data, func(rec any, _ uuid.UUID) error {
			ids = append(ids, model.MetaOf(rec).ID)
			if o := objectiveRef(rec); o != uuid.Nil {
				ids = append(ids, o)
			}
			return nil
		})
	}
	locs, err := st.Locate(ids)
	if err != nil {
		return model.Dataset{}, err
	}
	for _, l := range locs {
		if l.Kind.InSprint() {
			sprints = append(sprints, l.Sprint)
		}
	}
	return st.DatasetOf(sprints)
}

// objectiveRef returns the objective a sprint record refers to; uuid.Nil
// for records that refer to none.
func objectiveRef(rec any) uuid.UUID {
	switch r := rec.(type) {
	case model.Story:
		return r.ObjectiveID
	case model.Assessment:
		return r.ObjectiveID
	case model.Outcome:
		return r.ObjectiveID
	case model.ActionItem:
		return r.ObjectiveID
	}
	return uuid.Nil
}
