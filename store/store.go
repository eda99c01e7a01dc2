// Package store keeps one team's align workspace in a single bbolt file.
package store

import (
	"errors"
	"os"
	"time"

	"github.com/align-team/align/model"
	"github.com/align-team/align/store/internal/filesafe"
	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
)

// ErrNotFound means the record asked for does not exist (or is deleted); a
// read-only Open of a missing file wraps it too.
var ErrNotFound = errors.New("not found")

// ErrReadOnly means a write was attempted on a store opened read-only.
var ErrReadOnly = errors.New("database is open read-only")

// ErrSprintClosed means a write touched a closed sprint, which is read-only.
var ErrSprintClosed = errors.New("sprint is closed and read-only")

// ErrState means the sprint's state does not allow the change (for example
// editing objectives of a sprint in review).
var ErrState = errors.New("not allowed in the sprint's current state")

// ErrDuplicate means a unique field (a member handle) is already taken.
var ErrDuplicate = errors.New("already exists")

// ErrReference means a record refers to one that does not exist.
var ErrReference = errors.New("refers to a record that does not exist")

// ErrOldSchema means a read-only open found a file that still needs a
// migration, which only a writing open may run.
var ErrOldSchema = errors.New("database needs an upgrade by a command that writes")

// Options tune Open.
type Options struct {
	// ReadOnly opens the file for reading only (status, export, check)
	// under a shared lock: several readers may hold the file at once, while
	// a writer holds it alone (bbolt's flock), so a reader waits for a
	// writer and the other way round, up to Timeout. It creates nothing and
	// refuses a file that needs a migration (ErrOldSchema).
	ReadOnly bool
	// Timeout bounds the wait for the file lock; zero means DefaultTimeout.
	Timeout time.Duration
	// Now is the clock used to stamp records; nil means time.Now.
	Now func() time.Time
	// NoAutoBackup turns off the automatic backup a writing open takes when
	// one is due (see AutoBackupKeep), for tools that write scratch files.
	NoAutoBackup bool
	// DeferAutoBackup leaves the automatic backup a writing open would take
	// (when due) for StartAutoBackup, so that a caller with a screen to
	// draw (the TUI) takes it after its first frame rather than before.
	DeferAutoBackup bool
	// VerifyInBackground makes a writing open of an existing workspace
	// check before it returns only the pages bbolt and the open itself
	// read, and walk the rest in the background; every transaction waits
	// for that walk and fails with its ErrDamaged (see open_async.go and
	// Store.Verified). The TUI uses it to draw meanwhile.
	VerifyInBackground bool
	// Snapshot lets a ReadOnly open that finds the file held by a writer
	// (the TUI, serve) read a consistent snapshot of its last commit instead
	// of failing with ErrLocked; see openSnapshot. Reports use it.
	Snapshot bool
}

// Workspace is the workspace-wide state kept in the meta bucket.
type Workspace struct {
	Team       string
	ReplicaID  uuid.UUID // random per file, breaks merge ties deterministically
	Settings   model.Settings
	LastMember uuid.UUID // the member the TUI last assessed as
	Schema     int
}

// Store is an open workspace file. Its methods are safe for concurrent use:
// each is one bbolt transaction, and bbolt serialises writers.
type Store struct {
	db   *bolt.DB
	path string
	now  func() time.Time
	ro   bool

	created  bool            // this Open made the file
	autoPath string          // the automatic backup Open took, if any
	autoErr  error           // why the automatic backup due at Open failed
	deferred *deferredBackup // the automatic backup left for StartAutoBackup, if any
	gate     *filesafe.Gate  // the background page walk every transaction waits for, if any
	snapshot *os.File        // the private, unlinked copy a snapshot open reads; closed on Close

	actor uuid.UUID // the member every write is checked as (see As); Nil: none
	child bool      // made by As: shares the file, Close leaves it open
}

// DatasetOptions select what Dataset returns.
type DatasetOptions struct {
	Sprint         uuid.UUID // uuid.Nil for every sprint
	IncludeDeleted bool      // include tombstones (for bundles)
}
