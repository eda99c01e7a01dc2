package filesafe

// The background walk in stages, so that the first reads need not wait
// for the whole file.
//
// Stage one checks everything but the sprints' own nested buckets: the
// freelist, the root bucket, the meta, goals, members and sprints buckets
// whole, and the sprintdata bucket's own pages with every sprint's bucket
// header. Stage two checks each sprint's nested bucket, those a reader waits
// for first and then newest key first, and publishes each as it passes. Then the pages neither used nor free are
// looked for, and the verdict is final.
//
// A read confined to what has passed may run before the verdict (the
// store's viewEarly: the workspace, members, goals and sprint headers;
// viewSprint: one sprint's records as well; both wait with WaitPart); every other transaction, and every write,
// waits for the verdict, and once it is damage every transaction fails.
// bbolt so never reads a page the guard has not checked (a page referenced
// twice, one use checked early and one later, is found by stage two and
// fails the file then; each use alone was in bounds).

import (
	"runtime/debug"
	"time"
)

// laterBucket is a nested bucket whose walk stage one left for stage two.
type laterBucket struct {
	key, val []byte
	id       uint64 // the leaf page holding its header
	depth    int
}

// publishEarly marks stage one as passed.
func (g *Gate) publishEarly() {
	g.mu.Lock()
	g.early = true
	g.progressed()
	g.mu.Unlock()
}

// publishSprint marks the nested bucket under key as passed.
func (g *Gate) publishSprint(key []byte) {
	g.mu.Lock()
	g.sprints[string(key)] = true
	g.progressed()
	g.mu.Unlock()
}

// progressed wakes the waiters; g.mu is held.
func (g *Gate) progressed() {
	if g.progress != nil {
		close(g.progress)
	}
	g.progress = make(chan struct{})
}

// WaitPart waits until stage one has passed and, when key is not nil, the
// nested bucket under key too, or until the verdict. It returns the
// verdict's error when the walk has ended, else nil.
func (g *Gate) WaitPart(key []byte) error {
	if key != nil {
		g.mu.Lock()
		g.wanted = append(g.wanted, string(key)) // walked next
		g.progressed()
		g.mu.Unlock()
	}
	for {
		g.mu.Lock()
		ready := g.early && (key == nil || g.sprints[string(key)])
		ch := g.progress
		g.mu.Unlock()
		select {
		case <-g.done:
			return g.err
		default:
		}
		if ready {
			return nil
		}
		select {
		case <-ch:
		case <-g.done:
		}
	}
}

// stagedWalk is safeWalk in the stages above, publishing to g as it goes;
// it returns the problems found.
func stagedWalk(data []byte, h header, g *Gate, staged []byte) (ps []*fileProblem) {
	w := &walker{data: data, pageSize: h.pageSize, pgid: h.meta.pgid, used: make([]byte, h.meta.pgid), deferIn: staged, release: true}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			ps = append(w.found, problem(ErrDamaged, "it cannot be read (%v)", r))
		}
	}()
	w.used[0], w.used[1] = 1, 1
	if p := w.freelist(h.meta.freelist); p != nil {
		return w.found
	}
	if p := w.page(h.meta.root, 0, 0, owner{}); p != nil {
		return w.found
	}
	index := make(map[string]int, len(w.deferred))
	for i, b := range w.deferred {
		index[string(b.key)] = i
	}
	g.publishEarly()
	walked := make([]bool, len(w.deferred))
	next := len(w.deferred) - 1
	for range w.deferred {
		i := g.takeWanted(index, walked)
		for i < 0 && g.holding() {
			g.waitHold()
			i = g.takeWanted(index, walked)
		}
		if i < 0 {
			for walked[next] {
				next--
			}
			i = next
		}
		walked[i] = true
		b := w.deferred[i]
		if p := w.bucket(b.val, b.id, b.depth, owner{key: b.key}); p != nil {
			return w.found
		}
		g.publishSprint(b.key)
	}
	w.lost()
	return w.found
}

// Resume lets the walk go on past the buckets readers wait for; every
// wait for the whole verdict (Verdict) calls it, and so can the opener once
// its first screen is drawn (Store.ResumeWalk). Until then (or holdLimit
// at most) the walk checks only what readers wait for.
func (g *Gate) Resume() { g.resumed.Do(func() { close(g.hold) }) }

// Verdict resumes the walk, waits for it to end and returns its verdict:
// nil when the file passed, else the error Guard would have returned.
func (g *Gate) Verdict() error {
	g.Resume()
	return g.Await()
}

// Await waits for the verdict of the walk as it goes, without resuming a
// held walk.
func (g *Gate) Await() error {
	<-g.done
	return g.err
}

// holding reports whether the walk is still held.
func (g *Gate) holding() bool {
	select {
	case <-g.hold:
		return false
	default:
		return true
	}
}

// waitHold waits, while the walk is held, until something happens (a reader
// wants a bucket, the walk is resumed) or holdLimit passes, which resumes it.
func (g *Gate) waitHold() {
	g.mu.Lock()
	ch, want := g.progress, len(g.wanted) > 0
	g.mu.Unlock()
	if want {
		return
	}
	t := time.NewTimer(holdLimit)
	defer t.Stop()
	select {
	case <-g.hold:
	case <-ch:
	case <-t.C:
		g.Resume()
	}
}

// holdLimit bounds how long the walk is held for an opener that never
// resumes it.
const holdLimit = time.Second

// takeWanted returns the index of a sprint bucket a reader waits for that
// is not walked yet, or -1; the readers' wishes go first.
func (g *Gate) takeWanted(index map[string]int, walked []bool) int {
	g.mu.Lock()
	defer g.mu.Unlock()
	for len(g.wanted) > 0 {
		key := g.wanted[0]
		g.wanted = g.wanted[1:]
		i, ok := index[key]
		if !ok {
			// No such bucket: looking for it reads only the sprintdata
			// bucket's own pages, which stage one checked.
			g.sprints[key] = true
			g.progressed()
			continue
		}
		if !walked[i] {
			return i
		}
	}
	return -1
}
