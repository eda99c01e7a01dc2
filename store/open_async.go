package store

// The writing open that verifies in the background (Options.
// VerifyInBackground): filesafe.GuardPrefix checks what bbolt and the open
// read before bbolt maps the file and walks the rest in a goroutine; every
// transaction waits for its verdict (or, for the first screen's reads, for
// the part it reads: viewEarly, viewSprint).

import (
	"cmp"
	"runtime/debug"

	"github.com/align-team/align/store/internal/filesafe"
	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// waitVerified waits for the store's background walk, if any, and returns
// its verdict.
func (s *Store) waitVerified() error {
	if s.gate == nil {
		return nil
	}
	return s.gate.Verdict()
}

// Verified waits for the page walk a VerifyInBackground open started and
// returns its verdict: nil when the file passed (or was walked before Open
// returned), else the ErrDamaged (or other) error Open would have returned.
// Every transaction waits for the same verdict; Verified lets a caller that
// draws a screen meanwhile learn it and say so.
func (s *Store) Verified() error { return s.waitVerified() }

// openVerifyingInBackground is Open's writing path with the walk off the
// opener's path (Options.VerifyInBackground) for an existing, non-empty
// file. It returns ok false when the file changed between the prefix check
// and bbolt's lock: the caller then opens it the ordinary way.
func openVerifyingInBackground(path string, opt Options) (s *Store, ok bool, err error) {
	gate, txid, err := filesafe.GuardPrefix(path, opt.Timeout, filesafe.Buckets{Prefix: bucketMeta, Staged: bucketSprintData})
	if err != nil || gate == nil {
		return nil, err != nil, err
	}
	if _, err := peekVersion(path, opt.Timeout); err != nil {
		return nil, true, cmp.Or(gate.Await(), err)
	}
	db, err := openBolt(path, opt.Timeout, false)
	if err != nil {
		return nil, true, cmp.Or(gate.Await(), err)
	}
	s = &Store{db: db, path: path, now: opt.Now, gate: gate}
	if currentTxid(s) != txid {
		_ = gate.Await()
		_ = db.Close()
		return nil, false, nil
	}
	if err := s.prepare(); err != nil {
		_ = s.Close()
		return nil, true, cmp.Or(gate.Await(), err)
	}
	s.autoBackupAtOpen(opt, true)
	return s, true, nil
}

// currentTxid is the transaction ID of the meta page bbolt opened; it
// reads no page of the tree.
func currentTxid(s *Store) uint64 {
	var id uint64
	_ = s.db.View(func(tx *bolt.Tx) error { id = uint64(tx.ID()); return nil })
	return id
}

// viewPrefix is view without waiting for the background walk, for the
// opening reads confined to the checked prefix (the schema version and the
// top-level buckets: prepare).
func (s *Store) viewPrefix(fn func(*bolt.Tx) error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer s.recoverDamage(&err)
	return s.db.View(fn)
}

// viewEarly is view for reads confined to the meta, goals, members and
// sprints buckets: it may run once stage one of a background walk passed.
func (s *Store) viewEarly(fn func(*bolt.Tx) error) error {
	if s.gate == nil {
		return s.view(fn)
	}
	if err := s.gate.WaitPart(nil); err != nil {
		return err
	}
	return s.viewPrefix(fn)
}

// viewSprint is viewEarly for reads confined to those buckets and sprint
// id's nested bucket in sprintdata.
func (s *Store) viewSprint(id uuid.UUID, fn func(*bolt.Tx) error) error {
	if s.gate == nil {
		return s.view(fn)
	}
	if err := s.gate.WaitPart(id[:]); err != nil {
		return err
	}
	return s.viewPrefix(fn)
}

// ResumeWalk lets a VerifyInBackground open's walk go on with the sprints
// nobody has asked for yet. Until then (or a second at most) the walk
// checks only what readers wait for, so that it does not compete with the
// caller's first screen; anything that needs the whole verdict (every
// write, every read beyond the first screen's) resumes it itself.
func (s *Store) ResumeWalk() {
	if s.gate != nil {
		s.gate.Resume()
	}
}

// AwaitWalk is Verified without resuming a held walk (see ResumeWalk): it
// waits for the verdict of the walk as it goes, for a caller that only
// listens for damage while it draws.
func (s *Store) AwaitWalk() error {
	if s.gate == nil {
		return nil
	}
	return s.gate.Await()
}
