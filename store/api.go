package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/align-team/align/store/internal/filesafe"
	"github.com/google/uuid"
	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// DefaultTimeout is how long Open waits for another process to release the
// file before it gives up with ErrLocked.
const DefaultTimeout = time.Second

// Permissions of what Open creates: the workspace is private to its owner.
const (
	dirMode  = filesafe.DirMode
	fileMode = filesafe.FileMode
)

// Open opens (creating if needed) the workspace at path, which the caller
// chooses (the store reads no environment: cli's defaultDBPath is the
// default).
//
// Every open first validates an existing file's structure without bbolt
// (see filesafe.Guard), so that a damaged file is refused with a
// *DamagedError (ErrDamaged) that names the latest automatic backup,
// instead of crashing the process; nothing is changed or moved. A writing
// open creates the directory (0700) and the file (0600) with every bucket,
// the schema version and the workspace record all at once (built under a
// temporary name and linked into place), migrates an older file after
// writing a backup next to it (path.pre-vN.bak), and takes an automatic
// backup when one is due (see autobackup.go and Store.AutoBackup). A
// read-only open takes a shared lock, creates nothing and refuses a file
// that needs a migration (*OldSchemaError, ErrOldSchema). Errors are typed
// and state facts that name the path, never what to type next:
// *LockedError (ErrLocked) when another process holds the file longer than
// the timeout, *NewerSchemaError (ErrNewerSchema) for a file from a newer
// align (left untouched), *NotWorkspaceError (ErrNotWorkspace) for any
// other file, *NoWorkspaceError (ErrNotFound) for a missing file on a
// read-only open.
func Open(path string, opt Options) (*Store, error) {
	if path == "" {
		return nil, errors.New("no workspace path given")
	}
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	info, err := os.Stat(path)
	switch {
	case err == nil && !info.Mode().IsRegular():
		// A FIFO would block the open for ever, a device or a socket is
		// never a workspace: refuse at once, naming what it is.
		return nil, NotRegularError(path, info.Mode())
	case errors.Is(err, fs.ErrNotExist) && opt.ReadOnly:
		return nil, &NoWorkspaceError{Path: path, Err: err}
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, err
	case err == nil && info.Size() == 0 && opt.ReadOnly:
		return nil, newErr(ErrNotWorkspace, nil, "%s is an empty file, not an align workspace", path)
	}

	found, existed := err == nil, err == nil && info.Size() > 0
	if found && !existed && !opt.ReadOnly {
		// An empty file with automatic backups beside it is a workspace
		// that lost its contents, not a new one to initialise.
		if _, _, ok := LatestBackup(path); ok {
			return nil, damagedErr(path, "it is empty (0 bytes)", nil)
		}
	}
	if opt.ReadOnly && opt.Snapshot {
		return openReadOnlyOrSnapshot(path, opt)
	}
	if existed && !opt.ReadOnly && opt.VerifyInBackground {
		if s, ok, err := openVerifyingInBackground(path, opt); ok {
			return s, err
		}
	}
	if found {
		// Validate the file before bbolt maps it: bbolt can crash the
		// process on a damaged page (see filesafe.Guard).
		if err := filesafe.Guard(path, opt.Timeout); err != nil {
			return nil, err
		}
	}
	if opt.ReadOnly {
		return openReadOnly(path, opt)
	}
	if existed {
		// Read the version under a shared lock first, so that a file from a
		// newer align (or another program) is refused without ever being
		// opened for writing.
		if _, err := peekVersion(path, opt.Timeout); err != nil {
			return nil, err
		}
	}
	if err := makeDir(filepath.Dir(path)); err != nil {
		return nil, err
	}
	created := false
	if !found {
		if created, err = createFile(path, opt); err != nil {
			return nil, err
		}
	}
	db, err := openBolt(path, opt.Timeout, false)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path, now: opt.Now, created: created}
	if err := s.prepare(); err != nil {
		_ = db.Close()
		return nil, err
	}
	s.autoBackupAtOpen(opt, existed)
	return s, nil
}

// createFile makes a new workspace at path all at once: it builds the file
// (buckets, workspace record, schema version) under a temporary name in the
// same directory, and links it into place only when it is complete, so that
// a failure or a crash never leaves a half-made workspace at path. If another
// process created path in the meantime, its file wins, this one is dropped
// and created is false.
func createFile(path string, opt Options) (created bool, err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".new-*")
	if err != nil {
		return false, fmt.Errorf("cannot create the workspace %s: %w", path, err)
	}
	name := tmp.Name()
	defer func() { _ = os.Remove(name) }()
	if err := tmp.Close(); err != nil {
		return false, fmt.Errorf("cannot create the workspace %s: %w", path, err)
	}
	db, err := openBolt(name, opt.Timeout, false)
	if err != nil {
		return false, err
	}
	s := &Store{db: db, path: path, now: opt.Now}
	err = s.update(s.initTx)
	if cerr := db.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("cannot create the workspace %s: %w", path, cerr)
	}
	if err != nil {
		return false, err
	}
	if err := os.Link(name, path); err != nil {
		if filesafe.Exists(path) {
			return false, nil // created by another process in the meantime
		}
		// The file system has no hard links: rename instead.
		if err := os.Rename(name, path); err != nil {
			return false, fmt.Errorf("cannot create the workspace %s: %w", path, err)
		}
	}
	return true, filesafe.SyncDir(dir)
}

// prepare tightens the file's mode, then creates or migrates the layout.
func (s *Store) prepare() error {
	// Aligns before this one kept a stamp that let an open skip the walk;
	// remove it, so that going back to one never trusts a stale stamp.
	_ = os.Remove(filepath.Join(filesafe.BackupDir(s.path), "."+filesafe.BackupStem(s.path)+"verified"))
	info, err := os.Stat(s.path)
	if err != nil {
		return err
	}
	if info.Mode().Perm() != fileMode {
		if err := os.Chmod(s.path, fileMode); err != nil {
			return fmt.Errorf("cannot make %s private (mode 0600): %w", s.path, err)
		}
	}
	var version int
	complete := true
	if err := s.viewPrefix(func(tx *bolt.Tx) error {
		version, err = readVersion(tx)
		for _, name := range topBuckets {
			complete = complete && tx.Bucket(name) != nil
		}
		return err
	}); err != nil {
		return newErr(ErrNotWorkspace, nil, "%s is not an align workspace: %v", s.path, err)
	}
	if version == SchemaVersion && complete {
		return nil // nothing to create or migrate: commit nothing, sync nothing
	}
	if version > 0 && version < SchemaVersion {
		if _, err := s.backupBeforeMigration(version); err != nil {
			return err
		}
	}
	if err := s.update(func(tx *bolt.Tx) error { return s.initTx(tx) }); err != nil {
		return err
	}
	// An empty file made into a workspace under this open's exclusive lock.
	s.created = s.created || version == 0
	return nil
}

// initTx creates a new workspace or migrates an older one, in the caller's
// transaction: buckets, version and workspace record commit together.
func (s *Store) initTx(tx *bolt.Tx) error {
	version, err := readVersion(tx)
	if err != nil {
		return newErr(ErrNotWorkspace, nil, "%s is not an align workspace: %v", s.path, err)
	}
	if version > SchemaVersion {
		return newerErr(s.path, version)
	}
	if version == 0 {
		if err := ensureBuckets(tx); err != nil {
			return err
		}
		if err := failAt("create.buckets"); err != nil {
			return err
		}
		replica, err := uuid.NewRandom()
		if err != nil {
			return fmt.Errorf("create replica ID: %w", err)
		}
		if err := putWorkspace(tx, Workspace{ReplicaID: replica, Settings: defaultSettings()}); err != nil {
			return err
		}
		if err := failAt("create.workspace"); err != nil {
			return err
		}
		return writeVersion(tx, SchemaVersion)
	}
	if err := migrate(tx, version); err != nil {
		return fmt.Errorf("cannot upgrade %s from schema version %d: %w", s.path, version, err)
	}
	if err := ensureBuckets(tx); err != nil {
		return err
	}
	if err := failAt("migrate.version"); err != nil {
		return err
	}
	return writeVersion(tx, SchemaVersion)
}

// openReadOnly opens an existing workspace under a shared lock and checks its
// version without writing anything.
func openReadOnly(path string, opt Options) (*Store, error) {
	db, err := openBolt(path, opt.Timeout, true)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path, now: opt.Now, ro: true}
	var version int
	err = s.view(func(tx *bolt.Tx) error {
		version, err = readVersion(tx)
		return err
	})
	switch {
	case err != nil:
		err = newErr(ErrNotWorkspace, nil, "%s is not an align workspace: %v", path, err)
	case version == 0:
		err = &NotWorkspaceError{Path: path, Empty: true}
	case version > SchemaVersion:
		err = newerErr(path, version)
	case version < SchemaVersion:
		err = &OldSchemaError{Path: path, Version: version, Want: SchemaVersion}
	}
	if err != nil {
		_ = db.Close()
		return nil, err
	}
	return s, nil
}

// peekVersion reads the schema version of an existing file under a shared
// lock and refuses files this binary must not open for writing.
func peekVersion(path string, timeout time.Duration) (int, error) {
	db, err := openBolt(path, timeout, true)
	if err != nil {
		return 0, err
	}
	defer func() { _ = db.Close() }()
	s := &Store{db: db, path: path, ro: true}
	var version int
	if err := s.view(func(tx *bolt.Tx) error {
		version, err = readVersion(tx)
		return err
	}); err != nil {
		return 0, newErr(ErrNotWorkspace, nil, "%s is not an align workspace: %v", path, err)
	}
	if version > SchemaVersion {
		return 0, newerErr(path, version)
	}
	return version, nil
}

// openBolt opens the bbolt file and turns its failures into sentences.
func openBolt(path string, timeout time.Duration, readOnly bool) (db *bolt.DB, err error) {
	defer func() {
		if r := recover(); r != nil {
			db, err = nil, newErr(ErrNotWorkspace, nil, "%s is not an align workspace (bbolt: %v)", path, r)
		}
	}()
	db, err = bolt.Open(path, fileMode, &bolt.Options{Timeout: timeout, ReadOnly: readOnly})
	switch {
	case err == nil:
		return db, nil
	case errors.Is(err, bolterrors.ErrTimeout):
		return nil, &LockedError{Path: path, Err: err}
	case errors.Is(err, bolterrors.ErrInvalid), errors.Is(err, bolterrors.ErrVersionMismatch),
		errors.Is(err, bolterrors.ErrChecksum), errors.Is(err, bolterrors.ErrInvalidMapping):
		return nil, newErr(ErrNotWorkspace, err, "%s is not an align workspace (not a bbolt database: %v)", path, err)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return nil, err // already names the path
	}
	return nil, fmt.Errorf("cannot open %s: %w", path, err)
}

func newerErr(path string, version int) error {
	return &NewerSchemaError{Path: path, What: fmt.Sprintf("schema version %d; this align reads up to version %d", version, SchemaVersion)}
}

// makeDir creates dir and any missing parents with mode 0700, and chmods
// the ones it created in case the umask narrowed or widened them. Existing
// directories are left alone: they may be shared, like /tmp.
func makeDir(dir string) error {
	var created []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil {
			break
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		created = append(created, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	if len(created) == 0 {
		return nil
	}
	if err := os.MkdirAll(dir, dirMode); err != nil {
		return fmt.Errorf("cannot create the workspace directory: %w", err)
	}
	for _, d := range created {
		if err := os.Chmod(d, dirMode); err != nil {
			return fmt.Errorf("cannot make %s private (mode 0700): %w", d, err)
		}
	}
	return nil
}

// Close closes the file. Closing twice is harmless.
func (s *Store) Close() error {
	if s.child {
		return nil
	}
	s.waitAutoBackup()
	_ = s.waitVerified() // the background walk's mapping goes with the store
	err := s.db.Close()
	if s.snapshot != nil {
		_ = s.snapshot.Close()
	}
	return err
}

// Created reports whether this Open made the file (a new workspace). When
// several processes create the same path at once, exactly one of them did.
func (s *Store) Created() bool { return s.created }

// Path returns the file's path.
func (s *Store) Path() string { return s.path }

// ReadOnly reports whether the store was opened read-only.
func (s *Store) ReadOnly() bool { return s.ro }
