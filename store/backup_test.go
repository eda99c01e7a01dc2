package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/align-team/align/model"
)

func TestStore_Backup(t *testing.T) {
	s := newTestStore(t)
	seed(t, s)
	dest := filepath.Join(t.TempDir(), "copy.db")
	if err := s.Backup(dest, false); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { checkFile(t, dest) })
	if info, err := os.Stat(dest); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("backup: %v, %v", info, err)
	}
	// The store states the fact; cli adds "; use --force to overwrite it" (cli/advice_test.go).
	if err := s.Backup(dest, false); !errors.Is(err, fs.ErrExist) || err.Error() != dest+" already exists" {
		t.Errorf("second backup without force: %v", err)
	}
	addGoal(t, s, "Added after the first backup")
	if err := s.Backup(dest, true); err != nil {
		t.Fatalf("forced backup: %v", err)
	}
	if err := s.Backup(s.Path(), true); err == nil {
		t.Error("backed up onto itself")
	}
	if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".*tmp*")); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}

	want := must[model.Dataset](t)(s.Dataset(DatasetOptions{IncludeDeleted: true}))
	c := openTestStore(t, dest, Options{ReadOnly: true})
	got := must[model.Dataset](t)(c.Dataset(DatasetOptions{IncludeDeleted: true}))
	if !reflect.DeepEqual(got, want) || len(got.Goals) != 2 {
		t.Errorf("backup holds %+v, want %+v", got, want)
	}
	if ps, err := c.Check(); err != nil || len(ps) > 0 {
		t.Errorf("backup check: %v %v", ps, err)
	}
}
