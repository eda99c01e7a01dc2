// Package filesafe keeps a workspace file safe to open: it validates a
// bbolt file with its own bounds-checked page walk before bbolt maps it (in
// full or in stages, in the background), takes consistent snapshots of a
// file another process writes, writes verified backup copies, keeps the
// automatic backups, and types the errors that say a file is damaged,
// locked or not a workspace. It knows bbolt's file format and nothing of
// align's records.
package filesafe

// The guard validates a workspace file before bbolt maps it. bbolt trusts
// the file: a damaged page can make it panic, loop, or fault on a memory
// access outside the mapping, which kills the process whatever recover()
// does. So every open first reads the two meta pages itself (verifying the
// FNV-64a checksums as bbolt does), checks that the file is as long as the
// meta page says, and then walks the page tree with ordinary bounds-checked
// Go code: every page in range and referenced once, every element inside its
// page, every nested bucket's header and inline page well formed, the
// freelist within range and disjoint from the tree, and no page lost. A file
// that passes cannot make bbolt read outside it or recurse without end; what
// is left (a changed byte inside a record) decodes with an error or is
// found by Check. The walk touches each page once through a read-only
// mapping, on every open: 2.5–4 ms for a five-year workspace (40 MB; see
// BenchmarkOpen_Guard).

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"runtime/debug"
	"time"
)

// bbolt's on-disk constants (go.etcd.io/bbolt/internal/common).
const (
	boltMagic        = 0xED0CDAED
	boltVersion      = 2
	pageHeaderSize   = 16 // id u64, flags u16, count u16, overflow u32
	elementSize      = 16 // branch: pos, ksize u32, pgid u64; leaf: flags, pos, ksize, vsize u32
	bucketHeaderSize = 16 // root pgid u64, sequence u64
	metaSize         = 64 // magic, version, pageSize, flags u32; root, sequence, freelist, pgid, txid, checksum u64
	noFreelist       = ^uint64(0)

	branchPage   = 0x01
	leafPage     = 0x02
	metaPage     = 0x04
	freelistPage = 0x10
	bucketLeaf   = 0x01

	maxTreeDepth = 256 // far deeper than any real tree; bounds the recursion
)

// PageHeaderSize is the size of bbolt's page header, for tests that damage
// a page on purpose.
const PageHeaderSize = pageHeaderSize

// fileProblem is why the guard refuses a file: kind is ErrDamaged,
// ErrNotWorkspace or ErrNewerSchema, what says it in words.
type fileProblem struct {
	kind  error
	what  string
	where string // the page it is on, for Check ("" for the file as a whole)
}

func problem(kind error, format string, args ...any) *fileProblem {
	return &fileProblem{kind: kind, what: fmt.Sprintf(format, args...)}
}

// err turns p into the error Open returns for the file at path.
func (p *fileProblem) err(path string) error {
	switch p.kind {
	case ErrDamaged:
		return Damaged(path, p.what, nil)
	case ErrNewerSchema:
		return &NewerSchemaError{Path: path, What: p.what}
	}
	e := &NotWorkspaceError{Path: path, What: p.what}
	if r := RestoreFor(path); r.Backup != "" {
		// Automatic backups of this very path exist, so it was a workspace:
		// whatever overwrote it, say how to get it back.
		e.Restore = &r
	}
	return e
}

// boltMeta is one decoded meta page.
type boltMeta struct {
	magic, version, pageSize uint32
	root, freelist, pgid     uint64
	txid, checksum           uint64
	sum                      uint64 // the checksum computed over the page
	blank                    bool   // every byte of the page is zero
}

func decodeMeta(page []byte) boltMeta {
	var m boltMeta
	if len(page) < pageHeaderSize+metaSize {
		return m
	}
	b := page[pageHeaderSize : pageHeaderSize+metaSize]
	le := binary.LittleEndian
	m.magic, m.version, m.pageSize = le.Uint32(b[0:]), le.Uint32(b[4:]), le.Uint32(b[8:])
	m.root, m.freelist, m.pgid = le.Uint64(b[16:]), le.Uint64(b[32:]), le.Uint64(b[40:])
	m.txid, m.checksum = le.Uint64(b[48:]), le.Uint64(b[56:])
	h := fnv.New64a()
	_, _ = h.Write(b[:56])
	m.sum = h.Sum64()
	m.blank = true
	for _, c := range page {
		if c != 0 {
			m.blank = false
			break
		}
	}
	return m
}

// valid reports whether bbolt would accept m, as common.Meta.Validate does.
func (m boltMeta) valid() bool {
	return m.magic == boltMagic && m.version == boltVersion && m.checksum == m.sum
}

// header is what the guard learned from the meta pages.
type header struct {
	pageSize int
	meta     boltMeta // the meta page bbolt will use
}

// readHeader validates the meta pages of a file of size bytes and returns
// the one bbolt will use: the valid page with the higher transaction ID. One
// invalid page is normal after a crash in the middle of a commit (bbolt
// falls back to the other), unless it is blank, which no crash produces.
func readHeader(f *os.File, size int64) (header, *fileProblem) {
	first := make([]byte, 4096)
	n, _ := f.ReadAt(first, 0)
	m0 := decodeMeta(first[:n])
	pageSize := 0
	if m0.valid() {
		pageSize = int(m0.pageSize)
	} else {
		// Like bbolt: look for the second meta page at every possible size.
		for ps := 1024; ps <= 1<<16 && int64(ps) < size; ps *= 2 {
			buf := make([]byte, pageHeaderSize+metaSize)
			if k, _ := f.ReadAt(buf, int64(ps)); k == len(buf) {
				if m := decodeMeta(buf); m.valid() && int(m.pageSize) == ps {
					pageSize = ps
					break
				}
			}
		}
	}
	if pageSize == 0 {
		return header{}, noMeta(f, size, m0)
	}
	if pageSize < 1024 || pageSize > 1<<16 || pageSize&(pageSize-1) != 0 {
		return header{}, problem(ErrDamaged, "its page size %d is impossible", pageSize)
	}
	second := make([]byte, pageSize)
	k, _ := f.ReadAt(second, int64(pageSize))
	m1 := decodeMeta(second[:k])
	m0 = decodeMeta(first[:min(n, pageSize)])
	for i, m := range []boltMeta{m0, m1} {
		if m.blank {
			return header{}, problem(ErrDamaged, "meta page %d is blank", i)
		}
	}
	var use boltMeta
	switch {
	case m0.valid() && (!m1.valid() || m0.txid >= m1.txid):
		use = m0
	case m1.valid():
		use = m1
	}
	if int(use.pageSize) != pageSize {
		return header{}, problem(ErrDamaged, "its meta pages disagree on the page size")
	}
	h := header{pageSize: pageSize, meta: use}
	if use.pgid < 3 {
		return h, problem(ErrDamaged, "its meta page claims only %d pages", use.pgid)
	}
	if have := uint64(size) / uint64(pageSize); use.pgid > have {
		return h, problem(ErrDamaged, "it is truncated: it holds %d whole pages of the %d it needs (%d bytes)", have, use.pgid, size)
	}
	if use.root < 2 || use.root >= use.pgid {
		return h, problem(ErrDamaged, "its root page %d is outside the file's %d pages", use.root, use.pgid)
	}
	if use.freelist != noFreelist && (use.freelist < 2 || use.freelist >= use.pgid) {
		return h, problem(ErrDamaged, "its freelist page %d is outside the file's %d pages", use.freelist, use.pgid)
	}
	return h, nil
}

// noMeta explains a file with no valid meta page: another program's file,
// a bbolt file of another format version, or a workspace whose two meta
// pages are both damaged.
func noMeta(f *os.File, size int64, m0 boltMeta) *fileProblem {
	switch {
	case m0.magic == boltMagic && m0.version > boltVersion:
		return problem(ErrNewerSchema, "bbolt storage format %d; this align reads format %d", m0.version, boltVersion)
	case m0.magic == boltMagic:
		return problem(ErrDamaged, "both of its meta pages fail their checksums")
	case looksLikeBolt(f, size):
		return problem(ErrDamaged, "both of its meta pages are overwritten")
	}
	return problem(ErrNotWorkspace, "not a bbolt database")
}

// looksLikeBolt reports whether the pages after the meta pages carry bbolt
// page headers (at the default page size): then the file is a database whose
// meta pages were overwritten rather than some other file.
func looksLikeBolt(f *os.File, size int64) bool {
	const ps = 4096
	if size < 4*ps || size%ps != 0 {
		return false
	}
	hits := 0
	for id := int64(2); id < 4; id++ {
		buf := make([]byte, pageHeaderSize)
		if n, _ := f.ReadAt(buf, id*ps); n == len(buf) && int64(binary.LittleEndian.Uint64(buf)) == id {
			hits++
		}
	}
	return hits > 0
}

// Guard validates the file at path under a shared lock (waiting up to
// timeout for a writer to finish) before bbolt maps it. An empty file
// passes: bbolt initialises it on a writing open, and a read-only open
// refuses it before.
//
// The meta pages are checked and the whole page tree is walked on every
// open: nothing about the file's metadata (inode, size, modification time)
// can prove its content unchanged, since a bad disk or a careless tool can
// change pages and leave all three as they were. The walk is a few
// milliseconds on a five-year workspace (see BenchmarkOpen_Guard).
func Guard(path string, timeout time.Duration) error {
	f, err := openLocked(path, timeout)
	if err != nil {
		return err
	}
	defer func() { unlock(f); _ = f.Close() }()
	if p, err := verifyOpenFile(f, false); err != nil {
		return fmt.Errorf("cannot read %s: %w", path, err)
	} else if len(p) > 0 {
		return p[0].err(path)
	}
	return nil
}

// openLocked opens the regular file at path and takes a shared lock on it,
// waiting up to timeout for a writer: a *LockedError when it waits in vain.
func openLocked(path string, timeout time.Duration) (*os.File, error) {
	f, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	if err := lockShared(f, timeout); err != nil {
		_ = f.Close()
		if errors.Is(err, errLockTimeout) {
			return nil, &LockedError{Path: path, Err: err}
		}
		return nil, fmt.Errorf("cannot lock %s: %w", path, err)
	}
	return f, nil
}

// safeWalk runs walkFile with memory faults turned into panics and every
// panic into a problem: the file may change under a foreign writer that
// ignores the lock. With all set it collects every problem (see walker.all).
func safeWalk(data []byte, h header, all bool) (ps []*fileProblem) {
	w := &walker{data: data, pageSize: h.pageSize, pgid: h.meta.pgid, used: make([]byte, h.meta.pgid), all: all, release: len(data) > releaseAbove}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			ps = append(w.found, problem(ErrDamaged, "it cannot be read (%v)", r))
		}
	}()
	w.walk(h)
	return w.found
}
