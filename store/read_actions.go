package store

import (
	"slices"

	"github.com/align-team/align/model"
	bolt "go.etcd.io/bbolt"
)

// OpenActionsBefore returns the live action items not yet done of every
// live sprint before sp, as model.OpenActionsBefore orders them. It reads
// only the sprints' headers and action items, in one read transaction, so
// that a review can bring back every open item of the whole history without
// loading the history's estimates and stories.
func (s *Store) OpenActionsBefore(sp model.Sprint) ([]model.OpenAction, error) {
	var history []model.SprintData
	err := s.view(func(tx *bolt.Tx) error {
		headers, err := sprintKind.all(tx.Bucket(bucketSprints), false)
		if err != nil {
			return err
		}
		for _, h := range headers {
			d := model.SprintData{Sprint: h}
			if sb := sprintBucket(tx, h.ID); sb != nil {
				if d.Actions, err = actionKind.all(sb.Bucket([]byte(subActions)), false); err != nil {
					return err
				}
			}
			slices.SortFunc(d.Actions, func(a, b model.ActionItem) int { return byCreated(a.Meta, b.Meta) })
			history = append(history, d)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return model.OpenActionsBefore(history, sp), nil
}
