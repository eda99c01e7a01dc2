package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// needSSHKeygen skips a test when OpenSSH's ssh-keygen is missing (.ci/run
// installs openssh-client, so CI always runs them).
func needSSHKeygen(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("ssh-keygen"); err != nil {
		t.Skip("ssh-keygen is not installed")
	}
}

// sshKeygen runs ssh-keygen with stdin and returns its combined output.
func sshKeygen(t *testing.T, stdin []byte, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command("ssh-keygen", args...)
	cmd.Stdin = bytes.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestBinary_Signing_Interop: a bundle align signed verifies with
// ssh-keygen -Y verify, and one signed with ssh-keygen -Y sign verifies in
// align; the member's first import trusts the facilitator's key and says so.
func TestBinary_Signing_Interop(t *testing.T) {
	needSSHKeygen(t)
	tm := newTeam(t)
	plan := filepath.Join(tm.fac.repo, "plan.json")

	// align → ssh-keygen.
	allowed := filepath.Join(t.TempDir(), "allowed_signers")
	pub := strings.Fields(string(readFile(t, tm.keys["fay"]+".pub")))
	if err := os.WriteFile(allowed, []byte("fay namespaces=\"align-bundle\" "+pub[0]+" "+pub[1]+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := sshKeygen(t, readFile(t, plan), "-Y", "verify", "-f", allowed, "-I", "fay", "-n", "align-bundle", "-s", plan+".sig")
	if err != nil || !strings.Contains(out, `Good "align-bundle" signature for fay`) {
		t.Fatalf("ssh-keygen -Y verify of align's signature: %v\n%s", err, out)
	}
	t.Logf("ssh-keygen -Y verify -f allowed_signers -I fay -n align-bundle -s plan.json.sig < plan.json\n%s", out)

	// The member's first import: signed by fay, trusted on first use.
	ana := newMachine(t, tm.bin, tm.remote)
	ana.align("init", "--team", "Checkout")
	imp := ana.align("import", plan)
	for _, w := range []string{"signed by fay with ssh-ed25519 SHA256:", "First import into this workspace", "fay (Fay Ortiz), facilitator, ssh-ed25519 SHA256:"} {
		if !strings.Contains(imp, w) {
			t.Errorf("the member's first import does not say %q:\n%s", w, imp)
		}
	}
	t.Logf("align import plan.json\n%s", imp)

	// ssh-keygen → align.
	ana.align("assess", "--as", "ana", "--objective", "Faster search", "--progress", "60")
	mine := filepath.Join(ana.repo, "ana.json")
	ana.align("export", "--format", "json", "--mine", "--as", "ana", "-o", mine)
	if _, err := os.Stat(mine + ".sig"); err == nil {
		t.Fatal("align signed without a key configured")
	}
	if out, err := sshKeygen(t, nil, "-Y", "sign", "-f", tm.keys["ana"], "-n", "align-bundle", mine); err != nil {
		t.Fatalf("ssh-keygen -Y sign: %v\n%s", err, out)
	}
	tm.fac.align("config", "require-signed-bundles", "true")
	got := tm.fac.align("import", mine)
	if !strings.Contains(got, "signed by ana with ssh-ed25519 SHA256:") || !strings.Contains(got, "added      assessment   ana on Faster search") {
		t.Errorf("import of a bundle ssh-keygen signed:\n%s", got)
	}
	t.Logf("ssh-keygen -Y sign -f ana -n align-bundle ana.json; align import ana.json\n%s", got)
}

// TestBinary_Signing_Refusals: every bad signature is refused whole with a
// one-line reason and the workspace stays byte-identical.
func TestBinary_Signing_Refusals(t *testing.T) {
	needSSHKeygen(t)
	tm := newTeam(t)
	ana := tm.member(t)
	ana.align("config", "signing-key", tm.keys["ana"])
	ana.align("assess", "--as", "ana", "--objective", "Faster search", "--progress", "40")
	export := func(name string) string {
		p := filepath.Join(ana.repo, name)
		ana.align("export", "--format", "json", "--mine", "--as", "ana", "-o", p)
		return p
	}
	refuse := func(t *testing.T, file, want string) {
		t.Helper()
		before := fileHash(t, tm.fac.db())
		out, ok := tm.fac.try("import", file)
		if ok || !strings.Contains(out, want) || strings.Count(strings.TrimSpace(out), "\n") > 0 {
			t.Errorf("import of %s: ok=%t, want one line saying %q:\n%s", filepath.Base(file), ok, want, out)
		}
		if fileHash(t, tm.fac.db()) != before {
			t.Errorf("a refused import changed the workspace")
		}
		t.Logf("%s", out)
	}
	t.Run("tampered bytes", func(t *testing.T) {
		p := export("tampered.json")
		data := readFile(t, p)
		bad := bytes.Replace(data, []byte(`"progress": 40`), []byte(`"progress": 90`), 1)
		if bytes.Equal(bad, data) {
			t.Fatal("the edit changed nothing")
		}
		if err := os.WriteFile(p, bad, 0o600); err != nil {
			t.Fatal(err)
		}
		refuse(t, p, "the signature does not match the file's bytes")
	})
	t.Run("wrong key", func(t *testing.T) {
		p := export("wrongkey.json")
		os.Remove(p + ".sig")
		if out, err := sshKeygen(t, nil, "-Y", "sign", "-f", tm.keys["bo"], "-n", "align-bundle", p); err != nil {
			t.Fatalf("ssh-keygen: %v\n%s", err, out)
		}
		refuse(t, p, "it names ana as its author but is signed with bo's key SHA256:")
	})
	t.Run("signature over another file", func(t *testing.T) {
		first := export("first.json")
		ana.align("assess", "--as", "ana", "--objective", "Faster search", "--progress", "45")
		second := export("second.json")
		if err := os.WriteFile(second+".sig", readFile(t, first+".sig"), 0o600); err != nil {
			t.Fatal(err)
		}
		refuse(t, second, "or the signature belongs to another file")
	})
	t.Run("another namespace", func(t *testing.T) {
		p := export("git.json")
		os.Remove(p + ".sig")
		if out, err := sshKeygen(t, nil, "-Y", "sign", "-f", tm.keys["ana"], "-n", "git", p); err != nil {
			t.Fatalf("ssh-keygen: %v\n%s", err, out)
		}
		refuse(t, p, `the signature was made for "git", not for align bundles`)
	})
	t.Run("unsigned when signatures are required", func(t *testing.T) {
		p := export("unsigned.json")
		os.Remove(p + ".sig")
		tm.fac.align("config", "require-signed-bundles", "true")
		defer tm.fac.align("config", "require-signed-bundles", "false")
		refuse(t, p, "is not signed (there is no")
	})
	t.Run("removed member's key", func(t *testing.T) {
		p := export("removed.json")
		tm.fac.align("member", "rm", "ana")
		refuse(t, p, "it is signed by ana, who was removed from the team")
	})
}

// TestBinary_Signing_LaterPlans: after the first import, a member's
// workspace accepts plans only as the facilitators it knows sign them, and
// key changes only in a signed plan; an ssh-agent signs as well as a file.
func TestBinary_Signing_LaterPlans(t *testing.T) {
	needSSHKeygen(t)
	if _, err := exec.LookPath("ssh-agent"); err != nil {
		t.Skip("ssh-agent is not installed")
	}
	tm := newTeam(t)
	bo := tm.member(t)
	before := fileHash(t, bo.db())
	plan := filepath.Join(tm.fac.repo, "plan2.json")

	// A plan "by fay" signed with a key nobody registered.
	tm.fac.align("objective", "add", "Docs refresh")
	tm.fac.align("config", "signing-key", "")
	tm.fac.align("export", "--format", "json", "-o", plan)
	if out, err := sshKeygen(t, nil, "-Y", "sign", "-f", writeKey(t, t.TempDir(), "mallory"), "-n", "align-bundle", plan); err != nil {
		t.Fatalf("ssh-keygen: %v\n%s", err, out)
	}
	if out, ok := bo.try("import", plan); ok || !strings.Contains(out, "which is not one of fay's registered keys (no member of this workspace has it)") {
		t.Errorf("a plan signed by an unknown key: ok=%t\n%s", ok, out)
	}
	// An unsigned plan in the name of fay, whose key bo's workspace knows.
	os.Remove(plan + ".sig")
	tm.fac.align("member", "key", "add", "ana", "--file", writeKey(t, t.TempDir(), "ana2")+".pub")
	tm.fac.align("export", "--format", "json", "-o", plan)
	out, ok := bo.try("import", plan)
	if ok || !strings.Contains(out, "names fay as its author, a facilitator whose keys this workspace knows, but is not signed") {
		t.Errorf("an unsigned plan by a facilitator with keys: ok=%t\n%s", ok, out)
	}
	if fileHash(t, bo.db()) != before {
		t.Fatal("a refused plan changed the member's workspace")
	}

	// The same plan signed through ssh-agent is accepted, and the report
	// shows the key change in full.
	sock := filepath.Join(t.TempDir(), "agent.sock")
	agent := exec.Command("ssh-agent", "-D", "-a", sock)
	if err := agent.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = agent.Process.Kill(); _ = agent.Wait() })
	for i := 0; i < 100; i++ {
		if _, err := os.Stat(sock); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	add := exec.Command("ssh-add", tm.keys["fay"])
	add.Env = append(os.Environ(), "SSH_AUTH_SOCK="+sock)
	if out, err := add.CombinedOutput(); err != nil {
		t.Fatalf("ssh-add: %v\n%s", err, out)
	}
	tm.fac.extra = []string{"SSH_AUTH_SOCK=" + sock}
	tm.fac.align("export", "--format", "json", "-o", plan)
	if _, err := os.Stat(plan + ".sig"); err != nil {
		t.Fatalf("the export did not sign through the agent: %v", err)
	}
	got := bo.align("import", plan)
	for _, w := range []string{"signed by fay with ssh-ed25519 SHA256:", "member     ana: key added ssh-ed25519 SHA256:", "(ana2@laptop)"} {
		if !strings.Contains(got, w) {
			t.Errorf("the signed plan's report does not say %q:\n%s", w, got)
		}
	}
	t.Logf("%s", got)

	// Role and key changes are shown in full, before → after.
	tm.fac.align("member", "role", "bo", "facilitator")
	tm.fac.align("member", "key", "rm", "ana", "1")
	tm.fac.align("export", "--format", "json", "-o", plan)
	got = bo.align("import", plan)
	for _, w := range []string{"member     bo: role member → facilitator", "member     ana: key removed ssh-ed25519 SHA256:", "(ana@laptop)"} {
		if !strings.Contains(got, w) {
			t.Errorf("the report does not say %q:\n%s", w, got)
		}
	}
	if strings.Contains(got, "item(s)") {
		t.Errorf("the report counts keys instead of showing them:\n%s", got)
	}
	t.Logf("%s", got)
}
