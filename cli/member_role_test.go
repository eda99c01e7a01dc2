package cli

import (
	"strings"
	"testing"
)

// TestMemberRole_NoEstimates checks `align member role H facilitator
// --no-estimates`: the facilitator is no longer expected to assess (status,
// remind), the list says so, and setting the role again without the flag
// makes them estimate again. A member cannot take the flag.
func TestMemberRole_NoEstimates(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	mustID(t, db, "member", "add", "Hana Ito", "--handle", "hana", "--facilitator")
	if out := mustRun(t, db, "status"); !strings.Contains(out, "Submitted: 4 of 6 members") {
		t.Fatalf("before: status says\n%s", out)
	}
	if out := mustRun(t, db, "member", "role", "hana", "facilitator", "--no-estimates"); out != "hana is now a facilitator who does not estimate.\n" {
		t.Errorf("role says %q", out)
	}
	if out := mustRun(t, db, "status"); !strings.Contains(out, "Submitted: 4 of 5 members") || strings.Contains(out, "hana") {
		t.Errorf("after: status says\n%s", out)
	}
	r := run(t, db, "remind")
	if strings.Contains(r.stdout, "hana") || !strings.Contains(r.stdout, "4 of 5 members") {
		t.Errorf("remind still expects hana:\n%s", r.stdout)
	}
	if out := mustRun(t, db, "member", "list"); !strings.Contains(out, "active, facilitator, does not estimate") {
		t.Errorf("list:\n%s", out)
	}
	before := takeSnapshot(t, db)
	r = run(t, db, "member", "role", "bo", "member", "--no-estimates")
	if r.err == nil || !strings.Contains(r.err.Error(), "--no-estimates is for a facilitator") || !sameSnapshot(before, takeSnapshot(t, db)) {
		t.Errorf("member --no-estimates: %v (workspace changed: %v)", r.err, !sameSnapshot(before, takeSnapshot(t, db)))
	}
	mustRun(t, db, "member", "role", "hana", "facilitator")
	if out := mustRun(t, db, "status"); !strings.Contains(out, "Submitted: 4 of 6 members") {
		t.Errorf("estimating again: status says\n%s", out)
	}
}
