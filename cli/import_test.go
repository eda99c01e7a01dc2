package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/store"
	"github.com/google/uuid"
)

// runIn runs align in-process against db with stdin as standard input.
func runIn(t *testing.T, db string, stdin io.Reader, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	e := Env{
		Stdin:  stdin,
		Stdout: &out,
		Stderr: &errb,
		Getenv: func(string) string { return "" },
		Now:    func() time.Time { return testNow },
	}
	err := Run(context.Background(), e, append([]string{"--db", db}, args...))
	return result{stdout: out.String(), stderr: errb.String(), err: err}
}

// fileHash is the SHA-256 of the file at path, to prove it unchanged byte
// for byte.
func fileHash(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// writeTemp writes data to a file name in a temporary directory.
func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// seededBundle returns a seeded workspace and its current sprint exported
// as a bundle.
func seededBundle(t *testing.T) (string, []byte) {
	t.Helper()
	src := newWorkspace(t)
	seedSprint(t, src)
	return src, []byte(mustRun(t, src, "export", "--format", "json", "--with-estimates"))
}

// mutate decodes a bundle into generic JSON, lets change edit it and
// encodes it again.
func mutate(t *testing.T, data []byte, change func(b map[string]any)) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	change(m)
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// rec returns the record at sprints[0].<list>[i] of a generic bundle.
func rec(b map[string]any, list string, i int) map[string]any {
	return b["sprints"].([]any)[0].(map[string]any)[list].([]any)[i].(map[string]any)
}

// replicaLine matches the one header line that differs between workspaces.
var replicaLine = regexp.MustCompile(`"replica": "[0-9a-f-]{36}"`)

func TestImport_Run_ExportImportExportIsIdentical(t *testing.T) {
	src := newWorkspace(t)
	seedSprint(t, src)
	mustID(t, src, "objective", "add", "Dropped idea")
	mustRun(t, src, "objective", "rm", "Dropped idea") // a tombstone travels too
	for _, scope := range []string{"current", "all"} {
		t.Run(scope, func(t *testing.T) {
			first := mustRun(t, src, "export", "--format", "json", "--sprint", scope)
			in := writeTemp(t, "bundle.json", []byte(first))
			dst := newWorkspace(t)
			mustRun(t, dst, "import", in)
			second := mustRun(t, dst, "export", "--format", "json", "--sprint", scope)
			// The replica id is each workspace's own; everything else must
			// be the same bytes, exported_at included (the clock is fixed).
			a, b := replicaLine.ReplaceAllString(first, "R"), replicaLine.ReplaceAllString(second, "R")
			if a != b {
				t.Errorf("export → import → export differs:\nfirst:\n%s\nsecond:\n%s", a, b)
			}
			if !strings.Contains(first, `"deleted": true`) {
				t.Errorf("the bundle carries no tombstone; the test proves less than it claims")
			}
		})
	}
}

func TestImport_Run_TwiceChangesNothing(t *testing.T) {
	_, data := seededBundle(t)
	in := writeTemp(t, "plan.json", data)
	dst := newWorkspace(t)
	firstOut := mustRun(t, dst, "import", in)
	if !strings.Contains(firstOut, "added") || !strings.Contains(firstOut, "Imported 1 bundle") {
		t.Fatalf("first import:\n%s", firstOut)
	}
	before := fileHash(t, dst)
	out := mustRun(t, dst, "import", in, "-v")
	for _, line := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
		if strings.HasPrefix(line, "  ") && !strings.HasPrefix(line, "  unchanged") && !strings.Contains(line, " 0 added, 0 updated, 0 deleted, 0 conflicts") {
			t.Errorf("second import reports a change: %q", line)
		}
	}
	if !strings.Contains(out, "Nothing to write") {
		t.Errorf("second import:\n%s\nwant \"Nothing to write\"", out)
	}
	if fileHash(t, dst) != before {
		t.Errorf("importing the same bundle twice changed the workspace file")
	}
}

// TestImport_Run_Hostile feeds broken and hostile bundles to import: each
// fails with an error naming the file and what is wrong, and leaves the
// workspace file byte for byte as it was.
func TestImport_Run_Hostile(t *testing.T) {
	_, good := seededBundle(t)
	future := testNow.Add(time.Hour).Format("2006-01-02T15:04:05.000000000Z")
	deep := `{"format": "align-bundle", "version": 1, "goals": ` + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "}"
	tests := []struct {
		name string
		data []byte
		want []string // substrings of the error
	}{
		{"truncated JSON", good[:len(good)/2], []string{"bundle: ", "nothing was imported"}},
		{"deep nesting", []byte(deep), []string{"goals", "expected an object"}},
		{"not JSON", []byte("\x00\x01PK\x03\x04"), []string{"bundle: "}},
		{"empty", []byte("  \n"), []string{"the input is empty"}},
		{"duplicate UUIDs", mutate(t, good, func(b map[string]any) {
			rec(b, "stories", 1)["id"] = rec(b, "stories", 0)["id"]
		}), []string{"story", "sprints[0].stories[1]", "id", "repeats the id"}},
		{"nil UUID", mutate(t, good, func(b map[string]any) {
			rec(b, "objectives", 0)["id"] = uuid.Nil.String()
		}), []string{"objective", "sprints[0].objectives[0]", "id", "nil UUID"}},
		{"story with a missing objective", mutate(t, good, func(b map[string]any) {
			rec(b, "stories", 0)["objective_id"] = "0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"
		}), []string{"story", "objective", "neither in the bundle nor in this workspace"}},
		{"progress 101", mutate(t, good, func(b map[string]any) {
			rec(b, "assessments", 0)["progress"] = 101
		}), []string{"assessment", "sprints[0].assessments[0]", "progress", "101"}},
		{"future timestamp", mutate(t, good, func(b map[string]any) {
			rec(b, "assessments", 0)["updated_at"] = future
		}), []string{"assessment", "updated", "future"}},
		{"unknown field", mutate(t, good, func(b map[string]any) {
			rec(b, "objectives", 0)["owner"] = "ana"
		}), []string{`unknown field "owner"`}},
		{"duplicate key", bytes.Replace(good, []byte(`"team": "Checkout",`), []byte(`"team": "Checkout", "team": "Evil",`), 1),
			[]string{`duplicate key "team"`}},
		{"case-variant key", bytes.Replace(good, []byte(`"team":`), []byte(`"Team":`), 1),
			[]string{`"Team" differs only in case`}},
		{"newer version", bytes.Replace(good, []byte(`"version": 2,`), []byte(`"version": 3,`), 1),
			[]string{"version 3 is not supported"}},
		{"bad state", mutate(t, good, func(b map[string]any) {
			b["sprints"].([]any)[0].(map[string]any)["state"] = "done"
		}), []string{"sprint", "state", `"done" is not a state`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dst := newWorkspace(t)
			in := writeTemp(t, "hostile.json", tt.data)
			before := fileHash(t, dst)
			r := run(t, dst, "import", in)
			if r.err == nil {
				t.Fatalf("import succeeded; stdout:\n%s", r.stdout)
			}
			msg := r.err.Error()
			t.Logf("%s", msg)
			for _, w := range append([]string{in + ": "}, tt.want...) {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q lacks %q", msg, w)
				}
			}
			if strings.Contains(msg, "\n") {
				t.Errorf("error is not one line: %q", msg)
			}
			if r.stdout != "" {
				t.Errorf("a failed import printed a report:\n%s", r.stdout)
			}
			if fileHash(t, dst) != before {
				t.Errorf("the workspace file changed")
			}
		})
	}
}

// spaceReader yields n bytes of white space without holding them.
type spaceReader struct{ left int64 }

func (r *spaceReader) Read(p []byte) (int, error) {
	if r.left <= 0 {
		return 0, io.EOF
	}
	n := min(int64(len(p)), r.left)
	for i := range p[:n] {
		p[i] = ' '
	}
	r.left -= n
	return int(n), nil
}

func TestImport_Run_GiBOfWhitespaceOnStdinStopsAtTheCap(t *testing.T) {
	dst := newWorkspace(t)
	before := fileHash(t, dst)
	src := &spaceReader{left: 1 << 30}
	start := time.Now()
	r := runIn(t, dst, src, "import", "-")
	took := time.Since(start)
	if r.err == nil || !strings.Contains(r.err.Error(), "standard input: bundle: larger than the 32 MiB limit") {
		t.Fatalf("error %v, want the 32 MiB limit on standard input", r.err)
	}
	if read := int64(1<<30) - src.left; read > 33<<20 {
		t.Errorf("read %d bytes of a 1 GiB stream, want it to stop just past 32 MiB", read)
	}
	if took > 10*time.Second {
		t.Errorf("took %v to refuse the stream", took)
	}
	if fileHash(t, dst) != before {
		t.Errorf("the workspace file changed")
	}
}

func TestImport_Run_EscapeSequencesInANoteAreStripped(t *testing.T) {
	_, good := seededBundle(t)
	data := mutate(t, good, func(b map[string]any) {
		rec(b, "assessments", 0)["note"] = "\x1b[2J\x1b]0;pwned\x07looks \u202efine\x1b[0m"
	})
	dst := newWorkspace(t)
	mustRun(t, dst, "import", writeTemp(t, "esc.json", data))
	snap := takeSnapshot(t, dst)
	note := snap.Data.Sprints[0].Assessments[0].Note
	if strings.ContainsAny(note, "\x1b\x07\u202e") {
		t.Errorf("note kept control characters: %q", note)
	}
	if !strings.Contains(note, "looks fine") {
		t.Errorf("note %q lost its text", note)
	}
}

func TestImport_Run_ManyFilesAllOrNothing(t *testing.T) {
	src, plan := seededBundle(t)
	ana := []byte(mustRun(t, src, "export", "--format", "json", "--mine", "--as", "ana"))
	bad := mutate(t, ana, func(b map[string]any) { rec(b, "assessments", 0)["confidence"] = 9 })
	dir := t.TempDir()
	files := map[string][]byte{"1-plan.json": plan, "2-ana.json": ana, "3-bad.json": bad}
	for n, d := range files {
		if err := os.WriteFile(filepath.Join(dir, n), d, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	p := func(n string) string { return filepath.Join(dir, n) }

	dst := newWorkspace(t)
	before := fileHash(t, dst)
	r := run(t, dst, "import", p("1-plan.json"), p("2-ana.json"), p("3-bad.json"))
	if r.err == nil || !strings.HasPrefix(r.err.Error(), p("3-bad.json")+": ") || !strings.Contains(r.err.Error(), "confidence") {
		t.Fatalf("error %v, want one naming 3-bad.json and confidence", r.err)
	}
	if fileHash(t, dst) != before {
		t.Fatalf("a bad third bundle left the first two imported")
	}

	out := mustRun(t, dst, "import", p("1-plan.json"), p("2-ana.json"))
	for _, w := range []string{"1-plan.json: sprint \"Sprint 14\" of team \"Checkout\"", "2-ana.json: ", "All 2 bundles: ", "Imported 2 bundles"} {
		if !strings.Contains(out, w) {
			t.Errorf("report lacks %q:\n%s", w, out)
		}
	}
}

func TestImport_Run_DryRunWritesNothing(t *testing.T) {
	_, plan := seededBundle(t)
	in := writeTemp(t, "plan.json", plan)
	dst := newWorkspace(t)
	before := fileHash(t, dst)
	dry := mustRun(t, dst, "import", "--dry-run", in)
	if fileHash(t, dst) != before {
		t.Fatalf("--dry-run changed the workspace file")
	}
	real := mustRun(t, dst, "import", in)
	cut := func(s string) string { return s[:strings.LastIndex(strings.TrimSuffix(s, "\n"), "\n")] }
	if cut(dry) != cut(real) {
		t.Errorf("--dry-run reported\n%s\nthe import\n%s", dry, real)
	}
	if !strings.Contains(dry, "Dry run: nothing was written") {
		t.Errorf("dry run report:\n%s", dry)
	}
}

func TestImport_Run_ArgumentErrors(t *testing.T) {
	dst := newWorkspace(t)
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no file", []string{"import"}, "needs at least one FILE"},
		{"stdin twice", []string{"import", "-", "-"}, `"-" (standard input) is given twice`},
		{"missing file", []string{"import", filepath.Join(dir, "nope.json")}, "nope.json: no such file"},
		{"directory", []string{"import", dir}, "is a directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runIn(t, dst, strings.NewReader(""), tt.args...)
			if r.err == nil || !strings.Contains(r.err.Error(), tt.want) {
				t.Errorf("error %v, want %q", r.err, tt.want)
			}
		})
	}
}

// TestImport_Run_DryRunOpensReadOnly: a dry run opens the workspace
// read-only, so it needs no write lock beyond bbolt's shared one.
func TestImport_Run_DryRunOpensReadOnly(t *testing.T) {
	_, plan := seededBundle(t)
	dst := newWorkspace(t)
	st, err := store.Open(dst, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if r := run(t, dst, "import", "--dry-run", writeTemp(t, "plan.json", plan)); r.err != nil {
		t.Errorf("dry run beside a reader: %v", r.err)
	}
}

func TestImport_Run_RefusesAnotherTeam(t *testing.T) {
	_, data := seededBundle(t)
	bundle := writeTemp(t, "plan.json", data)
	db := filepath.Join(t.TempDir(), "other.db")
	mustRun(t, db, "init", "--team", "Another team")
	before := takeSnapshot(t, db)
	r := run(t, db, "import", bundle)
	if r.err == nil || !strings.Contains(r.err.Error(), `this workspace is team "Another team"; nothing was imported`) {
		t.Errorf("import of another team's bundle: %v", r.err)
	}
	if !sameSnapshot(before, takeSnapshot(t, db)) {
		t.Errorf("a refused import changed the workspace")
	}
	if r := run(t, db, "import", "--any-team", bundle); r.err != nil {
		t.Errorf("import --any-team: %v", r.err)
	}
}

// TestImport_Run_ClosedSprintStaysClosed: a bundle made before the sprint
// was closed here must neither reopen it nor add estimates to it.
func TestImport_Run_ClosedSprintStaysClosed(t *testing.T) {
	src := newWorkspace(t)
	seedSprint(t, src)
	plan := writeTemp(t, "plan.json", []byte(mustRun(t, src, "export", "--format", "json", "--sprint", "all")))

	dst := filepath.Join(t.TempDir(), "dst.db")
	mustRun(t, dst, "init")
	mustRun(t, dst, "import", plan)
	mustRun(t, dst, "sprint", "state", "current", "review")
	mustRun(t, dst, "sprint", "state", "current", "closed")

	mustRun(t, src, "assess", "--as", "eve", "--objective", "Docs refresh", "--progress", "99")
	mustRun(t, src, "sprint", "state", "current", "assessing")
	late := writeTemp(t, "late.json", []byte(mustRun(t, src, "export", "--format", "json", "--sprint", "all", "--with-estimates")))

	before := takeSnapshot(t, dst)
	r := run(t, dst, "import", late)
	if r.err != nil {
		t.Fatalf("import: %v", r.err)
	}
	if !strings.Contains(r.stdout, "skipped") || !strings.Contains(r.stdout, "is closed here") {
		t.Errorf("the report does not say what was skipped:\n%s", r.stdout)
	}
	if !sameSnapshot(before, takeSnapshot(t, dst)) {
		t.Errorf("importing into a closed sprint changed the workspace")
	}
}
