package e2e

import (
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestServeSignal_OpenSSHClientsRestored connects 20 real OpenSSH clients,
// each on its own pseudo-terminal, to a real align serve, then sends the
// server SIGHUP, SIGTERM or SIGINT: every client's terminal must come back
// as it was (modes, main screen, cursor, mouse reporting off), with the
// reason on screen, and the server must log why each connection ended.
func TestServeSignal_OpenSSHClientsRestored(t *testing.T) {
	needSSH(t)
	bin := sharedBinary(t)
	dir := t.TempDir()
	base := filepath.Join(dir, "base.db")
	run(t, bin, "demo", "--db", base)
	memberKey(t, bin, base, dir, "jonas")
	key := filepath.Join(dir, "jonas")
	for _, sig := range hangups {
		t.Run(sig.String(), func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "team.db")
			copyFile(t, base, db)
			srv := startServeProc(t, bin, db, "--max-per-member", "20")
			_, port, _ := strings.Cut(srv.addr, ":")
			clients := make([]*ptyProc, signalTrials)
			var wg sync.WaitGroup
			for i := range clients {
				cmd := exec.Command("ssh", "-F", "/dev/null", "-tt", "-p", port, "-i", key,
					"-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
					"-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "jonas@127.0.0.1")
				cmd.Env = alignEnv(dir)
				clients[i] = startPty(t, cmd)
				wg.Add(1)
				go func() {
					defer wg.Done()
					if wrong := clients[i].waitFor("(jonas)"); wrong != "" {
						t.Errorf("client %d: %s", i, wrong)
					}
				}()
			}
			wg.Wait()
			if t.Failed() {
				t.FailNow()
			}
			if err := srv.cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			restored := 0
			for i, c := range clients {
				wrong := c.wait()
				if wrong == "" {
					wrong = c.restored()
				}
				if !strings.Contains(c.output(), "align: the server is shutting down") {
					wrong += "; the reason was not shown"
				}
				if wrong != "" {
					t.Errorf("client %d: %s", i, strings.TrimPrefix(wrong, "; "))
					continue
				}
				restored++
			}
			if err := srv.wait(); err != nil {
				t.Errorf("align serve exited with %v after %s", err, sig)
			}
			if n := strings.Count(srv.logText(), `member=jonas key=SHA256:`); n != signalTrials {
				t.Errorf("the log names jonas on %d connections, want %d:\n%s", n, signalTrials, srv.logText())
			}
			if n := strings.Count(srv.logText(), `end="the server is shutting down"`); n != signalTrials {
				t.Errorf("the log says why on %d connections, want %d:\n%s", n, signalTrials, srv.logText())
			}
			t.Logf("%s to align serve: %d of %d OpenSSH clients' terminals restored", sig, restored, signalTrials)
		})
	}
}
