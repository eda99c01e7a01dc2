package store

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/align-team/align/store/internal/filesafe"
)

// TestOpen_SecondProcess_Locked holds a workspace open in one process and
// starts 20 other processes at once that try to open it (writing, as the
// TUI and most commands do, and read-only, as check and export do): each
// must get ErrLocked with the clear message within 1.5 s.
func TestOpen_SecondProcess_Locked(t *testing.T) {
	if testing.Short() {
		t.Skip("child processes")
	}
	path := filepath.Join(t.TempDir(), "align.db")
	s := openTestStore(t, path, Options{})
	seed(t, s)
	_ = s.Close()

	holder := childCmd("hold", "ALIGN_PATH="+path)
	stdin, err := holder.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := holder.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := holder.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = stdin.Close(); _ = holder.Wait() }()
	if line, _ := bufio.NewReader(stdout).ReadString('\n'); line != "ready\n" {
		t.Fatalf("holder: %q", line)
	}

	const openers = 20
	type result struct {
		wait, wall time.Duration
		line       string
	}
	results := make([]result, openers)
	var wg sync.WaitGroup
	for i := range openers {
		wg.Go(func() {
			env := []string{"ALIGN_PATH=" + path}
			if i%4 == 3 {
				env = append(env, "ALIGN_RO=1")
			}
			start := time.Now()
			out, err := childCmd("open", env...).Output()
			results[i].wall = time.Since(start)
			results[i].line = strings.TrimSpace(string(out))
			if err != nil {
				results[i].line += fmt.Sprintf(" (exit: %v)", err)
			}
			ns, _, _ := strings.Cut(results[i].line, " ")
			n, _ := strconv.ParseInt(ns, 10, 64)
			results[i].wait = time.Duration(n)
		})
	}
	wg.Wait()
	want := path + " is in use by another align process"
	locked := 0
	var maxWait, maxWall time.Duration
	for i, r := range results {
		maxWait, maxWall = max(maxWait, r.wait), max(maxWall, r.wall)
		_, rest, _ := strings.Cut(r.line, " ")
		switch {
		case rest != "locked "+want:
			t.Errorf("opener %d: %q, want ErrLocked saying %q", i, r.line, want)
		case r.wait > 1500*time.Millisecond:
			t.Errorf("opener %d waited %v for ErrLocked; at most 1.5 s allowed", i, r.wait)
		default:
			locked++
		}
	}
	t.Logf("lock summary: %d of %d second openers got ErrLocked within 1.5 s; max wait in Open %v, max process wall time (start to exit, 20 at once) %v",
		locked, openers, maxWait.Round(time.Millisecond), maxWall.Round(time.Millisecond))
}

// TestOpen_Permissions_Umask0_Backups checks the modes of everything the
// store creates when the umask allows everything: directories 0700, files
// 0600 (workspace, automatic, manual and pre-migration backups).
func TestOpen_Permissions_Umask0_Backups(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	dir := filepath.Join(t.TempDir(), "data", "align")
	path := filepath.Join(dir, "align.db")
	clock := newClock()
	s := openTestStore(t, path, Options{Now: clock.Now})
	seed(t, s)
	manual := filepath.Join(dir, "manual.db")
	if err := s.Backup(manual, false); err != nil {
		t.Fatal(err)
	}
	_ = s.Close()
	s = openTestStore(t, path, Options{Now: clock.Now}) // takes the first automatic backup
	auto, err := s.AutoBackup()
	if err != nil || auto == "" {
		t.Fatalf("AutoBackup() = %q, %v; want a backup", auto, err)
	}
	_ = s.Close()
	v1 := filepath.Join(dir, "old.db")
	v1Fixture(t, v1, nil)
	_ = openTestStore(t, v1, Options{Now: clock.Now}).Close()

	want := map[string]os.FileMode{
		filepath.Dir(dir): 0o700, dir: 0o700, path: 0o600, manual: 0o600,
		filesafe.BackupDir(path): 0o700, auto: 0o600, preBak(v1): 0o600,
	}
	for p, mode := range want {
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode().Perm(); got != mode {
			t.Errorf("%s has mode %o, want %o", p, got, mode)
		}
	}
}
