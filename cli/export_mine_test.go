package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestExport_Run_Mine(t *testing.T) {
	src := newWorkspace(t)
	seedSprint(t, src)
	out := mustRun(t, src, "export", "--format", "json", "--mine", "--as", "ana")
	var b struct {
		Scope   string
		Members []struct{ Handle string }
		Sprints []struct {
			ID          string
			Name        *string
			State       *string
			Objectives  []any
			Stories     []any
			Assessments []struct {
				MemberID string `json:"member_id"`
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &b); err != nil {
		t.Fatal(err)
	}
	if b.Scope != "mine" || len(b.Members) != 1 || b.Members[0].Handle != "ana" || len(b.Sprints) != 1 {
		t.Fatalf("bundle %+v, want ana and one sprint", b)
	}
	sp := b.Sprints[0]
	if sp.ID == "" || sp.Name != nil || sp.State != nil || len(sp.Objectives) != 0 || len(sp.Stories) != 0 || len(sp.Assessments) != 3 {
		t.Errorf("sprint %+v: want the sprint's id with ana's 3 estimates only, no header", sp)
	}
	env := runEnv(t, map[string]string{"ALIGN_MEMBER": "bo"}, "--db", src, "export", "--format", "json", "--mine")
	if env.err != nil || !strings.Contains(env.stdout, `"handle": "bo"`) {
		t.Errorf("ALIGN_MEMBER=bo: %v\n%s", env.err, env.stdout)
	}

	errs := []struct {
		name string
		args []string
		want string
	}{
		{"markdown", []string{"export", "--mine", "--as", "ana"}, "--mine writes a JSON bundle for align import; add --format json"},
		{"csv", []string{"export", "--mine", "--as", "ana", "--format", "csv"}, "add --format json (got --format csv)"},
		{"no member", []string{"export", "--mine", "--format", "json"}, "pass --as HANDLE or set ALIGN_MEMBER"},
		{"all sprints", []string{"export", "--mine", "--as", "ana", "--format", "json", "--sprint", "all"}, "--mine exports one sprint"},
		{"unknown member", []string{"export", "--mine", "--as", "zed", "--format", "json"}, `no member has the handle "zed"`},
	}
	for _, tt := range errs {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, src, tt.args...)
			if r.err == nil || !strings.Contains(r.err.Error(), tt.want) {
				t.Errorf("error %v, want %q", r.err, tt.want)
			}
		})
	}
}
