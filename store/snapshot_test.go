package store

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/align-team/align/model"
	"github.com/align-team/align/store/internal/filesafe"
)

func TestOpen_Snapshot_BesideWriter(t *testing.T) {
	w := newTestStore(t)
	g := addGoal(t, w, "Before the reader")

	r, err := Open(w.Path(), Options{ReadOnly: true, Snapshot: true})
	if err != nil {
		t.Fatalf("snapshot open beside a writer: %v", err)
	}
	if r.snapshot == nil {
		t.Fatal("expected a snapshot copy while the writer holds the file")
	}
	snap := r.snapshot.Name()
	if info, err := r.snapshot.Stat(); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("snapshot file: %v; want mode 0600", err)
	}
	// Unlinked as soon as it is open: a kill leaves nothing behind.
	if _, err := os.Stat(snap); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("snapshot %s still has a name while open: %v", snap, err)
	}
	goals, err := r.Goals()
	if err != nil || len(goals) != 1 || goals[0].ID != g.ID {
		t.Fatalf("snapshot goals = %v, %v; want the committed goal", goals, err)
	}
	if r.Path() != w.Path() {
		t.Errorf("Path() = %q, want the workspace path %q", r.Path(), w.Path())
	}
	if _, err := r.SaveGoal(g); !errors.Is(err, ErrReadOnly) {
		t.Errorf("write on a snapshot: %v, want ErrReadOnly", err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(snap); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("snapshot %s not removed on Close: %v", snap, err)
	}
}

func TestOpen_Snapshot_NoWriter(t *testing.T) {
	w := newTestStore(t)
	addGoal(t, w, "G")
	path := w.Path()
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := Open(path, Options{ReadOnly: true, Snapshot: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.snapshot != nil {
		t.Errorf("no writer holds the file, yet a snapshot %s was made", r.snapshot.Name())
	}
}

// TestOpen_Snapshot_WhileCommitting reads snapshots while the writer commits
// as fast as it can: every snapshot passes Check and holds a prefix of the
// writes (goals are saved in order, so a snapshot holds the first n).
func TestOpen_Snapshot_WhileCommitting(t *testing.T) {
	w := newTestStore(t)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := w.SaveGoal(goalNamed(i)); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	deadline := time.Now().Add(500 * time.Millisecond)
	reads := 0
	for time.Now().Before(deadline) {
		r, err := Open(w.Path(), Options{ReadOnly: true, Snapshot: true})
		if err != nil {
			if errors.Is(err, ErrLocked) { // changed on every try: allowed, rare
				continue
			}
			t.Fatal(err)
		}
		problems, err := r.Check()
		if err != nil || len(problems) > 0 {
			t.Fatalf("snapshot check: %v %v", problems, err)
		}
		goals, err := r.Goals()
		if err != nil {
			t.Fatal(err)
		}
		for i, g := range goals {
			if g.Title != goalNamed(i).Title {
				t.Fatalf("snapshot goal %d is %q: not a prefix of the writes", i, g.Title)
			}
		}
		_ = r.Close()
		reads++
	}
	close(stop)
	wg.Wait()
	if reads == 0 {
		t.Fatal("no snapshot could be read")
	}
}

func goalNamed(i int) model.Goal { return model.Goal{Title: fmt.Sprintf("Goal %05d", i)} }

// TestSnapshot_LeftoversRemoved: a copy left by a killed process (no lock)
// is removed by the next snapshot open; one another process holds stays.
func TestSnapshot_LeftoversRemoved(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	held, err := filesafe.NewSnapshotFile()
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = held.Close() }()
	left, err := os.CreateTemp("", filesafe.SnapshotPattern)
	if err != nil {
		t.Fatal(err)
	}
	_ = left.Close()

	w := newTestStore(t)
	r, err := Open(w.Path(), Options{ReadOnly: true, Snapshot: true})
	if err != nil {
		t.Fatal(err)
	}
	_ = r.Close()
	if _, err := os.Stat(left.Name()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("leftover %s not removed: %v", left.Name(), err)
	}
	if _, err := os.Stat(held.Name()); err != nil {
		t.Errorf("a copy in use was removed: %v", err)
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 1 {
		t.Errorf("temporary directory holds %d files, want only the one in use", len(entries))
	}
}

// TestOpen_Snapshot_IndexWhileCommitting reads snapshots while the writer
// adds sprints (each starting later, so the current sprint moves on every
// commit) and grows the file: in every snapshot the sprint index agrees
// with the headers (a torn copy would mix two commits), the sprints are a
// prefix of the writes, and the file passes Check. Bounded in time and in
// writes.
func TestOpen_Snapshot_IndexWhileCommitting(t *testing.T) {
	w := newTestStore(t)
	const maxWrites = 400
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < maxWrites; i++ {
			select {
			case <-stop:
				return
			default:
			}
			start := t0.AddDate(0, 0, i)
			sp := model.Sprint{Name: fmt.Sprintf("Sprint %05d", i), Start: start, End: start.AddDate(0, 0, 13)}
			if _, err := w.SaveSprint(sp); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	defer func() { close(stop); wg.Wait() }()
	deadline := time.Now().Add(400 * time.Millisecond)
	reads, seen := 0, map[int]bool{}
	for time.Now().Before(deadline) {
		r, err := Open(w.Path(), Options{ReadOnly: true, Snapshot: true})
		if errors.Is(err, ErrLocked) { // changed on every try: allowed, rare
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		seen[checkSnapshotIndex(t, r)] = true
		_ = r.Close()
		reads++
	}
	if reads == 0 {
		t.Fatal("no snapshot could be read")
	}
	t.Logf("%d snapshots, %d different commits", reads, len(seen))
}

// checkSnapshotIndex checks one snapshot for
// TestOpen_Snapshot_IndexWhileCommitting and returns how many sprints it holds.
func checkSnapshotIndex(t *testing.T, r *Store) int {
	t.Helper()
	if r.snapshot == nil {
		t.Fatal("expected a snapshot while the writer holds the file")
	}
	headers := must[[]model.Sprint](t)(r.Sprints())
	for i, sp := range headers {
		if want := fmt.Sprintf("Sprint %05d", i); sp.Name != want {
			t.Fatalf("snapshot sprint %d is %q, want %q: not a prefix of the writes", i, sp.Name, want)
		}
	}
	today := t0.AddDate(0, 0, len(headers)) // inside the newest sprints
	want, wantOK := model.CurrentSprint(headers, today)
	got, ok, err := r.CurrentSprint(today)
	if err != nil || ok != wantOK || got.ID != want.ID {
		t.Fatalf("snapshot of %d sprints: index says %q %v %v, headers say %q", len(headers), got.Name, ok, err, want.Name)
	}
	if problems, err := r.Check(); err != nil || len(problems) > 0 {
		t.Fatalf("snapshot check: %v %v", problems, err)
	}
	return len(headers)
}
