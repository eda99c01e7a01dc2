package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/store/internal/filesafe"
)

// A deferred automatic backup is not taken by Open, is taken by
// StartAutoBackup while the store stays usable, and is waited for by
// AutoBackup and Close; one never started is not taken at all.
func TestOpen_DeferAutoBackup(t *testing.T) {
	path := filepath.Join(t.TempDir(), "align.db")
	clock := &stepClock{t: t0}
	s, err := Open(path, Options{Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	addGoal(t, s, "First")
	_ = s.Close()

	clock.t = t0.Add(24 * time.Hour)
	s, err = Open(path, Options{Now: clock.Now, DeferAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(filesafe.ListBackups(path, clock.t)); n != 0 {
		t.Fatalf("Open with DeferAutoBackup took %d backups before StartAutoBackup", n)
	}
	if b, err := s.AutoBackup(); b != "" || err != nil {
		t.Fatalf("AutoBackup before StartAutoBackup = %q, %v; want nothing", b, err)
	}
	_ = s.Close() // never started: nothing taken
	if n := len(filesafe.ListBackups(path, clock.t)); n != 0 {
		t.Fatalf("a deferred backup never started was taken (%d files)", n)
	}

	s, err = Open(path, Options{Now: clock.Now, DeferAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	s.StartAutoBackup()
	s.StartAutoBackup() // the second call does nothing
	addGoal(t, s, "While the backup runs")
	b, err := s.AutoBackup()
	if err != nil || b == "" {
		t.Fatalf("AutoBackup after StartAutoBackup = %q, %v; want the backup", b, err)
	}
	if err := filesafe.Verify(b); err != nil {
		t.Fatalf("the deferred backup does not verify: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(filesafe.BackupDir(path))
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("a temporary file was left behind: %s", e.Name())
		}
	}
	if n := len(filesafe.ListBackups(path, clock.t)); n != 1 {
		t.Errorf("%d backups, want 1", n)
	}
}

// Close waits for a deferred backup that is still running, so the copy is
// complete and verifies after Close returns.
func TestClose_WaitsForDeferredBackup(t *testing.T) {
	path := filepath.Join(t.TempDir(), "align.db")
	clock := &stepClock{t: t0}
	s, err := Open(path, Options{Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 50 {
		addGoal(t, s, strings.Repeat("g", i+1))
	}
	_ = s.Close()
	clock.t = t0.Add(48 * time.Hour)
	s, err = Open(path, Options{Now: clock.Now, DeferAutoBackup: true})
	if err != nil {
		t.Fatal(err)
	}
	s.StartAutoBackup()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	got := filesafe.ListBackups(path, clock.t)
	if len(got) != 1 {
		t.Fatalf("%d backups after Close, want 1", len(got))
	}
	if err := filesafe.Verify(got[0].Path); err != nil {
		t.Fatalf("the backup Close waited for does not verify: %v", err)
	}
}
