package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/align-team/align/model"
	bolt "go.etcd.io/bbolt"
)

func TestOpen_SecondOpen_Locked(t *testing.T) {
	s := newTestStore(t)
	start := time.Now()
	s2, err := Open(s.Path(), Options{})
	elapsed := time.Since(start)
	if err == nil {
		_ = s2.Close()
		t.Fatal("second open succeeded")
	}
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("error %q is not ErrLocked", err)
	}
	if want := s.Path() + " is in use by another align process"; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
	if elapsed > 2*time.Second {
		t.Errorf("second open took %v; want about the one-second timeout", elapsed)
	}
	// A read-only open waits for the writer just the same.
	if _, err := Open(s.Path(), Options{ReadOnly: true, Timeout: 100 * time.Millisecond}); !errors.Is(err, ErrLocked) {
		t.Errorf("read-only open beside a writer: %v, want ErrLocked", err)
	}
}

func TestOpen_Permissions_Umask0(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	dir := filepath.Join(t.TempDir(), "data", "align")
	path := filepath.Join(dir, "align.db")
	t.Cleanup(func() { checkFile(t, path) })
	s := openTestStore(t, path, Options{})
	_ = s.Close()
	for p, want := range map[string]os.FileMode{dir: 0o700, filepath.Dir(dir): 0o700, path: 0o600} {
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode().Perm(); got != want {
			t.Errorf("%s has mode %o, want %o", p, got, want)
		}
	}

	// An existing file someone widened is made private again.
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	s = openTestStore(t, path, Options{})
	_ = s.Close()
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("reopened file has mode %o, want 600", info.Mode().Perm())
	}
}

func TestOpen_ReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "align.db")
	t.Cleanup(func() { checkFile(t, path) })
	s := openTestStore(t, path, Options{})
	f := seed(t, s)
	_ = s.Close()
	before, _ := os.ReadFile(path)

	r1 := openTestStore(t, path, Options{ReadOnly: true})
	r2 := openTestStore(t, path, Options{ReadOnly: true}) // a second reader shares the lock
	for _, r := range []*Store{r1, r2} {
		d, err := r.SprintData(f.sprint.ID)
		if err != nil || len(d.Stories) != 1 {
			t.Fatalf("read-only SprintData = %+v, %v", d, err)
		}
	}
	if !r1.ReadOnly() {
		t.Error("ReadOnly() = false")
	}
	writes := map[string]error{
		"SaveGoal": func() error { _, err := r1.SaveGoal(model.Goal{Title: "x"}); return err }(),
		"SetTeam":  r1.SetTeam("x"),
		"Apply":    r1.Apply(model.Dataset{}),
	}
	for name, err := range writes {
		if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s on a read-only store: %v, want ErrReadOnly naming the path", name, err)
		}
	}
	if _, err := Open(path, Options{Timeout: 100 * time.Millisecond}); !errors.Is(err, ErrLocked) {
		t.Errorf("writer beside readers: %v, want ErrLocked", err)
	}
	_ = r1.Close()
	_ = r2.Close()
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("read-only opens changed the file")
	}
}

func TestOpen_ReadOnly_MissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nope", "align.db")
	_, err := Open(path, Options{ReadOnly: true})
	if !errors.Is(err, ErrNotFound) || !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("error %v is not ErrNotFound and ErrNotExist", err)
	}
	// The store states the fact; cli adds "; run `align init`" (cli/advice_test.go).
	var nw *NoWorkspaceError
	if want := "no workspace at " + path; err.Error() != want || !errors.As(err, &nw) || nw.Path != path {
		t.Errorf("error = %q, want %q, a *NoWorkspaceError", err, want)
	}
	if _, err := os.Stat(filepath.Dir(path)); !errors.Is(err, os.ErrNotExist) {
		t.Error("read-only open created the directory")
	}
}

func TestOpen_NotAWorkspace(t *testing.T) {
	big := bytes.Repeat([]byte("not a database\n"), 2000)
	tests := []struct {
		name     string
		make     func(t *testing.T, path string)
		readOnly bool
	}{
		{"text file", func(t *testing.T, p string) { writeFile(t, p, []byte("hello\n")) }, false},
		{"large text file", func(t *testing.T, p string) { writeFile(t, p, big) }, false},
		{"large text file read-only", func(t *testing.T, p string) { writeFile(t, p, big) }, true},
		{"empty file read-only", func(t *testing.T, p string) { writeFile(t, p, nil) }, true},
		{"directory", func(t *testing.T, p string) { _ = os.Mkdir(p, 0o700) }, false},
		{"bbolt file of another program", func(t *testing.T, p string) {
			rawUpdate(t, p, func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("other")); return err })
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "align.db")
			tt.make(t, path)
			before, _ := os.ReadFile(path)
			s, err := Open(path, Options{ReadOnly: tt.readOnly})
			if err == nil {
				_ = s.Close()
				t.Fatal("opened")
			}
			if !errors.Is(err, ErrNotWorkspace) || !strings.Contains(err.Error(), path) {
				t.Errorf("error %q: want ErrNotWorkspace naming the path", err)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Error("the file was changed")
			}
		})
	}
}

func TestOpen_NewerSchema_LeavesFileUntouched(t *testing.T) {
	path := filepath.Join(t.TempDir(), "align.db")
	s := openTestStore(t, path, Options{})
	seed(t, s)
	_ = s.Close()
	rawUpdate(t, path, func(tx *bolt.Tx) error { return writeVersion(tx, SchemaVersion+1) })
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	infoBefore, _ := os.Stat(path)
	for _, ro := range []bool{false, true} {
		_, err := Open(path, Options{ReadOnly: ro})
		if !errors.Is(err, ErrNewerSchema) {
			t.Fatalf("read-only %v: error %v is not ErrNewerSchema", ro, err)
		}
		for _, want := range []string{path, fmt.Sprintf("schema version %d", SchemaVersion+1), fmt.Sprintf("up to version %d", SchemaVersion)} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not mention %q", err, want)
			}
		}
	}
	after, _ := os.ReadFile(path)
	infoAfter, _ := os.Stat(path)
	if !bytes.Equal(before, after) || !infoAfter.ModTime().Equal(infoBefore.ModTime()) {
		t.Error("refusing a newer file changed it")
	}
	if matches, _ := filepath.Glob(path + "*.bak*"); len(matches) > 0 {
		t.Errorf("refusal left backups: %v", matches)
	}
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}
