package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// bundleEstimates returns the handles of the estimates a JSON bundle holds.
func bundleEstimates(t *testing.T, data string) []string {
	t.Helper()
	var b struct {
		Members []struct {
			ID     string `json:"id"`
			Handle string `json:"handle"`
		} `json:"members"`
		Sprints []struct {
			Assessments []struct {
				MemberID string `json:"member_id"`
			} `json:"assessments"`
		} `json:"sprints"`
	}
	if err := json.Unmarshal([]byte(data), &b); err != nil {
		t.Fatal(err)
	}
	handle := map[string]string{}
	for _, m := range b.Members {
		handle[m.ID] = m.Handle
	}
	var out []string
	for _, sd := range b.Sprints {
		for _, a := range sd.Assessments {
			out = append(out, handle[a.MemberID])
		}
	}
	return out
}

// TestExport_Run_EstimatesSealed: before the review a plan carries its
// author's estimates only, so a member who imports it cannot see anyone
// else's; in review, or with --with-estimates, it carries them all.
func TestExport_Run_EstimatesSealed(t *testing.T) {
	src := newWorkspace(t)
	seedSprint(t, src) // ana facilitates; ana, bo, cy and dee estimated, eve abstained, sprint in assessing
	r := run(t, src, "export", "--format", "json")
	if r.err != nil {
		t.Fatal(r.err)
	}
	got := bundleEstimates(t, r.stdout)
	if len(got) != 3 || strings.Join(got, ",") != "ana,ana,ana" {
		t.Errorf("a plan before the review carries the estimates of %v, want ana's 3 only", got)
	}
	if !strings.Contains(r.stderr, "left out 10 estimates of other members") {
		t.Errorf("the export does not say what it left out: %q", r.stderr)
	}
	// A member importing it sees nobody else's estimates.
	mem := newWorkspace(t)
	mustRun(t, mem, "import", writeTemp(t, "plan.json", []byte(r.stdout)))
	if st := mustRun(t, mem, "status"); strings.Contains(st, "bo 45") || !strings.Contains(st, "Submitted: 1 of 5") {
		t.Errorf("the member's workspace shows others' estimates:\n%s", st)
	}
	if n := len(bundleEstimates(t, mustRun(t, src, "export", "--format", "json", "--with-estimates"))); n != 13 {
		t.Errorf("--with-estimates carries %d estimates, want 13", n)
	}
	if n := len(bundleEstimates(t, mustRun(t, src, "export", "--format", "json", "--as", "bo"))); n != 3 {
		t.Errorf("bo's plan carries %d estimates, want his 3", n)
	}
	mustRun(t, src, "sprint", "state", "current", "review")
	if n := len(bundleEstimates(t, mustRun(t, src, "export", "--format", "json"))); n != 13 {
		t.Errorf("a plan in review carries %d estimates, want all 13", n)
	}
	if r := run(t, src, "export", "--format", "csv", "--with-estimates"); r.err == nil || !strings.Contains(r.err.Error(), "--with-estimates is for a full JSON bundle") {
		t.Errorf("--with-estimates with csv: %v", r.err)
	}
}
