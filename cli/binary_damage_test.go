package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// runLimit bounds every run of the binary in these tests: a hang fails the
// test instead of stalling it.
const runLimit = 10 * time.Second

// runBounded runs the binary like runBinary, with extra environment
// variables, and kills it after runLimit.
func runBounded(t *testing.T, bin string, env []string, args ...string) exitRun {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), runLimit)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "XDG_DATA_HOME=" + t.TempDir()}, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	r := exitRun{stdout: out.String(), stderr: errb.String(), took: time.Since(start)}
	var ee *exec.ExitError
	switch {
	case ctx.Err() != nil:
		t.Errorf("align %v hung: killed after %v", args, runLimit)
		r.code = -1
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
	case err != nil:
		t.Fatalf("run %s: %v", strings.Join(args, " "), err)
	}
	return r
}

// crashSigns are what a crash or a recovered panic leaves on stderr.
var crashSigns = []string{"panic", "fatal error", "SIGSEGV", "goroutine ", "nil pointer"}

// fileSum returns the sha256 of the file at path.
func fileSum(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// dirList returns the names in dir ("" entries when it does not exist).
func dirList(dir string) []string {
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// rotInPlace overwrites the child pointers of a branch page (the root of
// the first sprint's stories bucket) with pwrite, as bit rot would, and
// restores the modification time: inode, size and mtime stay the same.
func rotInPlace(t *testing.T, path string) {
	t.Helper()
	before, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var root int64
	_ = db.View(func(tx *bolt.Tx) error {
		k, _ := tx.Bucket([]byte("sprintdata")).Cursor().First()
		root = int64(tx.Bucket([]byte("sprintdata")).Bucket(k).Bucket([]byte("stories")).Root())
		return nil
	})
	ps := int64(db.Info().PageSize)
	_ = db.Close()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	hdr := make([]byte, 16)
	if _, err := f.ReadAt(hdr, root*ps); err != nil || binary.LittleEndian.Uint16(hdr[8:]) != 0x01 {
		t.Fatalf("page %d is not a branch page (%v)", root, err)
	}
	for i := range int64(binary.LittleEndian.Uint16(hdr[10:])) {
		ptr := binary.LittleEndian.AppendUint64(nil, 0x7fff_0000_0000+uint64(i))
		if _, err := f.WriteAt(ptr, root*ps+16+i*16+8); err != nil {
			t.Fatal(err)
		}
	}
	_ = f.Close()
	if err := os.Chtimes(path, before.ModTime(), before.ModTime()); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(path)
	if after.Sys().(*syscall.Stat_t).Ino != before.Sys().(*syscall.Stat_t).Ino || after.Size() != before.Size() || !after.ModTime().Equal(before.ModTime()) {
		t.Fatal("the damage changed the file's inode, size or mtime")
	}
}

// TestBinary_BitRot_SameInodeSizeMtime damages a workspace the way a bad
// disk does, keeping its inode, size and mtime. Every command refuses it at
// once, without a crash, naming the newest backup that verifies (not the
// damaged or future-dated ones beside it); nothing changes, no backup is
// written or rotated.
func TestBinary_BitRot_SameInodeSizeMtime(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "team.db")
	if r := runBounded(t, bin, nil, "demo", "--db", db, "--sprints", "2", "--stories", "500", "--seed", "3"); r.code != 0 {
		t.Fatalf("demo: %s", r.stderr)
	}
	// A writing command takes the first automatic backup, which verifies.
	if r := runBounded(t, bin, nil, "--db", db, "member", "add", "Zed", "--handle", "zed"); r.code != 0 {
		t.Fatalf("member add: %s", r.stderr)
	}
	backups := filepath.Join(dir, "align-backups")
	var good []string
	for _, n := range dirList(backups) {
		if !strings.HasPrefix(n, ".") {
			good = append(good, n)
		}
	}
	if len(good) != 1 {
		t.Fatalf("backups after the first write: %v", good)
	}
	// A newer backup that rotted, and one named by a clock once ahead.
	rotten := filepath.Join(backups, "team-20990101T000000Z.db")
	data, _ := os.ReadFile(filepath.Join(backups, good[0]))
	if err := os.WriteFile(rotten, data, 0o600); err != nil {
		t.Fatal(err)
	}
	rotInPlace(t, rotten)
	rotInPlace(t, db)
	sum, listing := fileSum(t, db), dirList(backups)

	copyTo := filepath.Join(dir, "b1.db")
	cmds := [][]string{
		{"check"}, {"status"}, {"export", "--format", "md"}, {"export", "--format", "json", "--sprint", "all"},
		{"member", "list"}, {"sprint", "list"}, {"objective", "list"}, {"backup", copyTo},
		{"assess", "--as", "zed", "--objective", "x", "--progress", "50"}, {"member", "add", "Yu", "--handle", "yu"},
		{"config"}, {"init"},
	}
	for _, args := range cmds {
		r := runBounded(t, bin, nil, append([]string{"--db", db}, args...)...)
		for _, sign := range crashSigns {
			if strings.Contains(r.stderr, sign) || strings.Contains(r.stdout, sign) {
				t.Errorf("align %v crashed: %s", args, r.stderr)
			}
		}
		listed := r.stdout == ""
		if args[0] == "check" { // lists every damaged page, with where it is
			listed = strings.HasPrefix(r.stdout, "page ") && strings.Contains(r.stdout, "outside the file")
		}
		if r.code != 1 || !strings.Contains(r.stderr, db+" is damaged") || !listed {
			t.Errorf("align %v on a rotten file: exit %d, stdout %q, stderr %q", args, r.code, r.stdout, r.stderr)
		}
		if !strings.Contains(r.stderr, good[0]) || strings.Contains(r.stderr, filepath.Base(rotten)) {
			t.Errorf("align %v: the restore hint does not name the newest verified backup %s: %s", args, good[0], r.stderr)
		}
		if r.took > 5*time.Second {
			t.Errorf("align %v took %v", args, r.took)
		}
	}
	if fileSum(t, db) != sum {
		t.Error("the damaged workspace changed")
	}
	if got := dirList(backups); !slices.Equal(got, listing) {
		t.Errorf("backups changed: %v, was %v", got, listing)
	}
	if _, err := os.Stat(copyTo); err == nil {
		t.Error("align backup wrote a copy of the damaged workspace")
	}
	if got := dirList(dir); len(got) != 2 {
		t.Errorf("files left beside the workspace: %v", got)
	}
}

// TestBinary_NotRegularFiles: a FIFO, a device, a socket or a directory as
// --db is refused at once, for init too, with a message naming what it is.
func TestBinary_NotRegularFiles(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.db")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "sock.db")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = l.Close() }()
	cases := []struct{ path, kind string }{
		{fifo, "a named pipe (FIFO)"}, {"/dev/null", "a character device"}, {"/dev/zero", "a character device"},
		{sock, "a socket"}, {dir, "a directory"},
	}
	for _, c := range cases {
		for _, args := range [][]string{{"init"}, {"init", "--team", "T"}, {"status"}, {"check"}, {"member", "add", "A", "--handle", "a"}, {"backup", filepath.Join(t.TempDir(), "b.db")}} {
			r := runBounded(t, bin, nil, append([]string{"--db", c.path}, args...)...)
			if r.code != 1 || !strings.Contains(r.stderr, c.path+" is "+c.kind) {
				t.Errorf("--db %s %v: exit %d, stderr %q; want it refused as %s", c.path, args, r.code, r.stderr, c.kind)
			}
			if r.took > 3*time.Second {
				t.Errorf("--db %s %v took %v", c.path, args, r.took)
			}
		}
	}
	if got := dirList(dir); len(got) != 2 {
		t.Errorf("files made beside them: %v", got)
	}
}

// TestBinary_FutureDatedBackup: a backup named by a clock that was once
// ahead does not stop automatic backups, and is kept.
func TestBinary_FutureDatedBackup(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "team.db")
	if r := runBounded(t, bin, nil, "--db", db, "init", "--team", "T"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	future := filepath.Join(dir, "align-backups", "team-20991204T000000Z.db")
	if err := os.MkdirAll(filepath.Dir(future), 0o700); err != nil {
		t.Fatal(err)
	}
	if r := runBounded(t, bin, nil, "--db", db, "backup", future); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if r := runBounded(t, bin, nil, "--db", db, "member", "add", "Ana", "--handle", "ana"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	got := dirList(filepath.Dir(future))
	today := "team-" + time.Now().UTC().Format("20060102")
	if len(got) != 2 || !strings.HasPrefix(got[0], today) || got[1] != filepath.Base(future) {
		t.Errorf("backups %v: want a new one from today beside %s", got, filepath.Base(future))
	}
}
