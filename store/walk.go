package store

import (
	"encoding/binary"
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
	return "bucket " + keyString(o.key)
}

// walker walks the page tree of a mapped file, with every access checked.
type walker struct {
	data     []byte
	pageSize int
	pgid     uint64 // high-water mark: pages [0, pgid) exist
	used     []byte // per page: 0 unseen, 1 in the tree or the freelist, 2 free
}

// walkFile checks the structure of data (the whole file) against h.
func walkFile(data []byte, h header) (p *fileProblem) {
	w := &walker{data: data, pageSize: h.pageSize, pgid: h.meta.pgid, used: make([]byte, h.meta.pgid)}
	w.used[0], w.used[1] = 1, 1
	if h.meta.freelist != noFreelist {
		if p := w.freelist(h.meta.freelist); p != nil {
			return p
		}
	}
	if p := w.page(h.meta.root, 0, owner{}); p != nil {
		return p
	}
	if h.meta.freelist == noFreelist {
		return nil // bbolt rebuilds the freelist from the tree
	}
	for id, u := range w.used {
		if u == 0 {
			return problem(ErrDamaged, "page %d is neither in use nor free", id)
		}
	}
	return nil
}

// span returns the bytes of page id and its overflow pages, marking them
// used; it refuses pages out of range or seen before. what names the page's
// owner in messages.
func (w *walker) span(id uint64, flags uint16, what owner) ([]byte, *fileProblem) {
	if id < 2 || id >= w.pgid {
		return nil, problem(ErrDamaged, "%s points to page %d, outside the file's %d pages", what, id, w.pgid)
	}
	off := id * uint64(w.pageSize)
	hdr := w.data[off : off+pageHeaderSize]
	le := binary.LittleEndian
	if got := le.Uint64(hdr); got != id {
		return nil, problem(ErrDamaged, "page %d says it is page %d", id, got)
	}
	if got := le.Uint16(hdr[8:]); got&flags == 0 || got&(got-1) != 0 {
		return nil, problem(ErrDamaged, "page %d (%s) has the unexpected type %#x", id, what, got)
	}
	overflow := uint64(le.Uint32(hdr[12:]))
	if overflow >= w.pgid-id {
		return nil, problem(ErrDamaged, "page %d runs %d pages past the end of the file", id, overflow)
	}
	for i := id; i <= id+overflow; i++ {
		if w.used[i] != 0 {
			return nil, problem(ErrDamaged, "page %d is used twice", i)
		}
		w.used[i] = 1
	}
	return w.data[off : (id+overflow+1)*uint64(w.pageSize)], nil
}

// freelist checks the freelist page and marks the pages it lists as free.
func (w *walker) freelist(id uint64) *fileProblem {
	pg, p := w.span(id, freelistPage, owner{freelist: true})
	if p != nil {
		return p
	}
	le := binary.LittleEndian
	start, count := uint64(pageHeaderSize), uint64(le.Uint16(pg[10:]))
	if count == 0xFFFF {
		count, start = le.Uint64(pg[start:]), start+8
	}
	if count > uint64(len(pg)-int(start))/8 {
		return problem(ErrDamaged, "the freelist claims %d pages, more than its page holds", count)
	}
	for i := range count {
		free := le.Uint64(pg[start+8*i:])
		if free < 2 || free >= w.pgid {
			return problem(ErrDamaged, "the freelist lists page %d, outside the file's %d pages", free, w.pgid)
		}
		if w.used[free] != 0 {
			return problem(ErrDamaged, "the freelist lists page %d, which is in use or listed twice", free)
		}
		w.used[free] = 2
	}
	return nil
}

// page checks tree page id (a branch or a leaf) and everything below it.
func (w *walker) page(id uint64, depth int, what owner) *fileProblem {
	if depth > maxTreeDepth {
		return problem(ErrDamaged, "%s is nested too deep", what)
	}
	pg, p := w.span(id, branchPage|leafPage, what)
	if p != nil {
		return p
	}
	return w.nodes(pg, id, depth, what)
}

// nodes checks the elements of one branch or leaf page held in pg (a file
// page, or the inline page of a small bucket, with id 0).
func (w *walker) nodes(pg []byte, id uint64, depth int, what owner) *fileProblem {
	le := binary.LittleEndian
	flags, count := le.Uint16(pg[8:]), int(le.Uint16(pg[10:]))
	if flags != branchPage && flags != leafPage {
		return problem(ErrDamaged, "page %d (%s) has the unexpected type %#x", id, what, flags)
	}
	if pageHeaderSize+count*elementSize > len(pg) || (flags == branchPage && count == 0) {
		return problem(ErrDamaged, "page %d (%s) claims %d elements, which do not fit", id, what, count)
	}
	for i := range count {
		e := pageHeaderSize + i*elementSize
		el := pg[e : e+elementSize]
		pos, ksize := uint64(le.Uint32(el[4:])), uint64(le.Uint32(el[8:]))
		if flags == branchPage {
			pos, ksize = uint64(le.Uint32(el[0:])), uint64(le.Uint32(el[4:]))
			if uint64(e)+pos+ksize > uint64(len(pg)) {
				return problem(ErrDamaged, "page %d (%s): key %d lies outside the page", id, what, i)
			}
			if p := w.page(le.Uint64(el[8:]), depth+1, what); p != nil {
				return p
			}
			continue
		}
		eflags, vsize := le.Uint32(el[0:]), uint64(le.Uint32(el[12:]))
		end := uint64(e) + pos + ksize + vsize
		if eflags&^bucketLeaf != 0 || end > uint64(len(pg)) || pos+ksize+vsize < pos {
			return problem(ErrDamaged, "page %d (%s): entry %d lies outside the page or has bad flags", id, what, i)
		}
		if eflags&bucketLeaf == 0 {
			continue
		}
		key := pg[uint64(e)+pos : uint64(e)+pos+ksize]
		val := pg[uint64(e)+pos+ksize : end]
		sub := owner{key: key}
		if len(val) < bucketHeaderSize {
			return problem(ErrDamaged, "%s has a %d-byte header", sub, len(val))
		}
		if root := le.Uint64(val); root != 0 {
			if p := w.page(root, depth+1, sub); p != nil {
				return p
			}
			continue
		}
		inline := val[bucketHeaderSize:]
		if len(inline) < pageHeaderSize {
			return problem(ErrDamaged, "%s has a truncated inline page", sub)
		}
		if p := w.nodes(inline, 0, depth+1, sub); p != nil {
			return p
		}
	}
	return nil
}
