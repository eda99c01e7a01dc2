package store

import "sync"

// deferredBackup is the automatic backup a writing Open with
// DeferAutoBackup leaves for later: StartAutoBackup runs it once, in the
// background, and AutoBackup and Close wait for it.
//
// The copy is one read transaction (Backup), so it sees the last commit
// whole while the caller goes on reading and writing; a commit made
// meanwhile counts as a change for the next due check, exactly as one made
// after a synchronous backup would.
type deferredBackup struct {
	once    sync.Once
	started bool // set once StartAutoBackup has run; guarded by mu
	mu      sync.Mutex
	done    chan struct{}
}

// StartAutoBackup takes, in the background, the automatic backup that a
// writing Open with DeferAutoBackup found due (the due check itself runs
// there too), and returns at once. It does nothing on a store opened
// without DeferAutoBackup, and nothing the second time. AutoBackup reports
// the result once it is done; Close waits for it, so a backup is never cut
// off half-written (and a failure leaves no partial file, as Backup
// guarantees).
func (s *Store) StartAutoBackup() {
	d := s.deferred
	if d == nil {
		return
	}
	d.once.Do(func() {
		d.mu.Lock()
		d.started = true
		d.mu.Unlock()
		go func() {
			defer close(d.done)
			s.autoPath, s.autoErr = s.autoBackupIfDue()
		}()
	})
}

// waitAutoBackup waits for a started deferred backup to finish; a deferred
// backup never started is not taken.
func (s *Store) waitAutoBackup() {
	d := s.deferred
	if d == nil {
		return
	}
	d.mu.Lock()
	started := d.started
	d.mu.Unlock()
	if started {
		<-d.done
	}
}

// autoBackupAtOpen takes the automatic backup a writing Open of an existing
// workspace owes, or leaves it for StartAutoBackup (DeferAutoBackup). A new
// workspace (existed false) owes none.
func (s *Store) autoBackupAtOpen(opt Options, existed bool) {
	switch {
	case !existed, opt.NoAutoBackup:
	case opt.DeferAutoBackup:
		s.deferred = &deferredBackup{done: make(chan struct{})}
	default:
		s.autoPath, s.autoErr = s.autoBackupIfDue()
	}
}
