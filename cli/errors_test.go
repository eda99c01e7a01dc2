package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRun_BadInput feeds each command a bad value: every run must fail with
// a message naming the value and what is allowed, and leave the workspace
// exactly as it was.
func TestRun_BadInput(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	const checkout = "Checkout in three steps"
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"progress above 100", []string{"assess", "--as", "ana", "--objective", checkout, "--progress", "150"}, "--progress 150 is outside 0–100"},
		{"negative progress", []string{"assess", "--as", "ana", "--objective", checkout, "--progress", "-5"}, "--progress -5 is outside 0–100"},
		{"progress not a number", []string{"assess", "--as", "ana", "--objective", checkout, "--progress", "lots"}, `--progress "lots" is not a whole number`},
		{"confidence out of range", []string{"assess", "--as", "ana", "--objective", checkout, "--progress", "50", "--confidence", "9"}, "--confidence 9 is outside 1–5"},
		{"no progress", []string{"assess", "--as", "ana", "--objective", checkout}, "--progress is required (0–100), or pass --abstain"},
		{"abstain with progress", []string{"assess", "--as", "ana", "--objective", checkout, "--abstain", "--progress", "3"}, "--abstain and --progress exclude each other"},
		{"no member", []string{"assess", "--objective", checkout, "--progress", "50"}, "pass --as HANDLE or set ALIGN_MEMBER"},
		{"unknown member", []string{"assess", "--as", "zed", "--objective", checkout, "--progress", "50"}, `no member has the handle "zed"`},
		{"unknown objective", []string{"assess", "--as", "ana", "--objective", "Billing", "--progress", "50"}, `no objective matches "Billing"; see ` + "`align objective list`"},
		{"unknown sprint", []string{"assess", "--as", "ana", "--objective", checkout, "--progress", "50", "--sprint", "Sprint 99"}, `no sprint matches "Sprint 99"`},
		{"bad handle", []string{"member", "add", "Zed", "--handle", "Zed Smith"}, `"zed smith" is not allowed`},
		{"taken handle", []string{"member", "add", "Ana Two", "--handle", "ana"}, `the handle "ana" is already taken by Ana Lopez`},
		{"missing handle", []string{"member", "add", "Zed Smith"}, `--handle is required: a short name such as "zed"`},
		{"missing member name", []string{"member", "add", "--handle", "zed"}, "align member add needs NAME"},
		{"remove unknown member", []string{"member", "rm", "zed"}, `no member has the handle "zed"`},
		{"extra argument", []string{"member", "rm", "ana", "bo"}, `unexpected argument "bo"`},
		{"duplicate goal", []string{"goal", "add", "GROW SELF-SERVE REVENUE"}, "already exists"},
		{"empty goal title", []string{"goal", "add", "  "}, "goal title: must not be empty"},
		{"bad start date", []string{"sprint", "add", "Sprint 15", "--start", "2025-13-01", "--end", "2025-03-28"}, `"2025-13-01" is not a date; use YYYY-MM-DD`},
		{"end before start", []string{"sprint", "add", "Sprint 15", "--start", "2025-03-28", "--end", "2025-03-17"}, "2025-03-17 is before the start date 2025-03-28"},
		{"missing dates", []string{"sprint", "add", "Sprint 15"}, "--start and --end are required"},
		{"duplicate sprint", []string{"sprint", "add", "sprint 14", "--start", "2025-03-17", "--end", "2025-03-28"}, `a sprint named "Sprint 14" already exists`},
		{"reserved sprint name", []string{"sprint", "add", "current", "--start", "2025-03-17", "--end", "2025-03-28"}, "is reserved"},
		{"bad state", []string{"sprint", "state", "current", "done"}, `"done" is not a state; use planning, assessing, review or closed`},
		{"new sprint closed", []string{"sprint", "add", "Sprint 15", "--start", "2025-03-17", "--end", "2025-03-28", "--state", "closed"}, "a new sprint cannot start closed"},
		{"close without review", []string{"sprint", "state", "current", "closed"}, "was never reviewed; closing makes it read-only for good"},
		{"duplicate objective", []string{"objective", "add", "faster search"}, `already has an objective titled "Faster search"`},
		{"unknown goal", []string{"objective", "add", "Billing", "--goal", "World peace"}, `no goal matches "World peace"`},
		{"story without objective", []string{"story", "add", "Something"}, "--objective is required"},
		{"bad story status", []string{"story", "add", "Something", "--objective", checkout, "--status", "blocked"}, `"blocked" is not a status; use todo, doing or done`},
		{"negative points", []string{"story", "add", "Something", "--objective", checkout, "--points", "-1"}, "--points -1 is outside 0–1000"},
		{"story set without change", []string{"story", "set", "SHOP-1"}, "nothing to change"},
		{"unknown story", []string{"story", "set", "SHOP-9", "--status", "done"}, `no story matches "SHOP-9"`},
		{"one digit is no id prefix", []string{"objective", "rm", "0"}, `no objective matches "0"`},
		{"bad export format", []string{"export", "--format", "pdf"}, `--format "pdf" is not a format; use md, json, csv or summary`},
		{"markdown of all sprints", []string{"export", "--sprint", "all"}, "the markdown summary covers one sprint"},
		{"export over the workspace", []string{"export", "-o", "DB"}, "is the workspace itself"},
		{"export into a missing directory", []string{"export", "-o", "/nonexistent/dir/x.md"}, "cannot write to /nonexistent/dir"},
		{"unknown setting", []string{"config", "colour", "blue"}, `"colour" is not a setting; use one of team, aligned-below`},
		{"setting not a number", []string{"config", "split-at", "many"}, `split-at "many" is not a whole number`},
		{"setting out of range", []string{"config", "split-at", "5"}, "split-at (5) must be at least aligned-below (15) and at most 101"},
		{"setting not a bool", []string{"config", "anonymous-reveal", "maybe"}, `anonymous-reveal "maybe" is not true or false`},
		{"unknown flag", []string{"member", "list", "--bogus"}, "unknown flag: --bogus"},
		{"unknown command", []string{"frobnicate"}, `unknown command "frobnicate"`},
		{"mistyped command", []string{"statsu"}, `unknown command "statsu" for "align"; did you mean status?`},
		{"mistyped subcommand", []string{"member", "ad", "Zed"}, `unknown command "ad" for "align member"; did you mean add?`},
		{"negative seed", []string{"demo", "--seed", "-1"}, `--seed "-1" is not a whole number of 0 or more`},
		{"bool flag with a value", []string{"assess", "--as", "ana", "--objective", checkout, "--abstain=maybe"}, `--abstain "maybe" is not true or false`},
		{"demo size out of range", []string{"demo", "--sprints", "0"}, "--sprints 0 is outside 1–1000"},
	}
	before := takeSnapshot(t, db)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string(nil), tt.args...)
			for i, a := range args {
				if a == "DB" {
					args[i] = db
				}
			}
			r := run(t, db, args...)
			if r.err == nil {
				t.Fatalf("align %s succeeded, want an error containing %q\nstdout: %s", strings.Join(tt.args, " "), tt.want, r.stdout)
			}
			if !strings.Contains(r.err.Error(), tt.want) {
				t.Errorf("align %s\nerror: %v\nwant:  %q", strings.Join(tt.args, " "), r.err, tt.want)
			}
			if strings.Contains(r.err.Error(), "\n") {
				t.Errorf("error is not one line: %q", r.err)
			}
			if after := takeSnapshot(t, db); !sameSnapshot(before, after) {
				t.Errorf("align %s changed the workspace", strings.Join(tt.args, " "))
			}
		})
	}
}

// TestRun_StateGuards checks that each sprint state refuses what it must.
func TestRun_StateGuards(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	mustRun(t, db, "sprint", "state", "current", "review")
	before := takeSnapshot(t, db)
	for _, args := range [][]string{
		{"objective", "add", "Late idea"},
		{"objective", "rm", "Faster search"},
		{"story", "add", "Late story", "--objective", "Faster search"},
	} {
		r := run(t, db, args...)
		if r.err == nil || !strings.Contains(r.err.Error(), `sprint "Sprint 14" is in review`) {
			t.Errorf("align %s in review: %v", strings.Join(args, " "), r.err)
		}
	}
	if !sameSnapshot(before, takeSnapshot(t, db)) {
		t.Errorf("a refused plan edit changed the workspace")
	}

	// An estimate first saved in review is accepted and marked late.
	r := run(t, db, "assess", "--as", "eve", "--objective", "Checkout in three steps", "--progress", "70")
	if r.err != nil || !strings.Contains(r.stderr, "marked late") {
		t.Errorf("late estimate: %v, stderr %q", r.err, r.stderr)
	}
	if out := mustRun(t, db, "status"); !strings.Contains(out, "eve 70 (late)") {
		t.Errorf("status does not mark the late estimate:\n%s", out)
	}

	mustRun(t, db, "sprint", "state", "current", "closed")
	r = run(t, db, "assess", "--as", "eve", "--objective", "Checkout in three steps", "--progress", "10")
	if r.err == nil || !strings.Contains(r.err.Error(), "is closed") {
		t.Errorf("assess on a closed sprint: %v", r.err)
	}
}

func TestRun_MissingWorkspace(t *testing.T) {
	db := filepath.Join(t.TempDir(), "nowhere", "align.db")
	for _, args := range [][]string{{"status"}, {"member", "add", "Ana", "--handle", "ana"}, {}, {"check"}} {
		r := run(t, db, args...)
		want := "no workspace at " + db + " yet: run `align init` (or `align demo` to try a sample team)"
		if r.err == nil || r.err.Error() != want {
			t.Errorf("align %s on a missing workspace: %v, want %q", strings.Join(args, " "), r.err, want)
		}
	}
	if _, err := os.Stat(filepath.Dir(db)); !os.IsNotExist(err) {
		t.Errorf("a command other than init created %s", filepath.Dir(db))
	}
}

func TestRun_EmptyWorkspace(t *testing.T) {
	db := newWorkspace(t)
	r := run(t, db, "status")
	if r.err == nil || !strings.Contains(r.err.Error(), "there are no sprints yet; add one with `align sprint add") {
		t.Errorf("status on an empty workspace: %v", r.err)
	}
	r = run(t, db, "member", "list")
	if r.err != nil || r.stdout != "" || !strings.Contains(r.stderr, "no members yet") {
		t.Errorf("member list on an empty workspace: %v, stdout %q, stderr %q", r.err, r.stdout, r.stderr)
	}
}

func TestRun_ZeroByteFile(t *testing.T) {
	db := filepath.Join(t.TempDir(), "empty.db")
	if err := os.WriteFile(db, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"goal", "add", "G"}, {"status"}, {"config", "team"}} {
		r := run(t, db, args...)
		if r.err == nil || !strings.Contains(r.err.Error(), "is an empty file, not an align workspace") {
			t.Errorf("align %s on a 0-byte file: %v", strings.Join(args, " "), r.err)
		}
	}
	if fi, err := os.Stat(db); err != nil || fi.Size() != 0 {
		t.Fatalf("the empty file was changed: %v, %v", fi, err)
	}
	mustRun(t, db, "init", "--team", "T")
	mustRun(t, db, "goal", "add", "G")
}
