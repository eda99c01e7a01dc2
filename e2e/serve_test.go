package e2e

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// needSSH checks for ssh and ssh-keygen; without them the test skips, except in CI, where it fails (.ci/run installs openssh-client).
func needSSH(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"ssh", "ssh-keygen"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is required in CI (.ci/run installs openssh-client)", tool)
			}
			t.Skipf("%s is not installed", tool)
		}
	}
}

// freePort returns a loopback port nobody listens on right now.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// run runs align with args and fails the test on an error.
func run(t *testing.T, bin string, args ...string) string {
	t.Helper()
	out, err := exec.Command(bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("align %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// startServe starts `align serve` on a free loopback port in the background
// and waits until it listens; it is stopped at cleanup.
func startServe(t *testing.T, bin, db string) (port int, log *os.File) {
	t.Helper()
	port = freePort(t)
	log, err := os.Create(filepath.Join(t.TempDir(), "serve.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "serve", "--listen", fmt.Sprintf("127.0.0.1:%d", port), "--db", db)
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	})
	deadline := time.Now().Add(10 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), time.Second)
		if err == nil {
			c.Close()
			return port, log
		}
		if time.Now().After(deadline) {
			data, _ := os.ReadFile(log.Name())
			t.Fatalf("align serve never listened on %d:\n%s", port, data)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// sshCommand is the shell line that logs in to align serve on port with
// the private key file key, through the real OpenSSH client.
func sshCommand(port int, key string) string {
	return fmt.Sprintf("ssh -p %d -i %s -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -t 127.0.0.1", port, key)
}

func TestServe_OpenSSHClient_DashboardQuitSane(t *testing.T) {
	needSSH(t)
	tt := newTerm(t)
	bin := binary(t)
	db := filepath.Join(tt.dir, "team.db")
	run(t, bin, "demo", "--db", db)
	memberKey(t, bin, db, tt.dir, "jonas")
	run(t, bin, "--db", db, "member", "role", "jonas", "facilitator")
	port, log := startServe(t, bin, db)

	tt.typeLine(sshCommand(port, filepath.Join(tt.dir, "jonas")))
	tt.waitFor("(jonas)")
	tt.keys("BTab") // from Assess, where digits type the progress
	tt.waitFor("Submissions:", "Checkout works offline")
	tt.keys("q")
	tt.waitPrompt()
	tt.checkSane()

	deadline := time.Now().Add(10 * time.Second)
	for {
		data, _ := os.ReadFile(log.Name())
		if strings.Contains(string(data), "member=jonas") && strings.Contains(string(data), `end="quit"`) {
			if strings.Contains(string(data), "AAAA") {
				t.Errorf("the server logged key material:\n%s", data)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server never logged jonas's session:\n%s", data)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
