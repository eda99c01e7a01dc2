//go:build faultinject

package store

// Run with: go test -tags faultinject ./store/

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/model"
	"github.com/align-team/align/store/internal/filesafe"
)

var errInjected = errors.New("injected fault")

// recordSteps runs fn and returns the fault steps it passed, in order.
func recordSteps(t *testing.T, fn func()) []string {
	t.Helper()
	var steps []string
	old := filesafe.SetFaultHook(func(step string) error { steps = append(steps, step); return nil })
	defer filesafe.SetFaultHook(old)
	fn()
	return steps
}

// failing installs a hook that fails the n-th (1-based) pass of step, until
// the test ends.
func failing(t *testing.T, step string, n int) {
	t.Helper()
	seen := 0
	old := filesafe.SetFaultHook(func(s string) error {
		if s != step {
			return nil
		}
		if seen++; seen == n {
			return fmt.Errorf("%w at %s #%d", errInjected, step, n)
		}
		return nil
	})
	t.Cleanup(func() { filesafe.SetFaultHook(old) })
}

// occurrences lists each step of steps with its pass number.
func occurrences(steps []string) [][2]any {
	count := map[string]int{}
	var out [][2]any
	for _, s := range steps {
		count[s]++
		out = append(out, [2]any{s, count[s]})
	}
	return out
}

// dirNames lists the names in dir, for spotting leftovers: everything but
// the guard's stamp and a backups directory holding nothing else.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		switch {
		case strings.HasSuffix(e.Name(), "-verified"):
		case e.Name() == "align-backups" && len(dirNames(t, filepath.Join(dir, "align-backups"))) == 0:
		default:
			names = append(names, e.Name())
		}
	}
	return names
}

func TestFault_Apply_AllOrNothing(t *testing.T) {
	var steps []string
	{
		s := newTestStore(t)
		f := seed(t, s)
		bundle := crashBundle([]model.Member{f.ann, f.bob}, t0, 1)
		steps = recordSteps(t, func() {
			if err := s.Apply(bundle); err != nil {
				t.Fatal(err)
			}
		})
	}
	if len(steps) < 20 {
		t.Fatalf("Apply passed only %d fault steps: %v", len(steps), steps)
	}
	for _, occ := range occurrences(steps) {
		step, n := occ[0].(string), occ[1].(int)
		t.Run(fmt.Sprintf("%s#%d", step, n), func(t *testing.T) {
			s := newTestStore(t)
			f := seed(t, s)
			bundle := crashBundle([]model.Member{f.ann, f.bob}, t0, 1)
			before := must[model.Dataset](t)(s.Dataset(DatasetOptions{IncludeDeleted: true}))
			failing(t, step, n)
			if err := s.Apply(bundle); !errors.Is(err, errInjected) {
				t.Fatalf("Apply with a fault at %s #%d: %v", step, n, err)
			}
			after := must[model.Dataset](t)(s.Dataset(DatasetOptions{IncludeDeleted: true}))
			if !reflect.DeepEqual(before, after) {
				t.Errorf("a failed Apply changed the workspace")
			}
		})
	}
	t.Logf("fault injection: Apply failed at each of its %d write steps; the workspace stayed in its old state every time", len(steps))
}

func TestFault_Migration_LeavesVersion1(t *testing.T) {
	var steps []string
	{
		path := filepath.Join(t.TempDir(), "align.db")
		v1Fixture(t, path, nil)
		steps = recordSteps(t, func() { _ = openTestStore(t, path, Options{}).Close() })
	}
	for _, want := range []string{"backup.write", "backup.sync", "backup.rename", "backup.syncdir", "migrate.v2", "migrate.version"} {
		if !strings.Contains(strings.Join(steps, " "), want) {
			t.Errorf("opening a version-1 file does not pass %s: %v", want, steps)
		}
	}
	for _, occ := range occurrences(steps) {
		step, n := occ[0].(string), occ[1].(int)
		t.Run(fmt.Sprintf("%s#%d", step, n), func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "align.db")
			v1Fixture(t, path, map[string]string{"split_at": "25"})
			before, _ := os.ReadFile(path)
			failing(t, step, n)
			s, err := Open(path, Options{Now: newClock().Now})
			if strings.HasPrefix(step, "backup.") && n == 2 {
				// The automatic backup after the migration: Open succeeds
				// on the migrated file and reports the failed backup.
				if err != nil {
					t.Fatalf("open with a fault in the automatic backup: %v", err)
				}
				if _, aerr := s.AutoBackup(); !errors.Is(aerr, errInjected) {
					t.Errorf("AutoBackup() error = %v, want the injected fault", aerr)
				}
				if ws := must[Workspace](t)(s.Workspace()); ws.Schema != SchemaVersion {
					t.Errorf("not migrated: %+v", ws)
				}
				_ = s.Close()
				if names := dirNames(t, filesafe.BackupDir(path)); len(names) != 0 && step != "backup.syncdir" {
					t.Errorf("a failed automatic backup left %v", names)
				}
				return
			}
			if !errors.Is(err, errInjected) {
				if err == nil {
					_ = s.Close()
				}
				t.Fatalf("open with a fault at %s #%d: %v", step, n, err)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Error("the failed migration changed the version-1 file")
			}
			for _, name := range dirNames(t, dir) {
				whole := step == "backup.syncdir" || strings.HasPrefix(step, "migrate.") // the backup was complete
				if name != "align.db" && !(name == preBak("align.db") && whole) {
					t.Errorf("left behind: %s", name)
				}
			}
			filesafe.SetFaultHook(nil)
			s = openTestStore(t, path, Options{})
			if ws := must[Workspace](t)(s.Workspace()); ws.Schema != SchemaVersion || ws.Settings.SplitAt != 25 {
				t.Errorf("after the retry: %+v", ws)
			}
			if ps, err := s.Check(); err != nil || len(ps) > 0 {
				t.Errorf("after the retry: check %v %+v", err, ps)
			}
		})
	}
}

func TestFault_Backup_WholeOrNone(t *testing.T) {
	s := newTestStore(t)
	seed(t, s)
	dir := t.TempDir()
	steps := recordSteps(t, func() {
		if err := s.Backup(filepath.Join(dir, "probe.db"), false); err != nil {
			t.Fatal(err)
		}
	})
	if len(steps) != 4 {
		t.Fatalf("Backup passed %v", steps)
	}
	for _, step := range steps {
		t.Run(step, func(t *testing.T) {
			dir := t.TempDir()
			dest := filepath.Join(dir, "copy.db")
			failing(t, step, 1)
			if err := s.Backup(dest, false); !errors.Is(err, errInjected) {
				t.Fatalf("Backup with a fault at %s: %v", step, err)
			}
			names := dirNames(t, dir)
			switch {
			case step == "backup.syncdir": // renamed into place, only the sync failed: a whole backup
				if len(names) != 1 || names[0] != "copy.db" {
					t.Fatalf("after a fault at %s: %v", step, names)
				}
				filesafe.SetFaultHook(nil)
				checkFile(t, dest)
			case len(names) != 0:
				t.Errorf("after a fault at %s: left %v", step, names)
			}
		})
	}
}

func TestFault_FirstCreation_LeavesNothing(t *testing.T) {
	for _, step := range []string{"create.buckets", "create.workspace"} {
		t.Run(step, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "align.db")
			failing(t, step, 1)
			if _, err := Open(path, Options{}); !errors.Is(err, errInjected) {
				t.Fatalf("Open with a fault at %s: %v", step, err)
			}
			if names := dirNames(t, dir); len(names) != 0 {
				t.Errorf("a failed creation left %v", names)
			}
			filesafe.SetFaultHook(nil)
			s := openTestStore(t, path, Options{})
			if ws := must[Workspace](t)(s.Workspace()); ws.Schema != SchemaVersion {
				t.Errorf("after the retry: %+v", ws)
			}
			_ = s.Close()
			checkFile(t, path)
		})
	}
}

func TestFault_AutoBackupPrune_OpenStillWorks(t *testing.T) {
	path := filepath.Join(t.TempDir(), "align.db")
	clock := &stepClock{t: t0}
	s := openTestStore(t, path, Options{Now: clock.Now})
	for day := range AutoBackupKeep + 1 {
		addGoal(t, s, fmt.Sprintf("Goal %d", day))
		_ = s.Close()
		clock.t = clock.t.Add(25 * time.Hour)
		failing(t, "autobackup.prune", 1)
		s = openTestStore(t, path, Options{Now: clock.Now})
	}
	b, err := s.AutoBackup()
	if !errors.Is(err, errInjected) || b == "" {
		t.Fatalf("AutoBackup() = %q, %v; want the new backup and the pruning error", b, err)
	}
	checkFile(t, b)
	if n := len(filesafe.ListBackups(path, time.Now())); n != AutoBackupKeep+1 {
		t.Errorf("%d backups after a failed prune, want %d", n, AutoBackupKeep+1)
	}
	if gs := must[[]model.Goal](t)(s.Goals()); len(gs) != AutoBackupKeep+1 {
		t.Errorf("%d goals", len(gs))
	}
}
