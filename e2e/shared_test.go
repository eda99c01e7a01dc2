package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// shared is one build of align for the tests that only run it (the
// attack and signal trials), so that each does not link its own.
var shared struct {
	once sync.Once
	dir  string
	bin  string
	err  error
	out  []byte
}

// sharedBinary builds align once for the package's tests; TestMain
// removes it.
func sharedBinary(t *testing.T) string {
	t.Helper()
	shared.once.Do(func() {
		shared.dir, shared.err = os.MkdirTemp("", "align-e2e-bin-")
		if shared.err != nil {
			return
		}
		shared.bin = filepath.Join(shared.dir, "align")
		cmd := exec.Command("go", "build", "-o", shared.bin, ".")
		cmd.Dir = ".."
		shared.out, shared.err = cmd.CombinedOutput()
	})
	if shared.err != nil {
		t.Fatalf("go build: %v\n%s", shared.err, shared.out)
	}
	return shared.bin
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.dir != "" {
		_ = os.RemoveAll(shared.dir)
	}
	os.Exit(code)
}
