package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchRun runs align in-process against db on the real clock (demo
// workspaces are dated from now) and fails b on an error.
func benchRun(b *testing.B, db string, args ...string) string {
	b.Helper()
	var out, errb bytes.Buffer
	e := Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	if err := Run(context.Background(), e, append([]string{"--db", db}, args...)); err != nil {
		b.Fatalf("align %s: %v\n%s", strings.Join(args, " "), err, errb.String())
	}
	return out.String()
}

// importFixture writes an `align demo --seed 7` workspace of the given size
// and every member's --mine bundle, each with one estimate of the current
// sprint changed in a copy of the workspace, as members send them.
func importFixture(b *testing.B, sprints, members int) (db string, bundles []string) {
	b.Helper()
	dir := b.TempDir()
	db = filepath.Join(dir, "facilitator.db")
	benchRun(b, db, "demo", "--seed", "7", "--sprints", fmt.Sprint(sprints), "--members", fmt.Sprint(members),
		"--objectives", "10", "--stories", "50")
	mine := filepath.Join(dir, "members.db")
	copyFile(b, db, mine)
	objs := strings.Split(benchRun(b, mine, "objective", "list"), "\n")
	obj := strings.Fields(objs[1])
	lines := strings.Split(strings.TrimSpace(benchRun(b, mine, "member", "list")), "\n")[1:]
	for i, line := range lines {
		h := strings.Fields(line)[0]
		benchRun(b, mine, "assess", "--as", h, "--objective", obj[len(obj)-1], "--progress", fmt.Sprint(i%100))
		out := filepath.Join(dir, h+".json")
		benchRun(b, mine, "export", "--format", "json", "--mine", "--as", h, "-o", out)
		bundles = append(bundles, out)
	}
	return db, bundles
}

func copyFile(b *testing.B, from, to string) {
	b.Helper()
	src, err := os.Open(from)
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		b.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkImport_CLI times align import of every member's --mine bundle
// through the whole command (read and check the bundles, open the store,
// load, merge, apply in one transaction, report), in a fresh copy of the
// workspace each time (the copy and its first open are not timed), and
// again when the same bundles change nothing. History grows from one
// sprint to 520; the bundles only touch the current one.
func BenchmarkImport_CLI(b *testing.B) {
	for _, sz := range []struct{ sprints, members int }{{1, 15}, {130, 15}, {520, 15}, {1, 50}, {130, 50}} {
		b.Run(fmt.Sprintf("sprints=%d/members=%d", sz.sprints, sz.members), func(b *testing.B) {
			db, bundles := importFixture(b, sz.sprints, sz.members)
			args := append([]string{"import"}, bundles...)
			work := filepath.Join(b.TempDir(), "work.db")
			b.Run("first", func(b *testing.B) {
				for range b.N {
					b.StopTimer()
					copyFile(b, db, work)
					benchRun(b, work, "config", "require-signed-bundles", "false") // the first writing open's backup
					b.StartTimer()
					benchRun(b, work, args...)
				}
			})
			b.Run("again", func(b *testing.B) {
				copyFile(b, db, work)
				benchRun(b, work, args...)
				b.ResetTimer()
				for range b.N {
					benchRun(b, work, args...)
				}
			})
		})
	}
}
