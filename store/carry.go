package store

// Carrying unfinished objectives on into a later sprint, in one
// transaction.

import (
	"github.com/align-team/align/model"
	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// CarryOver carries the chosen unfinished objectives of sprint fromID
// (pick; nil for every unfinished one) into target, as model.CarryOver
// decides, reading both sprints and writing the result in one transaction:
// nothing can change between the decision and the write, and a failure
// writes nothing. target is an existing sprint (only its ID is used) or,
// with isNew, a sprint to create, planning, with target's name and dates.
// check, when not nil, sees the records before they are written (write)
// with the workspace they go into (local: the members and the target
// sprint as read in the transaction) and may refuse them with an error
// (the command line checks the acting member's authority); it must not use
// the store. It returns the records written.
func (s *Store) CarryOver(fromID uuid.UUID, target model.Sprint, isNew bool, pick []uuid.UUID, check func(local, write model.Dataset) error) (model.SprintData, error) {
	var out model.SprintData
	err := s.update(func(tx *bolt.Tx) error {
		now := s.clock()
		from, err := loadSprint(tx, fromID, false)
		if err != nil {
			return err
		}
		td := model.SprintData{Sprint: target}
		if isNew {
			td.Sprint.Meta, td.Sprint.State = model.NewMeta(now), model.StatePlanning
		} else if td, err = loadSprint(tx, target.ID, false); err != nil {
			return err
		}
		if out, err = model.CarryOver(from, td, pick, now); err != nil {
			return err
		}
		if check != nil {
			members, err := memberKind.all(tx.Bucket(bucketMembers), false)
			if err != nil {
				return err
			}
			sortMembers(members)
			local := model.Dataset{Members: members, Sprints: []model.SprintData{td}}
			if err := check(local, model.Dataset{Sprints: []model.SprintData{out}}); err != nil {
				return err
			}
		}
		d := copyDataset(model.Dataset{Sprints: []model.SprintData{out}})
		if err := prepareDataset(&d); err != nil {
			return err
		}
		if err := checkLocations(tx, d); err != nil {
			return err
		}
		if err := checkMerged(tx, d); err != nil {
			return err
		}
		return writeDataset(tx, d)
	})
	if err != nil {
		return model.SprintData{}, err
	}
	return out, nil
}
