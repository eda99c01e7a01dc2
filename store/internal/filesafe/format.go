package filesafe

import (
	"encoding/binary"
	"errors"
	"os"
)

// What of bbolt's file format the store's tests need to damage a file on
// purpose, and to build a fixture that is the same on every run.

// ElementSize is the size of one branch or leaf element of a bbolt page.
const ElementSize = elementSize

// FormatVersion is the bbolt storage format this align reads.
const FormatVersion = boltVersion

// BranchPage is the page flag of a bbolt branch page.
const BranchPage = branchPage

// Meta is what the meta page bbolt uses says of its file.
type Meta struct {
	PageSize int
	Root     uint64 // the root bucket's page
	Pgid     uint64 // the file's pages: [0, Pgid)
	Txid     uint64 // the last committed transaction
}

// ReadMeta validates the meta pages of the open file f and returns the one
// bbolt will use.
func ReadMeta(f *os.File) (Meta, error) {
	info, err := f.Stat()
	if err != nil {
		return Meta{}, err
	}
	h, p := readHeader(f, info.Size())
	if p != nil {
		return Meta{}, errors.New(p.what)
	}
	return Meta{PageSize: h.pageSize, Root: h.meta.root, Pgid: h.meta.pgid, Txid: h.meta.txid}, nil
}

// FileIno returns the inode number of info's file (0 where there is none).
func FileIno(info os.FileInfo) uint64 { return fileIno(info) }

// ZeroSlack clears the bytes of the bbolt file data that bbolt never reads
// (free pages and the unused end of each page), after walking it whole.
// bbolt fills pages from a buffer pool without clearing them, so those
// bytes differ from run to run; cleared, a file built by the same steps is
// the same on every run (the store's damage tests keep one).
func ZeroSlack(data []byte, tmpDir string) error {
	f, err := os.CreateTemp(tmpDir, "base")
	if err != nil {
		return err
	}
	_, _ = f.Write(data)
	h, p := readHeader(f, int64(len(data)))
	_ = f.Close()
	if p != nil {
		return errors.New(p.what)
	}
	w := &walker{data: data, pageSize: h.pageSize, pgid: h.meta.pgid, used: make([]byte, h.meta.pgid)}
	w.used[0], w.used[1] = 1, 1
	if p := w.freelist(h.meta.freelist); p != nil {
		return errors.New(p.what)
	}
	if p := w.page(h.meta.root, 0, 0, owner{}); p != nil {
		return errors.New(p.what)
	}
	for id := uint64(0); id < h.meta.pgid; {
		pg := data[id*uint64(h.pageSize):]
		if w.used[id] != 1 {
			clear(pg[:h.pageSize])
			id++
			continue
		}
		end, span := usedBytes(pg, h.pageSize)
		clear(pg[end:span])
		id += span / uint64(h.pageSize)
	}
	return nil
}

// usedBytes returns how many bytes of page pg bbolt reads and how long the
// page is with its overflow.
func usedBytes(pg []byte, pageSize int) (end, span uint64) {
	le := binary.LittleEndian
	span = (uint64(le.Uint32(pg[12:])) + 1) * uint64(pageSize)
	end, count := uint64(pageHeaderSize), uint64(le.Uint16(pg[10:]))
	switch le.Uint16(pg[8:]) {
	case metaPage:
		return pageHeaderSize + metaSize, uint64(pageSize)
	case freelistPage:
		if count == 0xFFFF {
			count = le.Uint64(pg[16:]) + 1
		}
		return end + 8*count, span
	}
	end += elementSize * count
	for i := range count {
		el := pg[pageHeaderSize+i*elementSize:]
		e := pageHeaderSize + i*elementSize
		if le.Uint16(pg[8:]) == branchPage {
			end = max(end, e+uint64(le.Uint32(el[0:]))+uint64(le.Uint32(el[4:])))
		} else {
			end = max(end, e+uint64(le.Uint32(el[4:]))+uint64(le.Uint32(el[8:]))+uint64(le.Uint32(el[12:])))
		}
	}
	return end, span
}
