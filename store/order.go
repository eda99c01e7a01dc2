package store

// Writing a new order of objectives and stories in one transaction.

import (
	"fmt"

	"github.com/align-team/align/model"
	bolt "go.etcd.io/bbolt"
)

// SaveOrder writes objectives and stories whose Order changed (as
// model.MoveObjective and model.MoveStory decide) in one transaction: each
// is saved as SaveObjective and SaveStory save it, and any error leaves
// every record as it was, so a crash or a refusal midway never leaves half
// an order. It reorders live records only: a deleted one is refused.
func (s *Store) SaveOrder(objectives []model.Objective, stories []model.Story) error {
	for _, o := range objectives {
		if o.Deleted {
			return fmt.Errorf("reordering writes live objectives only; objective %q is deleted", o.Title)
		}
	}
	for _, st := range stories {
		if st.Deleted {
			return fmt.Errorf("reordering writes live stories only; story %q is deleted", st.Title)
		}
	}
	return s.update(func(tx *bolt.Tx) error {
		now := s.clock()
		for _, o := range objectives {
			if err := saveObjective(tx, &o, now); err != nil {
				return fmt.Errorf("objective %q: %w", o.Title, err)
			}
			if err := failAt("order.put"); err != nil {
				return err
			}
		}
		for _, st := range stories {
			if err := saveStory(tx, &st, now); err != nil {
				return fmt.Errorf("story %q: %w", st.Title, err)
			}
			if err := failAt("order.put"); err != nil {
				return err
			}
		}
		return nil
	})
}
