package cli

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/serve"
	"github.com/align-team/align/store"
	"github.com/spf13/cobra"
	gossh "golang.org/x/crypto/ssh"
)

// runServeCmds runs the serve and member key/role commands in-process
// against db, with stdin as standard input, until ctx is done.
func runServeCmds(ctx context.Context, db, stdin string, args ...string) result {
	var out, errb bytes.Buffer
	a := &app{dbFlag: db, env: Env{
		Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Getenv: func(string) string { return "" }, Now: func() time.Time { return testNow },
	}}
	root := &cobra.Command{Use: "align", SilenceUsage: true, SilenceErrors: true}
	member := &cobra.Command{Use: "member"}
	member.AddCommand(a.memberKeyCmd(), a.memberRoleCmd())
	root.AddCommand(member, a.serveCmd())
	root.SetArgs(args)
	root.SetOut(&out)
	root.SetErr(&errb)
	err := root.ExecuteContext(ctx)
	return result{stdout: out.String(), stderr: errb.String(), err: err}
}

// keyLine returns a deterministic public key line for seed.
func keyLine(t *testing.T, seed byte, comment string) (string, string) {
	t.Helper()
	pub, err := gossh.NewPublicKey(ed25519.NewKeyFromSeed(bytes.Repeat([]byte{seed}, ed25519.SeedSize)).Public())
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(gossh.MarshalAuthorizedKey(pub))) + " " + comment, gossh.FingerprintSHA256(pub)
}

func TestMemberKeyCmd_AddListRm(t *testing.T) {
	db := newWorkspace(t)
	mustRun(t, db, "member", "add", "Ana Lopez", "--handle", "ana")
	mustRun(t, db, "member", "add", "Bo Chen", "--handle", "bo")
	k1, fp1 := keyLine(t, 1, "ana@laptop")
	k2, fp2 := keyLine(t, 2, "ana@desk")
	file := filepath.Join(t.TempDir(), "ana.pub")
	if err := os.WriteFile(file, []byte("# ana's desk\n\n"+k2+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bg := context.Background()
	steps := []struct {
		args       []string
		stdin      string
		out, err   string
		wantStderr string
	}{
		{args: strings.Fields("member key add ana " + k1), out: "Registered ssh-ed25519 key " + fp1 + " for ana (1 key)."},
		{args: []string{"member", "key", "add", "@ANA", "--file", file}, out: fp2 + " for ana (2 keys)"},
		{args: []string{"member", "key", "add", "ana", k1}, err: "ana already has the key " + fp1},
		{args: []string{"member", "key", "add", "bo", "--file", "-"}, stdin: k1, err: "the key " + fp1 + " already belongs to ana"},
		{args: []string{"member", "key", "add", "bo"}, err: "needs the key, or --file PATH"},
		{args: []string{"member", "key", "add", "bo", k1, "--file", file}, err: "either as an argument or with --file"},
		{args: []string{"member", "key", "add", "bo", "ssh-ed25519", "AAAA"}, err: "is not an SSH public key"},
		{args: []string{"member", "key", "add", "zed", k1}, err: `no member has the handle "zed"`},
		{args: []string{"member", "key", "list"}, out: "ana     1  ssh-ed25519  " + fp1 + "  ana@laptop"},
		{args: []string{"member", "key", "list", "bo"}, wantStderr: "no registered keys"},
		{args: []string{"member", "key", "rm", "ana", "3"}, err: "ana has keys 1 to 2, not 3"},
		{args: []string{"member", "key", "rm", "ana", "SHA256:nope"}, err: "no key with the fingerprint SHA256:nope"},
		{args: []string{"member", "key", "rm", "ana", strings.TrimPrefix(fp2, "SHA256:")}, out: "Removed key " + fp2 + " from ana (1 key left)."},
		{args: []string{"member", "key", "rm", "ana", "1"}, out: "Removed key " + fp1 + " from ana (0 keys left)."},
		{args: []string{"member", "key", "rm", "ana", "1"}, err: "ana has no registered keys"},
	}
	for _, s := range steps {
		r := runServeCmds(bg, db, s.stdin, s.args...)
		name := strings.Join(s.args, " ")
		switch {
		case s.err != "":
			if r.err == nil || !strings.Contains(r.err.Error(), s.err) {
				t.Fatalf("%s: err = %v, want %q", name, r.err, s.err)
			}
		case r.err != nil:
			t.Fatalf("%s: %v", name, r.err)
		case !strings.Contains(r.stdout, s.out) || !strings.Contains(r.stderr, s.wantStderr):
			t.Fatalf("%s: stdout %q stderr %q, want %q / %q", name, r.stdout, r.stderr, s.out, s.wantStderr)
		}
	}
}

func TestMemberKeyCmd_PrivateKeyFileRefused(t *testing.T) {
	db := newWorkspace(t)
	mustRun(t, db, "member", "add", "Ana Lopez", "--handle", "ana")
	file := filepath.Join(t.TempDir(), "id_ed25519")
	block, err := gossh.MarshalPrivateKey(ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize)), "")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	r := runServeCmds(context.Background(), db, "", "member", "key", "add", "ana", "--file", file)
	if r.err == nil || !strings.Contains(r.err.Error(), "is a PRIVATE key") || !strings.Contains(r.err.Error(), file+".pub") {
		t.Fatalf("err = %v, want the private key refused", r.err)
	}
}

func TestMemberRoleCmd_Table(t *testing.T) {
	db := newWorkspace(t)
	mustRun(t, db, "member", "add", "Ana Lopez", "--handle", "ana")
	tests := []struct {
		role, out, err string
	}{
		{role: "facilitator", out: "ana is now a facilitator."},
		{role: "Facilitator", out: "ana is already a facilitator."},
		{role: "member", out: "ana is now a member (not a facilitator)."},
		{role: "boss", err: `role "boss" is not a role; use facilitator or member`},
	}
	for _, tt := range tests {
		r := runServeCmds(context.Background(), db, "", "member", "role", "ana", tt.role)
		if tt.err != "" {
			if r.err == nil || !strings.Contains(r.err.Error(), tt.err) {
				t.Fatalf("role %s: err = %v, want %q", tt.role, r.err, tt.err)
			}
			continue
		}
		if r.err != nil || strings.TrimSpace(r.stdout) != tt.out {
			t.Fatalf("role %s: %q, %v; want %q", tt.role, r.stdout, r.err, tt.out)
		}
	}
	if out := mustRun(t, db, "member", "list"); strings.Contains(out, "facilitator") {
		t.Errorf("ana is still a facilitator:\n%s", out)
	}
}

func TestMemberKeyCmd_LockedByServe(t *testing.T) {
	db := newWorkspace(t)
	mustRun(t, db, "member", "add", "Ana Lopez", "--handle", "ana")
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	k, _ := keyLine(t, 1, "")
	r := runServeCmds(context.Background(), db, "", "member", "key", "add", "ana", k)
	if r.err == nil || !strings.Contains(r.err.Error(), "if `align serve` is running, stop it") {
		t.Fatalf("err = %v, want the lock explained", r.err)
	}
	// Listing only reads, so it works while the server holds the file.
	if r := runServeCmds(context.Background(), db, "", "member", "key", "list"); r.err != nil {
		t.Errorf("member key list beside the server: %v", r.err)
	}
}

func TestServeCmd_FlagsAndStart(t *testing.T) {
	db := newWorkspace(t)
	bg := context.Background()
	refusals := []struct {
		args []string
		err  string
	}{
		{[]string{"serve", "--idle-timeout", "0s"}, "--idle-timeout 0s must be positive"},
		{[]string{"serve", "--max-sessions", "0"}, "--max-sessions 0 must be at least 1"},
		{[]string{"serve", "extra"}, "takes no arguments"},
	}
	for _, tt := range refusals {
		if r := runServeCmds(bg, db, "", tt.args...); r.err == nil || !strings.Contains(r.err.Error(), tt.err) {
			t.Errorf("%v: err = %v, want %q", tt.args, r.err, tt.err)
		}
	}
	if r := runServeCmds(bg, filepath.Join(t.TempDir(), "none.db"), "", "serve"); r.err == nil || !strings.Contains(r.err.Error(), "no workspace at") {
		t.Errorf("missing workspace: err = %v", r.err)
	}

	ctx, cancel := context.WithTimeout(bg, 500*time.Millisecond)
	defer cancel()
	r := runServeCmds(ctx, db, "", "serve", "--listen", "127.0.0.1:0")
	if r.err != nil {
		t.Fatal(r.err)
	}
	for _, want := range []string{"no active member has a registered SSH key yet", "align serve listening on 127.0.0.1:", "(host key SHA256:"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	info, err := os.Stat(filepath.Join(filepath.Dir(db), serve.HostKeyName))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("host key beside the workspace: %v, %v", info, err)
	}
}
