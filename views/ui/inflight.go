package ui

import (
	"github.com/google/uuid"
)

// Inflight tracks, per record, the saves still queued and the I/O sequence
// of the last one that finished. A snapshot from the store was read at some
// point of the I/O queue; while a save of a record is in flight, or when the
// snapshot was read before its last save finished, the value on screen is
// newer than the snapshot's and must be kept. Assess and Review both track
// their edits this way. The maps are shared by copies of the screen, as
// screens are values.
type Inflight struct {
	pending map[uuid.UUID]int    // saves in flight per record
	settled map[uuid.UUID]uint64 // I/O sequence of the last finished save
}

// NewInflight returns an Inflight that tracks nothing yet.
func NewInflight() Inflight {
	return Inflight{pending: map[uuid.UUID]int{}, settled: map[uuid.UUID]uint64{}}
}

// Start records a save of id entering the queue.
func (f Inflight) Start(id uuid.UUID) { f.pending[id]++ }

// Finish records a save of id leaving the queue; a save that succeeded at
// sequence seq settles it. It reports whether the stored value may replace
// the one on screen: no other save of id is in flight, and no later save of
// it has already come back. Replies arrive in any order, so the last reply
// to arrive may be an older save's (its text one keystroke short).
func (f Inflight) Finish(id uuid.UUID, seq uint64, ok bool) (apply bool) {
	if f.pending[id] > 0 {
		f.pending[id]--
	}
	prev := f.settled[id]
	if ok {
		f.settled[id] = max(prev, seq)
	}
	return f.pending[id] == 0 && seq >= prev
}

// Stale reports whether a snapshot read at sequence seq is older than what
// the screen shows for id.
func (f Inflight) Stale(id uuid.UUID, seq uint64) bool {
	return f.pending[id] > 0 || seq < f.settled[id]
}
