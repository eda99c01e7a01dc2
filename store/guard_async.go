package store

// The page walk off the opener's path.
//
// A writing Open with Options.VerifyInBackground checks, before bbolt maps
// the file, only what bbolt itself reads to open it and what Open reads
// next: the meta pages, the freelist, the root bucket's own pages (with the
// header of every top-level bucket) and the whole meta bucket (the schema
// version). Every page outside that prefix is checked by the full walk of
// guard.go, which runs in a goroutine started before bbolt opens the file;
// every transaction of the store (view, update, and so Backup and every
// read and write of records) waits for it, and fails with its ErrDamaged
// when the file is damaged. So bbolt never reads a page the guard has not
// checked, and nothing is written to a file whose walk has not passed:
// what issue 12 asks of an open holds, while the caller draws its first
// frame meanwhile. Open refuses a file that changed between the check and
// bbolt's exclusive lock, by walking it again synchronously.

import (
	"bytes"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
)

// walkGate is the result of a background walk: done closes when it ends,
// and err is then the error Open would have returned (nil: the file passed).
type walkGate struct {
	done chan struct{}
	err  error

	mu       sync.Mutex
	early    bool            // stage one passed (guard_stages.go)
	sprints  map[string]bool // the sprints' nested buckets that passed
	progress chan struct{}   // closed at each step, then replaced
	wanted   []string        // sprint buckets readers wait for, walked next
	hold     chan struct{}   // closed by resume: until then only wanted buckets are walked
	resumed  sync.Once
}

// waitVerified waits for the store's background walk, if any, and returns
// its verdict.
func (s *Store) waitVerified() error {
	if s.gate == nil {
		return nil
	}
	s.gate.resume()
	<-s.gate.done
	return s.gate.err
}

// Verified waits for the page walk a VerifyInBackground open started and
// returns its verdict: nil when the file passed (or was walked before Open
// returned), else the ErrDamaged (or other) error Open would have returned.
// Every transaction waits for the same verdict; Verified lets a caller that
// draws a screen meanwhile learn it and say so.
func (s *Store) Verified() error { return s.waitVerified() }

// guardPrefix checks, under a shared lock, the meta pages and the pages
// bbolt and the opening transactions read (see the top of this file), and
// starts the full walk of the same header in a goroutine. The returned txid
// is the transaction the checks saw. A file whose freelist is not stored
// gets no gate (and no error): bbolt would rebuild the freelist by reading
// every page as it opens, so the caller walks it whole the ordinary way.
func guardPrefix(path string, timeout time.Duration) (gate *walkGate, txid uint64, err error) {
	f, err := openRegular(path)
	if err != nil {
		return nil, 0, err
	}
	if err := lockShared(f, timeout); err != nil {
		_ = f.Close()
		if errors.Is(err, errLockTimeout) {
			return nil, 0, newErr(ErrLocked, err, "%s is in use by another align process", path)
		}
		return nil, 0, fmt.Errorf("cannot lock %s: %w", path, err)
	}
	info, err := f.Stat()
	if err != nil {
		_ = f.Close()
		return nil, 0, fmt.Errorf("cannot read %s: %w", path, err)
	}
	h, p := readHeader(f, info.Size())
	if p == nil && h.meta.freelist == noFreelist {
		_ = f.Close()
		return nil, 0, nil
	}
	var data []byte
	var unmap func()
	if p == nil {
		if data, unmap, err = mapFile(f, int(info.Size())); err != nil {
			_ = f.Close()
			return nil, 0, fmt.Errorf("cannot read %s: %w", path, err)
		}
		p = safePrefix(data, h)
	}
	unlock(f)
	if p != nil {
		if unmap != nil {
			unmap()
		}
		_ = f.Close()
		return nil, 0, p.err(path)
	}
	gate = &walkGate{done: make(chan struct{}), progress: make(chan struct{}), hold: make(chan struct{}), sprints: map[string]bool{}}
	go func() {
		defer close(gate.done)
		defer func() { _ = f.Close() }()
		defer unmap()
		if ps := stagedWalk(data, h, gate); len(ps) > 0 {
			gate.err = ps[0].err(path)
		}
	}()
	return gate, h.meta.txid, nil
}

// safePrefix checks the prefix of the tree (see the top of this file) of
// the mapped file, with faults turned into problems as safeWalk does.
func safePrefix(data []byte, h header) (p *fileProblem) {
	w := &walker{data: data, pageSize: h.pageSize, pgid: h.meta.pgid, used: make([]byte, h.meta.pgid), shallow: true}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			p = problem(ErrDamaged, "it cannot be read (%v)", r)
		}
	}()
	w.used[0], w.used[1] = 1, 1
	if p := w.freelist(h.meta.freelist); p != nil {
		return p
	}
	return w.page(h.meta.root, 0, 0, owner{})
}

// descend reports whether the walk goes into the nested bucket under key:
// always for the full walk, only into the meta bucket for the prefix.
func (w *walker) descend(key []byte) bool { return !w.shallow || bytes.Equal(key, bucketMeta) }

// openVerifyingInBackground is Open's writing path with the walk off the
// opener's path (Options.VerifyInBackground) for an existing, non-empty
// file. It returns ok false when the file changed between the prefix check
// and bbolt's lock: the caller then opens it the ordinary way.
func openVerifyingInBackground(path string, opt Options) (s *Store, ok bool, err error) {
	gate, txid, err := guardPrefix(path, opt.Timeout)
	if err != nil || gate == nil {
		return nil, err != nil, err
	}
	if _, err := peekVersion(path, opt.Timeout); err != nil {
		<-gate.done
		return nil, true, firstErr(gate.err, err)
	}
	db, err := openBolt(path, opt.Timeout, false)
	if err != nil {
		<-gate.done
		return nil, true, firstErr(gate.err, err)
	}
	s = &Store{db: db, path: path, now: opt.Now, gate: gate}
	if currentTxid(s) != txid {
		<-gate.done
		_ = db.Close()
		return nil, false, nil
	}
	if err := s.prepare(); err != nil {
		_ = s.Close()
		return nil, true, firstErr(gate.err, err)
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
