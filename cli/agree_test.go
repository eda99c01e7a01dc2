package cli

import (
	"strings"
	"testing"
)

// align agree (like outcome set, whose checks it shares) names the way out that exists: a sprint in assessing is moved
// to review; a closed sprint is read-only for good, so it is not told to
// move back to review (which align sprint state refuses); nothing changes.
func TestAgree_StatesNameTheWayOut(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	r := run(t, db, "agree", "Faster search", "--progress", "60")
	if r.err == nil || !strings.Contains(r.err.Error(), `is in assessing: outcomes are recorded in the review`) {
		t.Errorf("agree in assessing: %v", r.err)
	}
	mustRun(t, db, "sprint", "state", "Sprint 14", "closed", "--force")
	before := takeSnapshot(t, db)
	r = run(t, db, "agree", "Faster search", "--progress", "60")
	if r.err == nil || r.err.Error() != `sprint "Sprint 14" is closed and read-only: its outcomes can no longer change` {
		t.Errorf("agree in a closed sprint: %v", r.err)
	}
	if r := run(t, db, "sprint", "state", "Sprint 14", "review"); r.err == nil {
		t.Errorf("a closed sprint went back to review")
	}
	if !sameSnapshot(before, takeSnapshot(t, db)) {
		t.Error("a refused agree changed the workspace")
	}
}
