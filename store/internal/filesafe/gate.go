package filesafe

// The page walk off the opener's path.
//
// A writing open that verifies in the background (GuardPrefix) checks, before bbolt maps
// the file, only what bbolt itself reads to open it and what Open reads
// next: the meta pages, the freelist, the root bucket's own pages (with the
// header of every top-level bucket) and the whole bucket Buckets.Prefix names (the
// store's meta bucket: the schema version). Every page outside that prefix is checked by the full walk of
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
	"fmt"
	"runtime/debug"
	"sync"
	"time"
)

// Gate is the result of a background walk: done closes when it ends,
// and err is then the error Guard would have returned (nil: the file
// passed). Its methods let readers wait for the parts they read.
type Gate struct {
	done chan struct{}
	err  error

	mu       sync.Mutex
	early    bool            // stage one passed (stages.go)
	sprints  map[string]bool // the sprints' nested buckets that passed
	progress chan struct{}   // closed at each step, then replaced
	wanted   []string        // sprint buckets readers wait for, walked next
	hold     chan struct{}   // closed by resume: until then only wanted buckets are walked
	resumed  sync.Once
}

// Buckets names the store's buckets the staged walk treats apart: Prefix
// is walked whole by GuardPrefix before it returns (the store reads it as
// it opens), and the nested buckets of Staged are walked one by one in
// stage two, each published as it passes (see stages.go).
type Buckets struct {
	Prefix, Staged []byte
}

// GuardPrefix checks, under a shared lock, the meta pages and the pages
// bbolt and the opening transactions read (see the top of this file), and
// starts the full walk of the same header in a goroutine. The returned txid
// is the transaction the checks saw. A file whose freelist is not stored
// gets no gate (and no error): bbolt would rebuild the freelist by reading
// every page as it opens, so the caller walks it whole the ordinary way
// (Guard).
func GuardPrefix(path string, timeout time.Duration, b Buckets) (gate *Gate, txid uint64, err error) {
	f, err := openLocked(path, timeout)
	if err != nil {
		return nil, 0, err
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
		p = safePrefix(data, h, b.Prefix)
	}
	unlock(f)
	if p != nil {
		if unmap != nil {
			unmap()
		}
		_ = f.Close()
		return nil, 0, p.err(path)
	}
	gate = &Gate{done: make(chan struct{}), progress: make(chan struct{}), hold: make(chan struct{}), sprints: map[string]bool{}}
	go func() {
		defer close(gate.done)
		defer func() { _ = f.Close() }()
		defer unmap()
		if ps := stagedWalk(data, h, gate, b.Staged); len(ps) > 0 {
			gate.err = ps[0].err(path)
		}
	}()
	return gate, h.meta.txid, nil
}

// safePrefix checks the prefix of the tree (see the top of this file) of
// the mapped file, with faults turned into problems as safeWalk does.
func safePrefix(data []byte, h header, prefix []byte) (p *fileProblem) {
	w := &walker{data: data, pageSize: h.pageSize, pgid: h.meta.pgid, used: make([]byte, h.meta.pgid), shallow: prefix}
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
// always for the full walk, only into the prefix bucket for the prefix.
func (w *walker) descend(key []byte) bool { return w.shallow == nil || bytes.Equal(key, w.shallow) }
