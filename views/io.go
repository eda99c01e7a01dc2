package views

import (
	"fmt"
	"runtime/debug"
	"sync"
	"time"

	"github.com/align-team/align/views/ui"
	tea "github.com/charmbracelet/bubbletea"
)

// ioQueue runs the app's store reads and writes one at a time, in the order
// Update submitted them, on one goroutine. Ordering matters: five quick
// presses of → must leave the fifth value in the store, and a reload
// submitted after a save must see it. Submitting only appends to a slice, so
// Update never blocks; the returned command waits for the job's result.
type ioQueue struct {
	mu      sync.Mutex
	jobs    []ioJob
	running bool
	idle    *sync.Cond
	ran     uint64 // jobs started so far: the running job's sequence number
}

type ioJob struct {
	fn  func() tea.Msg
	out chan tea.Msg
}

func newIOQueue() *ioQueue {
	q := &ioQueue{}
	q.idle = sync.NewCond(&q.mu)
	return q
}

// Submit queues fn and returns a command that yields its message. A panic in
// fn becomes a fatal ui.ErrMsg, so the program ends cleanly with the error.
func (q *ioQueue) Submit(fn func() tea.Msg) tea.Cmd {
	out := make(chan tea.Msg, 1)
	q.mu.Lock()
	q.jobs = append(q.jobs, ioJob{fn: fn, out: out})
	if !q.running {
		q.running = true
		go q.work()
	}
	q.mu.Unlock()
	return func() tea.Msg { return <-out }
}

func (q *ioQueue) work() {
	for {
		q.mu.Lock()
		if len(q.jobs) == 0 {
			q.running = false
			q.idle.Broadcast()
			q.mu.Unlock()
			return
		}
		job := q.jobs[0]
		q.jobs = q.jobs[1:]
		q.ran++
		q.mu.Unlock()
		job.out <- runSafely(job.fn)
	}
}

// Seq returns the sequence number of the job running now; call it only
// from inside a job. Jobs run in order, so a larger number saw every write
// of a smaller one. Results come back to Update through separate command
// goroutines, in any order: screens compare these numbers so that a load
// taken before a save never overwrites what that save stored.
func (q *ioQueue) Seq() uint64 {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.ran
}

// wait blocks until every submitted job has finished, or until timeout.
func (q *ioQueue) wait(timeout time.Duration) bool {
	done := make(chan struct{})
	go func() {
		q.mu.Lock()
		for q.running {
			q.idle.Wait()
		}
		q.mu.Unlock()
		close(done)
	}()
	select {
	case <-done:
		return true
	case <-time.After(timeout):
		return false
	}
}

// runSafely calls fn, turning a panic into a fatal ui.ErrMsg.
func runSafely(fn func() tea.Msg) (msg tea.Msg) {
	defer func() {
		if r := recover(); r != nil {
			msg = ui.ErrMsg{Err: panicError{value: r, stack: string(debug.Stack())}, Fatal: true}
		}
	}()
	return fn()
}

// guard wraps cmd so that a panic inside it becomes a fatal ui.ErrMsg, and the
// program quits in order and reports it, instead of Bubble Tea killing the
// program from its command goroutine with the message drawn on the
// alternate screen, where nobody sees it. The commands of a batch are guarded
// one by one; those of a tea.Sequence are left to Bubble Tea's own recovery.
func guard(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg {
		msg := runSafely(cmd)
		if b, ok := msg.(tea.BatchMsg); ok {
			for i := range b {
				b[i] = guard(b[i])
			}
		}
		return msg
	}
}

// injectPanic panics where Options.TestPanic says, on purpose, so that a
// test can check that the terminal is restored and the error reported: in
// Update itself (App.Update recovers it), in a returned command (guard
// recovers it) or in a store job on the I/O goroutine (runSafely recovers it).
func (a App) injectPanic() (tea.Model, tea.Cmd) {
	what := "test panic (ALIGN_TEST_PANIC=" + a.testPanic + ")"
	switch a.testPanic {
	case "update":
		panic(what)
	case "command":
		return a, func() tea.Msg { panic(what) }
	case "io":
		return a, a.deps.IO.Submit(func() tea.Msg { panic(what) })
	}
	return a, nil
}

// panicError is the error a recovered panic becomes.
type panicError struct {
	value any
	stack string
}

// Error implements error.
func (p panicError) Error() string { return fmt.Sprintf("internal error: %v", p.value) }
