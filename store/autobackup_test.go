package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/model"
	"github.com/align-team/align/store/internal/filesafe"
)

// stepClock is a clock that stands still until the test moves it.
type stepClock struct{ t time.Time }

func (c *stepClock) Now() time.Time { return c.t }

func TestOpen_AutoBackup_Rotation(t *testing.T) {
	path := filepath.Join(t.TempDir(), "align.db")
	clock := &stepClock{t: t0}
	open := func() *Store {
		t.Helper()
		s, err := Open(path, Options{Now: clock.Now})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	s := open()
	if b, err := s.AutoBackup(); b != "" || err != nil {
		t.Errorf("a new workspace was backed up: %q, %v", b, err)
	}
	addGoal(t, s, "First")
	_ = s.Close()

	var taken []string
	for day := range 8 {
		clock.t = t0.Add(time.Duration(day) * 24 * time.Hour)
		s := open()
		b, err := s.AutoBackup()
		if err != nil || b == "" {
			t.Fatalf("day %d: AutoBackup() = %q, %v; want a backup", day, b, err)
		}
		taken = append(taken, b)
		// Within the interval: no second backup.
		_ = s.Close()
		clock.t = clock.t.Add(time.Hour)
		s = open()
		if again, _ := s.AutoBackup(); again != "" {
			t.Errorf("day %d: a second backup within the interval: %s", day, again)
		}
		addGoal(t, s, "Changed")
		_ = s.Close()
	}
	wantName := "align-" + t0.Add(7*24*time.Hour).Format(filesafe.BackupStamp) + ".db"
	if filepath.Base(taken[7]) != wantName {
		t.Errorf("backup name %s, want %s", filepath.Base(taken[7]), wantName)
	}
	left := filesafe.ListBackups(path, time.Now())
	if len(left) != AutoBackupKeep {
		t.Fatalf("%d backups kept, want %d", len(left), AutoBackupKeep)
	}
	for i, b := range left {
		if b.Path != taken[7-i] {
			t.Errorf("kept backup %d is %s, want %s", i, b.Path, taken[7-i])
		}
	}
	got, when, ok := LatestBackup(path)
	if !ok || got != taken[7] || !when.Equal(t0.Add(7*24*time.Hour)) {
		t.Errorf("LatestBackup = %s, %v, %v", got, when, ok)
	}
	checkFile(t, got)

	// A day later without any change in between: no new backup.
	clock.t = clock.t.Add(48 * time.Hour)
	s = open()
	_ = s.Close()
	clock.t = clock.t.Add(48 * time.Hour)
	s = open()
	if b, _ := s.AutoBackup(); b != "" {
		t.Errorf("backed up an unchanged workspace again: %s", b)
	}
	_ = s.Close()
}

func TestOpen_NoAutoBackup_ReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "align.db")
	_ = openTestStore(t, path, Options{}).Close()
	for _, opt := range []Options{{NoAutoBackup: true}, {ReadOnly: true}} {
		s := openTestStore(t, path, opt)
		_ = s.Close()
	}
	if bs := filesafe.ListBackups(path, time.Now()); len(bs) > 0 {
		t.Errorf("backups appeared: %v", bs)
	}
}

func TestOpen_Damaged_PointsToLatestBackup(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my data")
	path := filepath.Join(dir, "align.db")
	clock := &stepClock{t: t0}
	s := openTestStore(t, path, Options{Now: clock.Now})
	seed(t, s)
	_ = s.Close()
	clock.t = t0.Add(25 * time.Hour)
	s = openTestStore(t, path, Options{Now: clock.Now})
	backup, _ := s.AutoBackup()
	_ = s.Close()

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, what string
		data       []byte
	}{
		{"truncated", "it is truncated", data[:len(data)/2]},
		{"empty", "it is empty (0 bytes)", nil},
		{"meta page 0 zeroed", "meta page 0 is blank", append(make([]byte, 4096), data[4096:]...)},
		{"both meta pages zeroed", "both of its meta pages are overwritten", append(make([]byte, 8192), data[8192:]...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			writeFile(t, path, tt.data)
			for _, ro := range []bool{false, true} {
				_, err := Open(path, Options{ReadOnly: ro, Now: clock.Now})
				if tt.data == nil && ro {
					continue // read-only: "an empty file, not an align workspace"
				}
				if !errors.Is(err, ErrDamaged) {
					t.Fatalf("read-only %v: %v, want ErrDamaged", ro, err)
				}
				want := path + " is damaged: " + tt.what
				hint := "Nothing was changed or moved. The latest backup is " + backup + " (taken 2025-03-04 10:00 UTC); " +
					"to restore it, keep the damaged file aside and copy the backup: mv '" + path + "' '" + path + ".damaged' && cp '" + backup + "' '" + path + "'"
				if !strings.HasPrefix(err.Error(), want) || !strings.HasSuffix(err.Error(), hint) {
					t.Errorf("error:\n%s\nwant it to start %q and end %q", err, want, hint)
				}
			}
			if got, _ := os.ReadFile(path); string(got) != string(tt.data) {
				t.Error("the damaged file was changed")
			}
		})
	}
	// A file overwritten with something that is no workspace at all (zeros,
	// an export written over it) is not "damaged", but its backups are still
	// named.
	for _, junk := range [][]byte{make([]byte, 64*4096), []byte("# Sprint review: Sprint 25\n")} {
		writeFile(t, path, junk)
		for _, ro := range []bool{false, true} {
			_, err := Open(path, Options{ReadOnly: ro, Now: clock.Now})
			if !errors.Is(err, ErrNotWorkspace) || !strings.Contains(err.Error(), "The latest backup is "+backup) {
				t.Errorf("overwritten file, read-only %v: %v; want ErrNotWorkspace naming %s", ro, err, backup)
			}
		}
	}
	// Restoring as the message says gives a workspace that opens and checks.
	copyFile(t, backup, path)
	s = openTestStore(t, path, Options{Now: clock.Now})
	if gs := must[[]model.Goal](t)(s.Goals()); len(gs) != 1 {
		t.Errorf("restored workspace has %d goals", len(gs))
	}
}
