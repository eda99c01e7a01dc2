package store

import (
	"github.com/align-team/align/model"
	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// checkRoundOpen refuses to change an estimate of objective objID in
// sprint sid once model.CheckEstimateChange says its round is closed to it.
// A deleted or missing objective passes: the caller reports it.
func checkRoundOpen(tx *bolt.Tx, sid, objID uuid.UUID, round2 bool) error {
	obj, _, ok, err := objectiveKind.locate(tx, objID, sid)
	if err != nil || !ok {
		return err
	}
	outs, err := outcomeKind.all(sprintSub(tx, obj.SprintID, subOutcomes), false)
	if err != nil {
		return err
	}
	return model.CheckEstimateChange(outs, obj, round2)
}

// checkWithdrawOpen is checkRoundOpen for the withdrawal of assessment id.
func checkWithdrawOpen(tx *bolt.Tx, id, hint uuid.UUID) error {
	a, sid, ok, err := assessmentKind.locateLive(tx, id, hint)
	if err != nil || !ok {
		return err // deleteIn reports a missing one
	}
	return checkRoundOpen(tx, sid, a.ObjectiveID, a.Round2)
}

// checkOutcomeSeal refuses to delete outcome id while it seals its
// objective's first round: the seal would be lost with it.
func checkOutcomeSeal(tx *bolt.Tx, id, hint uuid.UUID) error {
	o, _, ok, err := outcomeKind.locateLive(tx, id, hint)
	if err != nil || !ok || !model.Round1Sealed(o) {
		return err
	}
	return newErr(ErrState, nil, "the outcome seals round 1 of its objective since the reveal, so it cannot be deleted")
}
