package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExport_Anonymous(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	named := mustRun(t, db, "export")
	if !strings.Contains(named, "| dee ") {
		t.Fatalf("the named summary does not name dee:\n%s", named)
	}
	check := func(how, out string) {
		t.Helper()
		for _, h := range []string{"ana", "bo", "cy", "dee", "eve"} {
			if strings.Contains(out, "| "+h+" ") || strings.Contains(out, h+" (") {
				t.Errorf("%s: the summary names %s by an estimate", how, h)
			}
		}
		if !strings.Contains(out, "Anonymous: estimates without names.") {
			t.Errorf("%s: no anonymous table:\n%s", how, out)
		}
	}
	check("--anonymous", mustRun(t, db, "export", "--anonymous"))
	mustRun(t, db, "config", "anonymous-reveal", "true")
	check("anonymous review", mustRun(t, db, "export"))
	if r := run(t, db, "export", "--format", "csv", "--anonymous"); r.err == nil {
		t.Error("--anonymous with csv was accepted")
	}
}

// A JSON bundle holds every name: --anonymous with it is refused, with or
// without --mine or -o, and nothing is written, rather than a full bundle
// that the user takes for an anonymous one.
func TestExport_AnonymousJSON_Refused(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	out := filepath.Join(t.TempDir(), "anon.json")
	for _, args := range [][]string{
		{"--format", "json"},
		{"--format", "json", "--sprint", "all"},
		{"--format", "json", "--mine", "--as", "ana"},
		{"--format", "json", "-o", out},
	} {
		r := run(t, db, append([]string{"export", "--anonymous"}, args...)...)
		if r.err == nil || !strings.Contains(r.err.Error(), "--anonymous applies to the markdown summary") || r.stdout != "" {
			t.Errorf("export --anonymous %v: %v\n%s", args, r.err, r.stdout)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("export --anonymous --format json -o wrote %s (%v)", out, err)
	}
}
