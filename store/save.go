package store

import (
	"time"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// Every Save method is one write transaction. It either deletes (when the
// record has Deleted set: the stored record becomes a tombstone, together
// with its dependents) or normalises, validates, checks references and the
// sprint's state, stamps the record (a new UUIDv7 and CreatedAt when the ID
// is nil; UpdatedAt strictly after the stored value) and writes it. It
// returns the record as stored. A record with an ID must exist and not be
// deleted (ErrNotFound).

// requireLive returns stored record id of b, or ErrNotFound.
func requireLive[T any](k kind[T], b *bolt.Bucket, id uuid.UUID) (T, error) {
	v, ok, err := k.getLive(b, id)
	if err == nil && !ok {
		err = notFound(k.name, id)
	}
	return v, err
}

// stampTop stamps a top-level record: new, or an update of a live one.
func stampTop[T any](k kind[T], b *bolt.Bucket, m *model.Meta, now time.Time) error {
	if m.ID == uuid.Nil {
		stampNew(m, now)
		return nil
	}
	old, err := requireLive(k, b, m.ID)
	if err != nil {
		return err
	}
	stampUpdate(m, *k.meta(&old), now)
	return nil
}

// tombstoneWhere tombstones every live record of b that match selects.
func tombstoneWhere[T any](k kind[T], b *bolt.Bucket, now time.Time, match func(T) bool) error {
	live, err := k.all(b, false)
	if err != nil {
		return err
	}
	for _, v := range live {
		if match(v) {
			if _, err := tombstone(k, b, v, now); err != nil {
				return err
			}
		}
	}
	return nil
}

// SaveGoal normalises, validates and writes g in one transaction.
func (s *Store) SaveGoal(g model.Goal) (model.Goal, error) {
	in := g
	err := s.update(func(tx *bolt.Tx) error {
		now, b := s.clock(), tx.Bucket(bucketGoals)
		if g.Deleted {
			old, err := requireLive(goalKind, b, g.ID)
			if err == nil {
				err = goalUnlinked(tx, old)
			}
			if err == nil {
				g, err = tombstone(goalKind, b, old, now)
			}
			return err
		}
		g.Normalize()
		if err := g.Validate(); err != nil {
			return err
		}
		if err := stampTop(goalKind, b, &g.Meta, now); err != nil {
			return err
		}
		return goalKind.put(b, g)
	})
	if err != nil {
		return in, err
	}
	return g, nil
}

// SaveMember normalises, validates (unique handle among live members) and
// writes m. Deleting a member also deletes their assessments in sprints that
// are not closed (closed sprints keep their history) and forgets them as the
// workspace's last member.
func (s *Store) SaveMember(m model.Member) (model.Member, error) {
	in := m
	m.Keys = copyStrings(m.Keys) // Normalize works in place: keep the caller's slice intact
	err := s.update(func(tx *bolt.Tx) error {
		now, b := s.clock(), tx.Bucket(bucketMembers)
		if m.Deleted {
			old, err := requireLive(memberKind, b, m.ID)
			if err != nil {
				return err
			}
			if m, err = tombstone(memberKind, b, old, now); err != nil {
				return err
			}
			return s.forgetMember(tx, m.ID, now)
		}
		m.Normalize()
		if err := m.Validate(); err != nil {
			return err
		}
		if err := uniqueHandle(b, m); err != nil {
			return err
		}
		if err := stampTop(memberKind, b, &m.Meta, now); err != nil {
			return err
		}
		return memberKind.put(b, m)
	})
	if err != nil {
		return in, err
	}
	return m, nil
}

// uniqueHandle refuses m's handle if another live member has it.
func uniqueHandle(b *bolt.Bucket, m model.Member) error {
	live, err := memberKind.all(b, false)
	if err != nil {
		return err
	}
	for _, o := range live {
		if o.Handle == m.Handle && o.ID != m.ID {
			return newErr(ErrDuplicate, nil, "member handle: %q is already taken by %s; choose another handle", m.Handle, o.Name)
		}
	}
	return nil
}

// forgetMember tombstones a deleted member's assessments in open sprints and
// clears them as the last member.
func (s *Store) forgetMember(tx *bolt.Tx, id uuid.UUID, now time.Time) error {
	sprints, err := sprintKind.all(tx.Bucket(bucketSprints), false)
	if err != nil {
		return err
	}
	for _, sp := range sprints {
		if sp.State == model.StateClosed {
			continue
		}
		b := sprintSub(tx, sp.ID, subAssessments)
		if b == nil {
			continue
		}
		if err := tombstoneWhere(assessmentKind, b, now, func(a model.Assessment) bool { return a.MemberID == id }); err != nil {
			return err
		}
	}
	ws, err := getWorkspace(tx)
	if err != nil || ws.LastMember != id {
		return err
	}
	ws.LastMember = uuid.Nil
	return putWorkspace(tx, ws)
}

// SaveSprint normalises, validates and writes sp. A new sprint with no state
// starts in planning. A closed sprint is read-only (ErrSprintClosed): it can
// be neither edited nor deleted. Deleting a sprint tombstones every record in
// it.
func (s *Store) SaveSprint(sp model.Sprint) (model.Sprint, error) {
	in := sp
	err := s.update(func(tx *bolt.Tx) error {
		now, b := s.clock(), tx.Bucket(bucketSprints)
		if sp.ID != uuid.Nil {
			old, err := requireLive(sprintKind, b, sp.ID)
			if err != nil {
				return err
			}
			if old.State == model.StateClosed {
				return closedErr(old)
			}
		}
		if sp.Deleted {
			var err error
			sp, err = deleteSprint(tx, sp.ID, now)
			return err
		}
		if sp.ID == uuid.Nil && sp.State == "" {
			sp.State = model.StatePlanning
		}
		sp.Normalize()
		if err := sp.Validate(); err != nil {
			return err
		}
		if err := stampTop(sprintKind, b, &sp.Meta, now); err != nil {
			return err
		}
		if _, err := createSprintBucket(tx, sp.ID); err != nil {
			return err
		}
		return sprintKind.put(b, sp)
	})
	if err != nil {
		return in, err
	}
	return sp, nil
}

// deleteSprint tombstones sprint id's header and every live record in it
// (model.CascadeSprint).
func deleteSprint(tx *bolt.Tx, id uuid.UUID, now time.Time) (model.Sprint, error) {
	b := tx.Bucket(bucketSprints)
	old, err := requireLive(sprintKind, b, id)
	if err != nil {
		return old, err
	}
	sp, err := tombstone(sprintKind, b, old, now)
	if err != nil {
		return sp, err
	}
	sb, err := createSprintBucket(tx, id)
	if err != nil {
		return sp, err
	}
	sd, err := loadSprint(tx, id, true)
	if err != nil {
		return sp, err
	}
	return sp, tombstoneCascade(sb, sd, now)
}

// closedErr reports a write to a closed sprint.
func closedErr(sp model.Sprint) error {
	return newErr(ErrSprintClosed, nil, "sprint %q is closed and read-only", sp.Name)
}

// checkState refuses a change to what in sprint sp unless allowed(sp.State);
// allowedText names the states that allow it.
func checkState(sp model.Sprint, what string, allowed func(model.SprintState) bool, allowedText string) error {
	if sp.State == model.StateClosed {
		return closedErr(sp)
	}
	if !allowed(sp.State) {
		return newErr(ErrState, nil, "%s can change only while a sprint is %s; sprint %q is in %s", what, allowedText, sp.Name, sp.State)
	}
	return nil
}

// liveSprint returns the live header of sprint id, or ErrReference in the
// words of record.
func liveSprint(tx *bolt.Tx, id uuid.UUID, record string) (model.Sprint, error) {
	if id == uuid.Nil {
		return model.Sprint{}, newErr(ErrReference, nil, "%s sprint: none given; every %s belongs to a sprint", record, record)
	}
	sp, ok, err := sprintKind.getLive(tx.Bucket(bucketSprints), id)
	if err == nil && !ok {
		err = refErr(record, "sprint", "sprint", id, "")
	}
	return sp, err
}

// writeSub returns sub-bucket sub of sprint id for writing, recreating the
// sprint's buckets if they went missing.
func writeSub(tx *bolt.Tx, id uuid.UUID, sub string) (*bolt.Bucket, error) {
	sb, err := createSprintBucket(tx, id)
	if err != nil {
		return nil, err
	}
	return sb.Bucket([]byte(sub)), nil
}

// goalUnlinked refuses to delete a goal that live objectives link to, in any
// sprint: deleting it would silently rewrite closed sprints' traceability.
// Archiving keeps the link and takes the goal out of the pickers.
func goalUnlinked(tx *bolt.Tx, g model.Goal) error {
	n, first := 0, ""
	for _, sid := range sprintIDs(tx) {
		b := sprintSub(tx, sid, subObjectives)
		if b == nil {
			continue
		}
		objs, err := objectiveKind.all(b, false)
		if err != nil {
			return err
		}
		for _, o := range objs {
			if o.GoalID == g.ID {
				if n == 0 {
					first = o.Title
				}
				n++
			}
		}
	}
	if n == 0 {
		return nil
	}
	return newErr(ErrReference, nil, "goal %q is linked by %d objective(s), such as %q; archive it instead, or unlink them first", g.Title, n, first)
}
