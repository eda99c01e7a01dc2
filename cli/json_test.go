package cli

import (
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

var updateJSON = flag.Bool("update-json", false, "rewrite cli/testdata/json/*.json")

var uuidRE = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

// stableIDs replaces every id with <id1>, <id2>, … in order of first
// appearance: ids are random, the shape and everything else is not.
func stableIDs(s string) string {
	seen := map[string]string{}
	return uuidRE.ReplaceAllStringFunc(s, func(id string) string {
		if _, ok := seen[id]; !ok {
			seen[id] = "<id" + strconv.Itoa(len(seen)+1) + ">"
		}
		return seen[id]
	})
}

// jsonCommands are the --json outputs with golden files, over the team
// data of the review from the shell, with Sprint 15 in review.
var jsonCommands = map[string][]string{
	"status":     {"status", "--json", "--sprint", "Sprint 14"},
	"members":    {"member", "list", "--json"},
	"goals":      {"goal", "list", "--json"},
	"sprints":    {"sprint", "list", "--json"},
	"objectives": {"objective", "list", "--json", "--sprint", "Sprint 15"},
	"stories":    {"story", "list", "--json", "--sprint", "Sprint 14"},
	"actions":    {"action", "list", "--json", "--sprint", "Sprint 15"},
}

func jsonWorkspace(t *testing.T) string {
	t.Helper()
	db := newWorkspace(t)
	seedSprint(t, db)
	reviewFromShell(t, db)
	mustID(t, db, "action", "add", "Pair on the payments API", "--sprint", "Sprint 15", "--owner", "ana")
	return db
}

func TestRun_JSON_Golden(t *testing.T) {
	db := jsonWorkspace(t)
	for name, args := range jsonCommands {
		t.Run(name, func(t *testing.T) {
			out := mustRun(t, db, args...)
			var v any
			if err := json.Unmarshal([]byte(out), &v); err != nil {
				t.Fatalf("align %s: not JSON: %v\n%s", strings.Join(args, " "), err, out)
			}
			got := stableIDs(out)
			path := filepath.Join("testdata", "json", name+".json")
			if *updateJSON {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./cli -run TestRun_JSON_Golden -update-json)", err)
			}
			if got != string(want) {
				t.Errorf("align %s differs from %s:\n%s", strings.Join(args, " "), path, got)
			}
		})
	}
}

// The outputs parse with jq, and the documented paths give what a script
// expects.
func TestRun_JSON_Jq(t *testing.T) {
	jq, err := exec.LookPath("jq")
	if err != nil {
		t.Skip("jq is not installed (.ci/run installs it)")
	}
	db := jsonWorkspace(t)
	for _, c := range []struct {
		args   []string
		filter string
		want   string
	}{
		{jsonCommands["status"], `.agenda[0].title + " " + (.agenda[0].agreed|tostring)`, "Checkout in three steps 40"},
		{jsonCommands["actions"], `[.[] | select(.earlier) | .text] | join(",")`, "Fix the flaky checkout test,Book the usability lab"},
		{jsonCommands["members"], `[.[] | select(.facilitator) | .handle] | join(",")`, "ana"},
		{jsonCommands["sprints"], `[.[] | select(.current) | .name] | join(",")`, "Sprint 15"},
		{jsonCommands["objectives"], `[.[] | .baseline] | map(tostring) | join(",")`, "40,65"},
		{jsonCommands["stories"], `[.[] | select(.status == "done") | .key] | join(",")`, "SHOP-1,SHOP-3"},
		{jsonCommands["goals"], `.[0].title`, "Grow self-serve revenue"},
	} {
		out := mustRun(t, db, c.args...)
		cmd := exec.Command(jq, "-r", c.filter)
		cmd.Stdin = strings.NewReader(out)
		cmd.WaitDelay = 5 * time.Second
		got, err := cmd.Output()
		if err != nil {
			t.Errorf("jq %q on align %s: %v", c.filter, strings.Join(c.args, " "), err)
			continue
		}
		if strings.TrimSpace(string(got)) != c.want {
			t.Errorf("jq %q on align %s = %q, want %q", c.filter, strings.Join(c.args, " "), got, c.want)
		}
	}
}
