package cli

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// In the seeded "Sprint 14" everyone has answered except eve, who has only
// abstained on "Faster search".
func TestRemind_Run_Formats(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"text", nil, `Sprint 14 (assessing): 4 of 5 members have assessed every objective; not yet:
  eve (Eve Fox)  Checkout in three steps, Docs refresh
`},
		{"markdown", []string{"--format", "md"}, "**Sprint 14**: 4 of 5 members have assessed every objective. Still to assess:\n\n" +
			"- **eve (Eve Fox)**: _Checkout in three steps_, _Docs refresh_\n\n" +
			"To answer, run `align --as HANDLE`, or `align assess --as HANDLE --objective O --progress N`.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, db, append([]string{"remind"}, tt.args...)...)
			var status ExitStatus
			if !errors.As(r.err, &status) || status != 1 {
				t.Errorf("error %v, want exit status 1 while eve has not answered", r.err)
			}
			if r.stdout != tt.want {
				t.Errorf("stdout\n%s\nwant\n%s", r.stdout, tt.want)
			}
			if r.stderr != "" {
				t.Errorf("stderr %q, want nothing", r.stderr)
			}
		})
	}

	r := run(t, db, "remind", "--json")
	var got struct {
		Done               bool
		Answered, Expected int
		Pending            []struct {
			Handle, Name string
			Objectives   []struct{ ID, Title string }
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("--json is not JSON: %v\n%s", err, r.stdout)
	}
	if got.Done || got.Answered != 4 || got.Expected != 5 || len(got.Pending) != 1 || got.Pending[0].Handle != "eve" ||
		len(got.Pending[0].Objectives) != 2 || got.Pending[0].Objectives[1].Title != "Docs refresh" || len(got.Pending[0].Objectives[1].ID) != 36 {
		t.Errorf("--json = %+v", got)
	}
	if !errors.Is(r.err, ExitStatus(1)) {
		t.Errorf("--json error %v, want exit status 1", r.err)
	}

	// eve answers the rest: everyone has, and remind exits 0.
	mustRun(t, db, "assess", "--as", "eve", "--objective", "Checkout in three steps", "--progress", "40")
	mustRun(t, db, "assess", "--as", "eve", "--objective", "Docs refresh", "--abstain")
	for _, args := range [][]string{nil, {"--format", "md"}, {"--json"}} {
		r := run(t, db, append([]string{"remind"}, args...)...)
		if r.err != nil {
			t.Errorf("remind %v: %v, want exit status 0", args, r.err)
		}
		if !strings.Contains(r.stdout, "all 5 members have assessed every objective") && !strings.Contains(r.stdout, `"done": true`) {
			t.Errorf("remind %v:\n%s", args, r.stdout)
		}
	}
	if r := run(t, db, "remind", "--format", "html"); r.err == nil || !strings.Contains(r.err.Error(), `--format "html": use text or md`) || r.stdout != "" {
		t.Errorf("bad --format: %v\n%s", r.err, r.stdout)
	}
}

// TestBinary_RemindExitStatus: the built binary exits 1 while someone has
// not answered, printing the reminder and no error, and 0 once everyone has.
func TestBinary_RemindExitStatus(t *testing.T) {
	bin := buildBinary(t)
	db := newWorkspace(t)
	seedSprint(t, db)
	r := runBinary(t, bin, "--db", db, "remind")
	if r.code != 1 || r.stderr != "" || !strings.Contains(r.stdout, "eve (Eve Fox)") {
		t.Errorf("exit %d, stderr %q, stdout %q; want 1, nothing, the reminder", r.code, r.stderr, r.stdout)
	}
	mustRun(t, db, "member", "rm", "eve")
	r = runBinary(t, bin, "--db", db, "remind", "--format", "md")
	if r.code != 0 || r.stderr != "" || !strings.Contains(r.stdout, "all 4 members") {
		t.Errorf("exit %d, stderr %q, stdout %q; want 0 once everyone has answered", r.code, r.stderr, r.stdout)
	}
	r = runBinary(t, bin, "--db", db, "remind", "--sprint", "Nope")
	if r.code != 1 || !strings.HasPrefix(r.stderr, "align: ") || r.stdout != "" {
		t.Errorf("unknown sprint: exit %d, stderr %q, stdout %q", r.code, r.stderr, r.stdout)
	}
}

// A closed sprint is read-only: remind does not ask anyone to assess it
// (a cron job on "current" would otherwise nag forever after the last
// sprint closed) and exits 0; --json with --format is refused.
func TestRemind_ClosedSprint_NobodyAsked(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	mustRun(t, db, "sprint", "state", "Sprint 14", "closed", "--force")
	tests := []struct {
		args []string
		want string
	}{
		{nil, "Sprint 14 is closed: no estimate can be added any more; 4 of 5 members had assessed every objective.\n"},
		{[]string{"--format", "md"}, "**Sprint 14** is closed: no estimate can be added any more; 4 of 5 members had assessed every objective.\n"},
	}
	for _, tt := range tests {
		r := run(t, db, append([]string{"remind"}, tt.args...)...)
		if r.err != nil || r.stdout != tt.want {
			t.Errorf("remind %v on a closed sprint: %v\n%q\nwant exit 0 and\n%q", tt.args, r.err, r.stdout, tt.want)
		}
	}
	r := run(t, db, "remind", "--json")
	if r.err != nil || !strings.Contains(r.stdout, `"state": "closed"`) || !strings.Contains(r.stdout, `"handle": "eve"`) {
		t.Errorf("remind --json on a closed sprint: %v\n%s", r.err, r.stdout)
	}
	r = run(t, db, "remind", "--json", "--format", "md")
	if r.err == nil || errors.Is(r.err, ExitStatus(1)) || !strings.Contains(r.err.Error(), "choose one") || r.stdout != "" {
		t.Errorf("remind --json --format md: %v\n%s", r.err, r.stdout)
	}
}
