package cli

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// try runs the binary in the machine's clone and returns its combined
// output and whether it succeeded, without failing the test.
func (m *machine) try(args ...string) (string, bool) {
	m.t.Helper()
	cmd := exec.Command(m.bin, args...)
	cmd.Dir, cmd.Env = m.repo, m.env()
	out, err := cmd.CombinedOutput()
	return string(out), err == nil
}

// db is the machine's workspace file.
func (m *machine) db() string { return filepath.Join(m.home, "align.db") }

// writeKey writes a fresh ed25519 key pair to dir/name and dir/name.pub,
// as ssh-keygen -t ed25519 -N "" would, and returns the private key's path.
func writeKey(t testing.TB, dir, name string) string {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	block, err := gossh.MarshalPrivateKey(priv, name+"@laptop")
	if err != nil {
		t.Fatal(err)
	}
	sp, err := gossh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(sp))) + " " + name + "@laptop\n"
	if err := os.WriteFile(path+".pub", []byte(line), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// team is a facilitator's machine with a shared plan and the key files of
// fay, ana and bo.
type team struct {
	bin, remote string
	fac         *machine
	keys        map[string]string // handle → private key file
}

// newTeam sets up fay's workspace: three members with their keys, a sprint
// in assessing with two objectives, and a signed plan in plan.json.
func newTeam(t *testing.T) *team {
	t.Helper()
	bin := buildBinary(t)
	remote := bareRemote(t)
	keyDir := t.TempDir()
	tm := &team{bin: bin, remote: remote, fac: newMachine(t, bin, remote), keys: map[string]string{}}
	for _, h := range []string{"fay", "ana", "bo"} {
		tm.keys[h] = writeKey(t, keyDir, h)
	}
	today := time.Now()
	start, end := today.AddDate(0, 0, -3).Format("2006-01-02"), today.AddDate(0, 0, 10).Format("2006-01-02")
	f := tm.fac
	f.align("init", "--team", "Checkout")
	f.align("member", "add", "Fay Ortiz", "--handle", "fay", "--facilitator")
	f.align("member", "add", "Ana Lopez", "--handle", "ana")
	f.align("member", "add", "Bo Chen", "--handle", "bo")
	for _, h := range []string{"fay", "ana", "bo"} {
		f.align("member", "key", "add", h, "--file", tm.keys[h]+".pub")
	}
	f.align("config", "signing-key", tm.keys["fay"])
	f.align("sprint", "add", "Sprint 14", "--start", start, "--end", end)
	f.align("objective", "add", "Checkout in three steps")
	f.align("objective", "add", "Faster search")
	f.align("story", "add", "Index product names", "--objective", "Faster search", "--points", "3", "--key", "SHOP-3")
	f.align("sprint", "state", "current", "assessing")
	f.align("export", "--format", "json", "--sprint", "current", "-o", "plan.json")
	return tm
}

// member returns a member's laptop with the plan imported.
func (tm *team) member(t *testing.T) *machine {
	t.Helper()
	m := newMachine(t, tm.bin, tm.remote)
	m.align("init", "--team", "Checkout")
	m.align("import", filepath.Join(tm.fac.repo, "plan.json"))
	return m
}

// refused imports file at the facilitator, with --dry-run and without, and
// checks that both refuse it naming every change in want, and that the
// workspace file stays byte-identical.
func (tm *team) refused(t *testing.T, file string, want ...string) string {
	t.Helper()
	before := fileHash(t, tm.fac.db())
	var msg string
	for _, dry := range []bool{true, false} {
		args := []string{"import", file}
		if dry {
			args = append(args, "--dry-run")
		}
		out, ok := tm.fac.try(args...)
		if ok {
			t.Fatalf("align %s succeeded:\n%s", strings.Join(args, " "), out)
		}
		for _, w := range append(want, "is refused whole") {
			if !strings.Contains(out, w) {
				t.Errorf("align %s does not say %q:\n%s", strings.Join(args, " "), w, out)
			}
		}
		if after := fileHash(t, tm.fac.db()); after != before {
			t.Fatalf("align %s changed the workspace (sha256 %s → %s)", strings.Join(args, " "), before, after)
		}
		msg = out
	}
	return msg
}

// TestBinary_Authority_MemberScenarios runs the attacks of issue 10 with
// ordinary align commands on a member's laptop; the facilitator's import
// refuses each one whole and names what it tried.
func TestBinary_Authority_MemberScenarios(t *testing.T) {
	tm := newTeam(t)
	bundle := func(m *machine, args ...string) string {
		out := filepath.Join(m.repo, "bo.json")
		m.align(append(append([]string{"export", "--format", "json"}, args...), "-o", out)...)
		return out
	}
	t.Run("member promotes himself", func(t *testing.T) {
		bo := tm.member(t)
		bo.align("member", "role", "bo", "facilitator")
		msg := tm.refused(t, bundle(bo, "--mine", "--as", "bo"), "bo may not change bo's role (member → facilitator)")
		t.Logf("%s", msg)
	})
	t.Run("key swap", func(t *testing.T) {
		bo := tm.member(t)
		bo.align("member", "key", "rm", "fay", "1")
		bo.align("member", "key", "add", "fay", "--file", writeKey(t, t.TempDir(), "bo2")+".pub")
		msg := tm.refused(t, bundle(bo, "--as", "bo"), "bo may not change fay's keys")
		t.Logf("%s", msg)
	})
	t.Run("assess as ana", func(t *testing.T) {
		bo := tm.member(t)
		bo.align("assess", "--as", "ana", "--objective", "Checkout in three steps", "--progress", "95", "--note", "ana says done")
		msg := tm.refused(t, bundle(bo, "--as", "bo", "--with-estimates"), `bo may not add ana's estimate on "Checkout in three steps"`)
		t.Logf("%s", msg)
	})
	t.Run("objective rm", func(t *testing.T) {
		bo := tm.member(t)
		bo.align("objective", "rm", "Faster search")
		msg := tm.refused(t, bundle(bo, "--as", "bo"), `bo may not delete objective "Faster search"`, `bo may not delete story "SHOP-3 Index product names"`)
		t.Logf("%s", msg)
	})
	t.Run("everything at once", func(t *testing.T) {
		bo := tm.member(t)
		bo.align("member", "role", "bo", "facilitator")
		bo.align("member", "key", "rm", "fay", "1")
		bo.align("member", "key", "add", "fay", "--file", writeKey(t, t.TempDir(), "bo2")+".pub")
		bo.align("assess", "--as", "ana", "--objective", "Checkout in three steps", "--progress", "95", "--note", "ana says done")
		bo.align("objective", "rm", "Faster search")
		msg := tm.refused(t, bundle(bo, "--as", "bo", "--with-estimates"), "may not make 5 changes",
			"bo may not change bo's role (member → facilitator)", "bo may not change fay's keys",
			`bo may not add ana's estimate on "Checkout in three steps"`, `bo may not delete objective "Faster search"`)
		t.Logf("%s", msg)
	})
	t.Run("closes the sprint", func(t *testing.T) {
		bo := tm.member(t)
		bo.align("assess", "--as", "bo", "--objective", "Faster search", "--progress", "40")
		bo.align("sprint", "state", "current", "closed", "--force")
		msg := tm.refused(t, bundle(bo, "--as", "bo"), `bo may not change sprint "Sprint 14" (state assessing → closed)`)
		t.Logf("%s", msg)
		// bo's own bundle carries no sprint state: it brings his estimate
		// and leaves the facilitator's sprint open.
		mine := bundle(bo, "--mine", "--as", "bo")
		if data, _ := os.ReadFile(mine); strings.Contains(string(data), `"state"`) {
			t.Errorf("a --mine bundle carries a sprint state:\n%s", data)
		}
		out := tm.fac.align("import", mine)
		if !strings.Contains(out, "added      assessment   bo on Faster search") {
			t.Errorf("import of bo's own bundle:\n%s", out)
		}
		if st := tm.fac.align("status"); !strings.Contains(st, "Sprint 14 (assessing)") {
			t.Errorf("the facilitator's sprint changed state:\n%s", st)
		}
	})
}
