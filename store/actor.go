package store

// A store that writes for one member: every record a write transaction
// puts is checked against model.CheckWrite inside that transaction, with
// the member as stored at that moment, so a session whose member was
// removed or demoted a moment ago can no longer save.

import (
	"errors"
	"reflect"
	"strings"
	"sync"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// ErrForbidden means the acting member may not make the change (see As):
// they were removed from the team, or their role does not allow it.
var ErrForbidden = errors.New("not allowed for this member")

// txActors maps each open write transaction of an acting store to its
// member, so that kind.put and putWorkspace, which see only the bucket or
// the transaction, can check the write.
var txActors sync.Map // *bolt.Tx → uuid.UUID

// As returns a store on the same open file whose every write is made as
// member id and refused (ErrForbidden, nothing written) when the rules of
// model.CheckWrite do not allow it to the member as stored when the write
// runs. Reads are unchanged. align serve gives each session one; Close on
// it does nothing (close the store As was called on).
func (s *Store) As(id uuid.UUID) *Store {
	return &Store{db: s.db, path: s.path, now: s.now, ro: s.ro, gate: s.gate, actor: id, child: true}
}

// Actor returns the member As made this store write for, or uuid.Nil.
func (s *Store) Actor() uuid.UUID { return s.actor }

// withActor wraps fn so that the writes it makes are checked as s.actor's.
func (s *Store) withActor(fn func(*bolt.Tx) error) func(*bolt.Tx) error {
	if s.actor == uuid.Nil {
		return fn
	}
	return func(tx *bolt.Tx) error {
		txActors.Store(tx, s.actor)
		defer txActors.Delete(tx)
		// Refuse a removed member before anything else can fail in
		// words about records rather than about them.
		me, _, found, err := actingMember(tx)
		if err != nil {
			return err
		}
		if err := forbidden(model.CheckStanding(me, found)); err != nil {
			return err
		}
		return fn(tx)
	}
}

// actingMember returns the member writing in tx, if tx is an acting
// store's: found reports whether their record exists.
func actingMember(tx *bolt.Tx) (me model.Member, acting, found bool, err error) {
	v, ok := txActors.Load(tx)
	if !ok {
		return me, false, false, nil
	}
	id := v.(uuid.UUID)
	me, found, err = memberKind.get(tx.Bucket(bucketMembers), id)
	if !found {
		me.ID = id
	}
	return me, true, found, err
}

// checkPut refuses v, about to be written to b, when an acting member may
// not write it.
func checkPut[T any](k kind[T], b *bolt.Bucket, v T) error {
	me, acting, found, err := actingMember(b.Tx())
	if !acting || err != nil {
		return err
	}
	var old any
	if o, ok, err := k.get(b, k.meta(&v).ID); err != nil {
		return err
	} else if ok {
		old = o
	}
	names, err := writeNames(b.Tx(), v)
	if err != nil {
		return err
	}
	return forbidden(model.CheckWrite(me, found, old, v, names))
}

// checkWorkspacePut refuses ws when an acting member may not write it: a
// change of the team's name or settings needs a facilitator.
func checkWorkspacePut(tx *bolt.Tx, ws Workspace) error {
	me, acting, found, err := actingMember(tx)
	if !acting || err != nil {
		return err
	}
	old, err := getWorkspace(tx)
	if err != nil {
		return err
	}
	if old.Team == ws.Team && reflect.DeepEqual(old.Settings, ws.Settings) {
		return forbidden(model.CheckStanding(me, found))
	}
	return forbidden(model.CheckSettingsWrite(me, found))
}

// forbidden turns refusals into one ErrForbidden sentence, nil for none.
func forbidden(rs []model.Refusal) error {
	if len(rs) == 0 {
		return nil
	}
	msgs := make([]string, len(rs))
	for i, r := range rs {
		msgs[i] = r.Msg
	}
	return newErr(ErrForbidden, nil, "%s; nothing was saved", strings.Join(msgs, "; "))
}

// writeNames returns the members, and the objective v belongs to, for
// the messages of a refused write of v.
func writeNames(tx *bolt.Tx, v any) (model.Dataset, error) {
	var d model.Dataset
	var err error
	if d.Members, err = memberKind.all(tx.Bucket(bucketMembers), true); err != nil {
		return d, err
	}
	var obj uuid.UUID
	switch r := v.(type) {
	case model.Assessment:
		obj = r.ObjectiveID
	case model.Outcome:
		obj = r.ObjectiveID
	}
	if obj == uuid.Nil {
		return d, nil
	}
	o, _, ok, err := objectiveKind.locate(tx, obj, uuid.Nil)
	if ok {
		d.Sprints = []model.SprintData{{Objectives: []model.Objective{o}}}
	}
	return d, err
}
