package cli

import (
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
