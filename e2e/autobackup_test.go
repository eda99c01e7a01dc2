package e2e

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The TUI takes the automatic backup that is due after its first frame, in
// the background, not before it: the Dashboard is up, the backup appears
// while the program runs, it is complete when align exits, and the
// terminal is sane.
func TestTUI_AutoBackupAfterFirstFrame(t *testing.T) {
	tt := newTerm(t)
	db := filepath.Join(tt.dir, "team.db")
	tt.typeLine("align demo --db " + db)
	tt.waitPrompt()
	backups := filepath.Join(tt.dir, "align-backups")
	if _, err := os.Stat(backups); err == nil {
		t.Fatal("demo took an automatic backup of the new workspace")
	}
	tt.typeLine("clear; align --db " + db)
	tt.waitFor("Submissions:")
	var found []string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		found, _ = filepath.Glob(filepath.Join(backups, "team-*.db"))
		if len(found) > 0 {
			break
		}
	}
	if len(found) != 1 {
		t.Fatalf("while the TUI runs, %d automatic backups in %s; want 1", len(found), backups)
	}
	tt.keys("q")
	tt.waitPrompt()
	tt.checkSane()
	entries, _ := os.ReadDir(backups)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("a temporary file was left behind: %s", e.Name())
		}
	}
	tt.typeLine("clear; align check --db " + found[0] + " && echo CHECK-OK")
	tt.waitFor("CHECK-OK")
}

// A workspace rotted where the TUI's open does not look before it starts
// (the page walk runs in the background, store.Options.VerifyInBackground):
// the TUI refuses it all the same, exits 1 with the damage and the restore
// hint, leaves the terminal sane and the file byte-identical.
func TestTUI_RottenWorkspaceRefused(t *testing.T) {
	tt := newTerm(t)
	db := filepath.Join(tt.dir, "team.db")
	tt.typeLine("align demo --db " + db + " && align --db " + db + " member list >/dev/null")
	tt.waitPrompt()
	rotPage(t, db)
	before := sha(t, db)
	tt.typeLine("clear; align --db " + db + "; echo EXIT=$?")
	s := tt.waitFor("EXIT=")
	if !strings.Contains(s, "EXIT=1") || !strings.Contains(s, "damaged") {
		t.Fatalf("the TUI on a rotten workspace:\n%s", s)
	}
	tt.checkSane()
	if sha(t, db) != before {
		t.Error("the TUI changed the rotten workspace")
	}
}

// rotPage overwrites the page number in the header of the sprintdata
// bucket's root page (outside what an open reads first), keeping the
// file's size and modification time.
func rotPage(t *testing.T, path string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var root uint64
	_ = db.View(func(tx *bolt.Tx) error {
		root = uint64(tx.Bucket([]byte("sprintdata")).Root())
		return nil
	})
	ps := db.Info().PageSize
	_ = db.Close()
	if root == 0 {
		t.Fatal("the sprintdata bucket is inline: make the demo larger")
	}
	info, _ := os.Stat(path)
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte{0xde, 0xad, 0xbe, 0xef, 0, 0, 0, 0}, int64(root)*int64(ps)); err != nil {
		t.Fatal(err)
	}
	_ = f.Close()
	_ = os.Chtimes(path, info.ModTime(), info.ModTime())
}

func sha(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
