package filesafe

import (
	"encoding/binary"
	"fmt"

	"github.com/google/uuid"
)

// owner names what a page belongs to in messages: the freelist, the root
// bucket (no key) or the bucket stored under key. It is formatted only when
// something is wrong, so that the walk allocates nothing per bucket.
type owner struct {
	freelist bool
	key      []byte
}

func (o owner) String() string {
	switch {
	case o.freelist:
		return "the freelist"
	case o.key == nil:
		return "the root bucket"
	}
	return "bucket " + KeyString(o.key)
}

// KeyString names a bucket key in messages: as an ID when it is a 16-byte
// UUID, else in hex.
func KeyString(k []byte) string {
	if id, err := uuid.FromBytes(k); err == nil {
		return id.String()
	}
	return fmt.Sprintf("%x", k)
}

// releaseEvery is how many pages a releasing walk reads before it lets the
// kernel drop its mapping of them (releaseMapped): about 4 MB, so the
// walk's resident memory stays flat in the size of the file. It costs the
// walk about half again in CPU (the pages fault in once more), so only the
// background walk, off the TUI's path, does it.
const releaseEvery = 1024

// releaseAbove is the size of file above which every walk, not only the
// background one, releases its mapping as it goes: what a command holds
// resident stays under about this much however long the history grows
// (`align check` and a full JSON export on twenty years), while smaller
// files are walked without the extra faults.
const releaseAbove = 64 << 20

// walker walks the page tree of a mapped file, with every access checked.
//
// The guard stops at the first problem. With all set (Check), a problem
// skips only the page or entry it is in: the walk goes on with the next
// sibling and collects up to maxWalkProblems, each with the page it is on.
type walker struct {
	data     []byte
	pageSize int
	pgid     uint64 // high-water mark: pages [0, pgid) exist
	used     []byte // per page: 0 unseen, 1 in the tree or the freelist, 2 free
	all      bool
	shallow  []byte // the prefix check: into this bucket only (gate.go)
	found    []*fileProblem

	release  bool          // release the mapping as the walk goes (the TUI's background walk)
	touched  int           // pages read since the mapping was last released (releaseEvery)
	deferIn  []byte        // the bucket whose nested buckets wait for a later stage (stages.go)
	deferred []laterBucket // those nested buckets, in the order met
}

// fail records p found on page id (0: not on one page) and returns it when
// the walk must stop: always for the guard, after maxWalkProblems for Check.
func (w *walker) fail(id uint64, p *fileProblem) *fileProblem {
	if id != 0 {
		p.where = fmt.Sprintf("page %d", id)
	}
	w.found = append(w.found, p)
	if !w.all || len(w.found) >= maxWalkProblems {
		return p
	}
	return nil
}

// walk checks the structure of the whole file against h.
func (w *walker) walk(h header) {
	w.used[0], w.used[1] = 1, 1
	if h.meta.freelist != noFreelist {
		if p := w.freelist(h.meta.freelist); p != nil {
			return
		}
	}
	if p := w.page(h.meta.root, 0, 0, owner{}); p != nil {
		return
	}
	if h.meta.freelist == noFreelist || len(w.found) > 0 {
		// bbolt rebuilds a missing freelist from the tree; after a damaged
		// subtree, its pages are unseen and would only repeat the problem.
		return
	}
	w.lost()
}

// lost reports the pages that are neither in the tree nor free.
func (w *walker) lost() {
	for id, u := range w.used {
		if u == 0 {
			if w.fail(uint64(id), problem(ErrDamaged, "page %d is neither in use nor free", id)) != nil {
				return
			}
		}
	}
}

// span returns the bytes of page id and its overflow pages, marking them
// used; it refuses pages out of range or seen before, recording the problem
// on page from (the page that points to id; 0 for a meta page). what names
// the page's owner in messages.
func (w *walker) span(id, from uint64, flags uint16, what owner) ([]byte, *fileProblem) {
	if id < 2 || id >= w.pgid {
		return nil, w.fail(from, problem(ErrDamaged, "%s points to page %d, outside the file's %d pages", what, id, w.pgid))
	}
	off := id * uint64(w.pageSize)
	hdr := w.data[off : off+pageHeaderSize]
	le := binary.LittleEndian
	if got := le.Uint64(hdr); got != id {
		return nil, w.fail(id, problem(ErrDamaged, "page %d says it is page %d", id, got))
	}
	if got := le.Uint16(hdr[8:]); got&flags == 0 || got&(got-1) != 0 {
		return nil, w.fail(id, problem(ErrDamaged, "page %d (%s) has the unexpected type %#x", id, what, got))
	}
	overflow := uint64(le.Uint32(hdr[12:]))
	if overflow >= w.pgid-id {
		return nil, w.fail(id, problem(ErrDamaged, "page %d runs %d pages past the end of the file", id, overflow))
	}
	for i := id; i <= id+overflow; i++ {
		if w.used[i] != 0 {
			return nil, w.fail(from, problem(ErrDamaged, "page %d is used twice", i))
		}
	}
	for i := id; i <= id+overflow; i++ {
		w.used[i] = 1
	}
	if w.touched += int(overflow) + 1; w.release && w.touched > releaseEvery {
		// The pages still being checked are mapped again on their next
		// read; only the process's resident memory changes.
		releaseMapped(w.data)
		w.touched = 0
	}
	return w.data[off : (id+overflow+1)*uint64(w.pageSize)], nil
}

// freelist checks the freelist page and marks the pages it lists as free.
func (w *walker) freelist(id uint64) *fileProblem {
	pg, p := w.span(id, 0, freelistPage, owner{freelist: true})
	if pg == nil {
		return p
	}
	le := binary.LittleEndian
	start, count := uint64(pageHeaderSize), uint64(le.Uint16(pg[10:]))
	if count == 0xFFFF {
		count, start = le.Uint64(pg[start:]), start+8
	}
	if count > uint64(len(pg)-int(start))/8 {
		return w.fail(id, problem(ErrDamaged, "the freelist claims %d pages, more than its page holds", count))
	}
	for i := range count {
		free := le.Uint64(pg[start+8*i:])
		var p *fileProblem
		switch {
		case free < 2 || free >= w.pgid:
			p = w.fail(id, problem(ErrDamaged, "the freelist lists page %d, outside the file's %d pages", free, w.pgid))
		case w.used[free] != 0:
			p = w.fail(id, problem(ErrDamaged, "the freelist lists page %d, which is in use or listed twice", free))
		default:
			w.used[free] = 2
		}
		if p != nil {
			return p
		}
	}
	return nil
}

// page checks tree page id (a branch or a leaf), referenced from page from,
// and everything below it.
func (w *walker) page(id, from uint64, depth int, what owner) *fileProblem {
	if depth > maxTreeDepth {
		return w.fail(from, problem(ErrDamaged, "%s is nested too deep", what))
	}
	pg, p := w.span(id, from, branchPage|leafPage, what)
	if pg == nil {
		return p
	}
	return w.nodes(pg, id, id, depth, what)
}

// nodes checks the elements of one branch or leaf page held in pg (a file
// page, or the inline page of a small bucket, with id 0, kept on the leaf
// page at). A problem in one element skips that element only (see walker).
func (w *walker) nodes(pg []byte, id, at uint64, depth int, what owner) *fileProblem {
	le := binary.LittleEndian
	flags, count := le.Uint16(pg[8:]), int(le.Uint16(pg[10:]))
	if flags != branchPage && flags != leafPage {
		return w.fail(at, problem(ErrDamaged, "page %d (%s) has the unexpected type %#x", id, what, flags))
	}
	if pageHeaderSize+count*elementSize > len(pg) || (flags == branchPage && count == 0) {
		return w.fail(at, problem(ErrDamaged, "page %d (%s) claims %d elements, which do not fit", id, what, count))
	}
	for i := range count {
		e := pageHeaderSize + i*elementSize
		el := pg[e : e+elementSize]
		if flags == branchPage {
			pos, ksize := uint64(le.Uint32(el[0:])), uint64(le.Uint32(el[4:]))
			if uint64(e)+pos+ksize > uint64(len(pg)) {
				if p := w.fail(at, problem(ErrDamaged, "page %d (%s): key %d lies outside the page", id, what, i)); p != nil {
					return p
				}
				continue
			}
			if p := w.page(le.Uint64(el[8:]), id, depth+1, what); p != nil {
				return p
			}
			continue
		}
		if p := w.leafEntry(pg, e, at, i, depth, what); p != nil {
			return p
		}
	}
	return nil
}

// leafEntry checks entry i of leaf pg (element at offset e, on file page
// id) and, for a nested bucket, everything below it.
func (w *walker) leafEntry(pg []byte, e int, id uint64, i, depth int, what owner) *fileProblem {
	le := binary.LittleEndian
	el := pg[e : e+elementSize]
	pos, ksize := uint64(le.Uint32(el[4:])), uint64(le.Uint32(el[8:]))
	eflags, vsize := le.Uint32(el[0:]), uint64(le.Uint32(el[12:]))
	end := uint64(e) + pos + ksize + vsize
	if eflags&^bucketLeaf != 0 || end > uint64(len(pg)) || pos+ksize+vsize < pos {
		return w.fail(id, problem(ErrDamaged, "page %d (%s): entry %d lies outside the page or has bad flags", id, what, i))
	}
	if eflags&bucketLeaf == 0 {
		return nil
	}
	key := pg[uint64(e)+pos : uint64(e)+pos+ksize]
	val := pg[uint64(e)+pos+ksize : end]
	sub := owner{key: key}
	if len(val) < bucketHeaderSize {
		return w.fail(id, problem(ErrDamaged, "%s has a %d-byte header", sub, len(val)))
	}
	if !w.descend(key) {
		return nil
	}
	if w.deferIn != nil && what.key != nil && string(what.key) == string(w.deferIn) {
		w.deferred = append(w.deferred, laterBucket{key: key, val: val, id: id, depth: depth})
		return nil
	}
	return w.bucket(val, id, depth, sub)
}

// bucket checks the nested bucket sub whose header (and inline page) is
// val, kept on leaf page id, and everything below it.
func (w *walker) bucket(val []byte, id uint64, depth int, sub owner) *fileProblem {
	le := binary.LittleEndian
	if root := le.Uint64(val); root != 0 {
		return w.page(root, id, depth+1, sub)
	}
	inline := val[bucketHeaderSize:]
	if len(inline) < pageHeaderSize {
		return w.fail(id, problem(ErrDamaged, "%s has a truncated inline page", sub))
	}
	return w.nodes(inline, 0, id, depth+1, sub)
}
