package views

import (
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	"github.com/align-team/align/views/ui"
	"github.com/google/uuid"
)

// snapshots is the hub's shared cache of what the sessions of one server
// show: one immutable ui.WorkspaceData per requested sprint, day and store
// version. After a save every session reloads; the first to ask decodes
// the workspace once, the others wait for it and share its result, so one
// save costs one decode however many sessions are open. Sessions must
// treat the shared slices and maps as read-only (every screen copies what
// it reorders). Viewer-specific fields (LastMember, Seq) are set on each
// session's copy of the struct by loadCmd.
type snapshots struct {
	mu      sync.Mutex
	entries map[snapKey]*snapEntry
	decodes atomic.Int64                                                       // loadWorkspace calls made, for tests and benchmarks
	read    func(*store.Store, uuid.UUID, time.Time) (ui.WorkspaceData, error) // loadWorkspace; tests replace it
}

// snapKey names a load: the file, the sprint asked for (uuid.Nil: the
// current one) and the day, since the current sprint and Today follow the
// clock.
type snapKey struct {
	path   string
	sprint uuid.UUID
	day    time.Time // Today, in the clock's zone
	utcDay time.Time // the current sprint's day (model.CurrentSprint)
}

// snapEntry is one load, done or in flight: ready closes when data and err
// are set.
type snapEntry struct {
	version uint64
	ready   chan struct{}
	data    ui.WorkspaceData
	err     error
}

// maxSnapshots bounds the cache of one commit: sessions looking at many
// sprints keep at most this many loads (older ones are dropped first by
// version, then any).
const maxSnapshots = 64

func newSnapshots() *snapshots {
	return &snapshots{entries: map[snapKey]*snapEntry{}, read: loadWorkspace}
}

// errSharedLoad is what sessions waiting on a shared load get when the
// load itself ended without a result (it panicked; its own session reports
// the panic).
var errSharedLoad = errors.New("loading the workspace failed in another session")

// load returns loadWorkspace(st, id, now), decoding only when no session
// has loaded that sprint at the store's current version yet. A load that a
// commit overtook (the version changed while it read) is returned to its
// caller but not kept, so nobody is handed a mix of two commits as current.
func (c *snapshots) load(st *store.Store, id uuid.UUID, now time.Time) (ui.WorkspaceData, error) {
	v, err := st.Version()
	if err != nil {
		return ui.WorkspaceData{}, err
	}
	key := snapKey{path: st.Path(), sprint: id, day: model.Day(now), utcDay: model.Day(now.UTC())}
	c.mu.Lock()
	if e, ok := c.entries[key]; ok && e.version == v {
		c.mu.Unlock()
		<-e.ready
		return e.data, e.err
	}
	e := &snapEntry{version: v, ready: make(chan struct{}), err: errSharedLoad}
	// A commit makes every older load useless: drop them, so the cache
	// holds no more than the snapshots the sessions show now.
	for k, old := range c.entries {
		if old.version < v || len(c.entries) >= maxSnapshots {
			delete(c.entries, k)
		}
	}
	c.entries[key] = e
	c.mu.Unlock()

	c.decodes.Add(1)
	kept := false
	defer func() {
		// However the load ends (a panic too, which the I/O queue reports),
		// the sessions waiting on e are released, and only a clean load of
		// an unchanged version stays cached.
		if !kept {
			c.mu.Lock()
			if c.entries[key] == e {
				delete(c.entries, key)
			}
			c.mu.Unlock()
		}
		close(e.ready)
	}()
	e.data, e.err = c.read(st, id, now)
	after, verr := st.Version()
	kept = e.err == nil && verr == nil && after == v
	return e.data, e.err
}
