package lastmember

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/uuid"
)

func TestFile_PerWorkspaceAndUser(t *testing.T) {
	dir := t.TempDir()
	ws1, ws2 := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	ana, bo := uuid.New(), uuid.New()
	alice := File{Path: filepath.Join(dir, "alice", "state", "last-member.json")}
	bob := File{Path: filepath.Join(dir, "bob", "state", "last-member.json")}
	if got := alice.Recall(ws1); got != uuid.Nil {
		t.Fatalf("nothing remembered yet, got %v", got)
	}
	if err := alice.Remember(ws1, ana); err != nil {
		t.Fatal(err)
	}
	if err := alice.Remember(ws2, bo); err != nil {
		t.Fatal(err)
	}
	if alice.Recall(ws1) != ana || alice.Recall(ws2) != bo {
		t.Error("each workspace keeps its own member")
	}
	if bob.Recall(ws1) != uuid.Nil {
		t.Error("another OS user opens as alice's member")
	}
	if info, err := os.Stat(alice.Path); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("file mode %v, %v; want 0600", info.Mode().Perm(), err)
	}
	if err := alice.Remember(ws1, uuid.Nil); err != nil || alice.Recall(ws1) != uuid.Nil || alice.Recall(ws2) != bo {
		t.Errorf("forgetting one workspace: %v", err)
	}
	if err := os.WriteFile(alice.Path, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if alice.Recall(ws2) != uuid.Nil {
		t.Error("a damaged file is read as remembering someone")
	}
	if err := alice.Remember(ws2, ana); err != nil || alice.Recall(ws2) != ana {
		t.Errorf("a damaged file is not rewritten: %v", err)
	}
}

func TestFile_Bounded(t *testing.T) {
	f := File{Path: filepath.Join(t.TempDir(), "last-member.json")}
	for i := range maxEntries + 5 {
		if err := f.Remember(filepath.Join("/ws", string(rune('a'+i%26)), uuid.NewString()), uuid.New()); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(f.read()); n != maxEntries {
		t.Errorf("%d entries, want at most %d", n, maxEntries)
	}
}
