package cli

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	"github.com/hiddeco/sshsig"
	gossh "golang.org/x/crypto/ssh"
)

// demoWorkspace generates a workspace of seven sprints with align demo.
func demoWorkspace(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "align.db")
	mustRun(t, db, "demo", "--sprints", "7", "--members", "4", "--objectives", "3", "--stories", "4", "--seed", "3", "--db", db)
	return db
}

// sealedWorkspace is seedSprint's sprint in assessing, so that a bundle
// leaves other members' estimates out, with tombstones (a removed story and
// a removed objective, which a full bundle carries) and text that JSON
// could escape.
func sealedWorkspace(t *testing.T) string {
	t.Helper()
	db := newWorkspace(t)
	seedSprint(t, db)
	mustRun(t, db, "story", "rm", "SHOP-2")
	mustID(t, db, "objective", "add", "Drop <b> & \u2028   \"quotes\"")
	mustRun(t, db, "objective", "rm", "Docs refresh")
	mustID(t, db, "sprint", "add", "Sprint 15", "--start", "2025-03-17", "--end", "2025-03-28")
	return db
}

// inMemoryBundle is the bundle of every sprint as export wrote it before it
// streamed: the whole dataset in memory, sealed, through WriteJSON.
func inMemoryBundle(t *testing.T, db string, author string, withEstimates, sealed bool) []byte {
	t.Helper()
	st, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ws, err := st.Workspace()
	if err != nil {
		t.Fatal(err)
	}
	ds, err := st.Dataset(store.DatasetOptions{IncludeDeleted: true})
	if err != nil {
		t.Fatal(err)
	}
	m, err := resolveMember(author, live(ds.Members, func(m model.Member) bool { return m.Deleted }))
	if err != nil {
		t.Fatal(err)
	}
	left := 0
	if !withEstimates {
		ds, left = model.SealEstimates(ds, m.ID)
	}
	if left == 0 && !withEstimates && sealed {
		t.Fatal("the workspace has no estimate to seal: the test would not tell")
	}
	b := export.NewBundle(ws.Team, ws.ReplicaID, testNow, export.ScopeAll, ds)
	b.Author = m.ID
	var buf bytes.Buffer
	if err := export.WriteJSON(&buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestExportJSONAll_StreamedEqualsInMemory: the streamed bundle of every
// sprint is byte for byte what the in-memory encoder writes, sealed or
// not, on standard output and in a file.
func TestExportJSONAll_StreamedEqualsInMemory(t *testing.T) {
	for name, db := range map[string]string{"demo": demoWorkspace(t), "sealed": sealedWorkspace(t)} {
		t.Run(name, func(t *testing.T) { streamedEqualsInMemory(t, db, name == "sealed") })
	}
}

// streamedEqualsInMemory compares the streamed bundles of db with the
// in-memory ones; sealed says that db has estimates a bundle leaves out.
func streamedEqualsInMemory(t *testing.T, db string, sealed bool) {
	st, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	ms, err := st.Members()
	st.Close()
	if err != nil || len(ms) == 0 {
		t.Fatalf("members: %v", err)
	}
	who := ms[0].Handle
	for _, withEstimates := range []bool{false, true} {
		want := inMemoryBundle(t, db, who, withEstimates, sealed)
		args := []string{"export", "--format", "json", "--sprint", "all", "--as", who}
		if withEstimates {
			args = append(args, "--with-estimates")
		}
		r := run(t, db, args...)
		if r.err != nil {
			t.Fatalf("align %s: %v\n%s", strings.Join(args, " "), r.err, r.stderr)
		}
		if !bytes.Equal([]byte(r.stdout), want) {
			t.Errorf("with-estimates=%v: the streamed bundle on stdout differs from the in-memory one (%d vs %d bytes)", withEstimates, len(r.stdout), len(want))
		}
		if said := strings.Contains(r.stderr, "left out"); said != (sealed && !withEstimates) {
			t.Errorf("with-estimates=%v: stderr %q", withEstimates, r.stderr)
		}
		file := filepath.Join(t.TempDir(), "team.json")
		mustRun(t, db, append(args, "-o", file)...)
		if got := readFile(t, file); !bytes.Equal(got, want) {
			t.Errorf("with-estimates=%v: the streamed bundle in %s differs from the in-memory one", withEstimates, file)
		}
	}
}

// TestExportJSONAll_SignedWhileStreamed: a streamed bundle written with a
// signing key gets a signature over its exact bytes, which import's check
// accepts, and which a changed byte breaks.
func TestExportJSONAll_SignedWhileStreamed(t *testing.T) {
	db := demoWorkspace(t)
	st, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	ms, err := st.Members()
	st.Close()
	if err != nil || len(ms) == 0 {
		t.Fatalf("members: %v", err)
	}
	who := ms[0]
	key := writeKey(t, t.TempDir(), who.Handle)
	mustRun(t, db, "member", "key", "add", who.Handle, "--file", key+".pub")
	mustRun(t, db, "config", "signing-key", key)
	file := filepath.Join(t.TempDir(), "team.json")
	r := run(t, db, "export", "--format", "json", "--sprint", "all", "--as", who.Handle, "-o", file)
	if r.err != nil || !strings.Contains(r.stderr, "signed "+file+" as "+who.Handle) {
		t.Fatalf("export: %v\n%s", r.err, r.stderr)
	}
	data, sig := readFile(t, file), readFile(t, file+sigSuffix)
	st, err = store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	ms, err = st.Members()
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := verifyBundle(data, sig, who.ID, ms); err != nil {
		t.Fatalf("the signature of the streamed bundle does not verify: %v", err)
	}
	data[len(data)/2] ^= 1
	if _, err := verifyBundle(data, sig, who.ID, ms); err == nil {
		t.Fatal("a changed byte still verifies: the signature is not over the file's bytes")
	}
	if _, err := os.Stat(file); err != nil {
		t.Fatal(err)
	}
}

// failingSigner is a key that refuses to sign, as an agent may.
type failingSigner struct{ gossh.Signer }

func (failingSigner) Sign(io.Reader, []byte) (*gossh.Signature, error) {
	return nil, errors.New("agent refused")
}

// TestSignWhileWriting_Failures: a failing write or a failing signer
// comes back as the error, without a signature and without hanging, and
// the file written through writeFileAtomic is left as it was.
func TestSignWhileWriting_Failures(t *testing.T) {
	key := writeKey(t, t.TempDir(), "ana")
	s, err := loadKeyFile(key)
	if err != nil {
		t.Fatal(err)
	}
	big := bytes.Repeat([]byte("x"), 1<<20) // more than a pipe holds
	diskFull := errors.New("disk full")
	tests := []struct {
		name   string
		signer gossh.Signer
		write  func(io.Writer) error
		want   string
	}{
		{"write fails", s, func(w io.Writer) error { _, _ = w.Write(big); return diskFull }, "disk full"},
		{"signer fails", failingSigner{s}, func(w io.Writer) error { _, err := w.Write(big); return err }, "agent refused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "team.json")
			if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
				t.Fatal(err)
			}
			var sig []byte
			err := writeFileAtomic(path, func(w io.Writer) error {
				var err error
				sig, err = signWhileWriting(w, tt.signer, tt.write)
				return err
			})
			if err == nil || !strings.Contains(err.Error(), tt.want) || sig != nil {
				t.Fatalf("err %v, sig %d bytes; want %q and no signature", err, len(sig), tt.want)
			}
			if got := readFile(t, path); string(got) != "old" {
				t.Errorf("the file was replaced: %d bytes", len(got))
			}
		})
	}
	// And a good one writes and signs exactly those bytes.
	var buf bytes.Buffer
	sig, err := signWhileWriting(&buf, s, func(w io.Writer) error { _, err := w.Write(big); return err })
	if err != nil {
		t.Fatal(err)
	}
	want, err := signBundle(big, s)
	if err != nil || !bytes.Equal(buf.Bytes(), big) {
		t.Fatalf("%v; wrote %d bytes", err, buf.Len())
	}
	parsed, err := sshsig.Unarmor(sig)
	if err != nil {
		t.Fatal(err)
	}
	if err := checkSigIn(big, parsed, sigNamespace, "the bundle"); err != nil {
		t.Errorf("the streamed signature does not verify: %v", err)
	}
	if !bytes.Equal(sig, want) { // ed25519 signs deterministically
		t.Error("the streamed signature differs from the one over the whole bytes")
	}
}
