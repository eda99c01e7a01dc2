package store

import (
	"bytes"
	"slices"
	"time"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// History is the whole workspace as one read transaction sees it, handed
// out a sprint at a time so that a reader of every sprint (a full bundle)
// holds one sprint's records in memory, not the history's. It is valid only
// inside the function given to Store.ReadHistory.
type History struct {
	// Goals and Members are every goal and member, sorted as Dataset
	// sorts them.
	Goals   []model.Goal
	Members []model.Member
	// Sprints is every sprint header, sorted by ID (UUIDv7: creation
	// order), the order of a bundle.
	Sprints []model.Sprint

	tx      *bolt.Tx
	deleted bool
	s       *Store
}

// Sprint loads the records of sprint id, sorted as Dataset sorts them.
// After it returns, the file's pages it read are no longer kept resident
// in this process (the decoded records are the caller's copy), so that
// reading every sprint in turn keeps the process's memory flat.
func (h *History) Sprint(id uuid.UUID) (model.SprintData, error) {
	sd, err := loadSprint(h.tx, id, h.deleted)
	h.s.releaseMapped(h.tx)
	return sd, err
}

// ReadHistory runs fn with the History of one read transaction: the goals,
// members and sprint headers selected by opt (tombstones only with
// opt.IncludeDeleted; opt.Sprint must be uuid.Nil: every sprint), and the
// means to load each sprint's records. Nothing fn reads can change while
// it runs.
func (s *Store) ReadHistory(opt DatasetOptions, fn func(h *History) error) error {
	return s.view(func(tx *bolt.Tx) error {
		h := &History{tx: tx, deleted: opt.IncludeDeleted, s: s}
		var err error
		if h.Goals, err = goalKind.all(tx.Bucket(bucketGoals), opt.IncludeDeleted); err != nil {
			return err
		}
		if h.Members, err = memberKind.all(tx.Bucket(bucketMembers), opt.IncludeDeleted); err != nil {
			return err
		}
		if h.Sprints, err = sprintKind.all(tx.Bucket(bucketSprints), opt.IncludeDeleted); err != nil {
			return err
		}
		sortGoals(h.Goals)
		sortMembers(h.Members)
		slices.SortStableFunc(h.Sprints, func(a, b model.Sprint) int { return bytes.Compare(a.ID[:], b.ID[:]) })
		s.releaseMapped(tx)
		return fn(h)
	})
}

// releaseMapped tells the kernel that this process no longer needs the
// file's pages resident in its mapping of the file. bbolt maps the file
// shared and read-only, so the pages stay in the page cache and a later
// read of them faults them back in with the same bytes; only this
// process's resident set shrinks. Readers of the whole history call it as
// they go, so that their peak RSS does not grow with the file.
func (s *Store) releaseMapped(tx *bolt.Tx) {
	s.releaser(tx)()
}

// releaser returns releaseMapped for tx as a function that reads nothing
// of tx or the database, so that it may run beside a goroutine of bbolt's
// that reads them.
func (s *Store) releaser(tx *bolt.Tx) func() {
	addr, n := s.db.Info().Data, tx.Size()
	return func() { dropResident(addr, n) }
}

// releaseEvery is how often releaseWhile lets go of the mapped pages: a
// walk through the page cache reads a few MiB in that time. The pace is
// the clock's, not the walk's: on a loaded machine the releasing goroutine
// may wait for a CPU while the walk reads on, and such a run peaks higher.
const releaseEvery = time.Millisecond

// releaseWhile calls release every releaseEvery until the returned stop is
// called, for walks that run in code of bbolt's (tx.Check) where there is
// no place to call it between pages.
func releaseWhile(release func()) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(releaseEvery)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				release()
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		release()
	}
}
