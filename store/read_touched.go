package store

import (
	"github.com/align-team/align/model"
	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// DatasetOf returns every goal and member and the sprints of ids that the
// workspace holds, tombstones included, in one read transaction: what an
// import merges against when it knows which sprints its bundles touch
// (see Locate). IDs of sprints the workspace does not have are left out;
// sprints come in start-date order, as in Dataset.
func (s *Store) DatasetOf(ids []uuid.UUID) (model.Dataset, error) {
	var d model.Dataset
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		if d.Goals, err = goalKind.all(tx.Bucket(bucketGoals), true); err != nil {
			return err
		}
		if d.Members, err = memberKind.all(tx.Bucket(bucketMembers), true); err != nil {
			return err
		}
		var headers []model.Sprint
		seen := map[uuid.UUID]bool{}
		for _, id := range ids {
			h, ok, err := sprintKind.get(tx.Bucket(bucketSprints), id)
			if err != nil {
				return err
			}
			if ok && !seen[id] {
				seen[id] = true
				headers = append(headers, h)
			}
		}
		sortSprints(headers)
		for _, h := range headers {
			sd, err := loadSprint(tx, h.ID, true)
			if err != nil {
				return err
			}
			d.Sprints = append(d.Sprints, sd)
		}
		return nil
	})
	sortGoals(d.Goals)
	sortMembers(d.Members)
	return d, err
}
