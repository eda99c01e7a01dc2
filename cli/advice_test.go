package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/store"
)

// TestFileAdvice: cli words the command-line advice after each of the
// store's typed errors, exactly as the store once did itself, keeps what the
// error matches, and adds it only once however often it is asked.
func TestFileAdvice(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "align.db")
	fifo := filepath.Join(dir, "fifo")
	if err := mkfifo(fifo); err != nil {
		t.Skip(err)
	}
	info, err := os.Lstat(fifo)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		err  error
		want string
		is   error
	}{
		{&store.NoWorkspaceError{Path: db, Err: fs.ErrNotExist}, "no workspace at " + db + "; run `align init`", fs.ErrNotExist},
		{&store.NotWorkspaceError{Path: db, Empty: true}, db + " is an empty database, not an align workspace; run `align init`", store.ErrNotWorkspace},
		{store.NotRegularError(dir, fs.ModeDir|0o700), dir + " is a directory, not an align workspace; --db needs a file path such as " + filepath.Join(dir, "align.db"), store.ErrNotWorkspace},
		{store.NotRegularError(fifo, info.Mode()), fifo + " is a named pipe (FIFO), not an align workspace; --db needs a regular file", store.ErrNotWorkspace},
		{&store.NewerSchemaError{Path: db, What: "schema version 9; this align reads up to version 4"}, db + " was written by a newer align (schema version 9; this align reads up to version 4); upgrade align to open it", store.ErrNewerSchema},
		{&store.OldSchemaError{Path: db, Version: 1, Want: 4}, db + " has schema version 1 and needs an upgrade to version 4; run a command that changes the workspace (or `align` itself) once to upgrade it", store.ErrOldSchema},
		{&store.RecordError{Where: "goal 0190", Err: errors.New("bad JSON")}, "stored record goal 0190 is damaged (bad JSON); run `align check`", store.ErrDamaged},
		{&store.RecordError{Where: "workspace", Missing: true}, "the workspace record is missing; run `align check`", nil},
		{&store.ExistsError{Path: db}, db + " already exists; use --force to overwrite it", fs.ErrExist},
		{&store.DamagedError{Path: db, What: "it is truncated"}, db + " is damaged: it is truncated", store.ErrDamaged},
	}
	for _, tt := range tests {
		got := fileAdvice(tt.err)
		if got.Error() != tt.want {
			t.Errorf("fileAdvice(%T)\n got %q\nwant %q", tt.err, got, tt.want)
		}
		if tt.is != nil && !errors.Is(got, tt.is) {
			t.Errorf("fileAdvice(%T) no longer matches %v", tt.err, tt.is)
		}
		if again := fileAdvice(fmt.Errorf("wrapped: %w", got)); again.Error() != "wrapped: "+tt.want {
			t.Errorf("advice added twice: %q", again)
		}
	}
}

// TestInUse: the one sentence of the lock, with each command's advice.
func TestInUse(t *testing.T) {
	db := filepath.Join(t.TempDir(), "align.db")
	locked := error(&store.LockedError{Path: db})
	tests := []struct {
		err    error
		suffix string
		want   string
	}{
		{locked, "; close it and try again", db + " is in use by another align process; close it and try again"},
		{&advised{err: locked, suffix: "; close it and try again"}, " (another align serve, or align open in a terminal); close it and try again",
			db + " is in use by another align process (another align serve, or align open in a terminal); close it and try again"},
		{nil, "; close it and try again", "the workspace is in use by another align process; close it and try again"},
	}
	for _, tt := range tests {
		got := inUse(tt.err, tt.suffix)
		if got.Error() != tt.want || !errors.Is(got, store.ErrLocked) {
			t.Errorf("inUse(%v) = %q, want %q matching ErrLocked", tt.err, got, tt.want)
		}
	}
	if !strings.HasSuffix(store.ErrLocked.Error(), store.InUse) {
		t.Errorf("ErrLocked says %q, not the one sentence %q", store.ErrLocked, store.InUse)
	}
}

// TestOpen_LockWait: a command waits lockWait for the lock, then says
// who holds the workspace and what to do.
func TestOpen_LockWait(t *testing.T) {
	db := newWorkspace(t)
	held, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	start := time.Now()
	r := run(t, db, "member", "add", "Zed", "--handle", "zed")
	if want := db + " is in use by another align process; close it and try again"; r.err == nil || r.err.Error() != want {
		t.Fatalf("member add beside a writer: %v, want %q", r.err, want)
	}
	if waited := time.Since(start); waited < lockWait {
		t.Errorf("gave up after %v, before lockWait (%v)", waited, lockWait)
	}
}
