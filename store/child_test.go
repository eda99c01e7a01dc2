package store

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// The crash, damage and lock tests need real processes: a SIGKILLed
// writer, a reader that bbolt might crash, a second process behind a file
// lock. They re-execute the test binary with childRole set in the
// environment; TestMain runs the role instead of the tests.

const childRole = "ALIGN_STORE_TEST_CHILD"

// childRoles maps a role to the function a child runs; its int is the exit
// status.
var childRoles = map[string]func() int{
	"crash":  crashChild,
	"damage": damageChild,
	"hold":   holdChild,
	"open":   openChild,
}

func TestMain(m *testing.M) {
	if role := os.Getenv(childRole); role != "" {
		run, ok := childRoles[role]
		if !ok {
			fmt.Fprintf(os.Stderr, "unknown child role %q\n", role)
			os.Exit(2)
		}
		os.Exit(run())
	}
	os.Exit(m.Run())
}

// childCmd returns a command running this test binary in role, with env
// (KEY=value) added to the environment.
func childCmd(role string, env ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(append(os.Environ(), childRole+"="+role), env...)
	cmd.Stderr = os.Stderr
	return cmd
}

// memTempDir returns a new directory on a memory file system (/dev/shm)
// when there is one, else t.TempDir(). A SIGKILL loses nothing the process
// handed to the kernel, so the kill tests need no real disk, and without
// fsync costs (about 5 ms each on the CI machine) they run many more trials
// and writes in the same time.
func memTempDir(t testing.TB) string {
	t.Helper()
	if info, err := os.Stat("/dev/shm"); err == nil && info.IsDir() {
		if dir, err := os.MkdirTemp("/dev/shm", "align-store-test-"); err == nil {
			t.Cleanup(func() { _ = os.RemoveAll(dir) })
			return dir
		}
	}
	return t.TempDir()
}

// holdChild opens $ALIGN_PATH for writing, says "ready" and holds it until
// its standard input closes.
func holdChild() int {
	s, err := Open(os.Getenv("ALIGN_PATH"), Options{NoAutoBackup: true})
	if err != nil {
		fmt.Println("error", err)
		return 1
	}
	defer func() { _ = s.Close() }()
	fmt.Println("ready")
	_, _ = bufio.NewReader(os.Stdin).ReadString('\n')
	return 0
}

// openChild tries to open $ALIGN_PATH (read-only when $ALIGN_RO is set) and
// prints how long it took and the error: "<nanoseconds> locked|other <message>".
func openChild() int {
	start := time.Now()
	s, err := Open(os.Getenv("ALIGN_PATH"), Options{ReadOnly: os.Getenv("ALIGN_RO") != ""})
	elapsed := time.Since(start)
	if err == nil {
		_ = s.Close()
		fmt.Printf("%d opened\n", elapsed)
		return 0
	}
	kind := "other"
	if errors.Is(err, ErrLocked) {
		kind = "locked"
	}
	fmt.Printf("%d %s %s\n", elapsed, kind, strings.ReplaceAll(err.Error(), "\n", " "))
	return 0
}
