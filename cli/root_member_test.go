package cli

import (
	"strings"
	"testing"
)

// Piped (not a terminal), align --as with an unknown handle is an error,
// not the status; a handle in capitals names the lower-case member.
func TestRoot_AsChecked(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	r := run(t, db, "--as", "zed")
	if r.err == nil || !strings.Contains(r.err.Error(), "no such member") || strings.Contains(r.stdout, "Sprint 14") {
		t.Fatalf("--as zed piped: err %v, stdout %q", r.err, r.stdout)
	}
	if r := run(t, db, "--as", "Bo"); r.err != nil {
		t.Fatalf("--as Bo refused: %v", r.err)
	}
}
