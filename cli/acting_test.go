package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
)

// --as @BO (any case, with or without "@", or $ALIGN_MEMBER) names the same
// member on every command that acts as someone: the status without a
// terminal, assess, the author of a JSON export, and the authority check
// of outcome set, agree and note add (bo may not; ana, a facilitator, may).
func TestActing_SameMemberOnEveryCommand(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	mustRun(t, db, "sprint", "state", "Sprint 14", "review")
	for _, as := range []string{"@BO", "Bo", " bo "} {
		for _, env := range []map[string]string{nil, {"ALIGN_MEMBER": as}} {
			flag := []string{"--as", as}
			if env != nil {
				flag = nil
			}
			runAs := func(args ...string) result {
				return runEnv(t, env, append(append([]string{"--db", db}, args...), flag...)...)
			}
			if r := runAs(); r.err != nil || !strings.Contains(r.stdout, "Sprint 14") {
				t.Errorf("align as %q (env %v): err %v, stdout %q", as, env, r.err, r.stdout)
			}
			r := runAs("assess", "--objective", "Docs refresh", "--progress", "35")
			if r.err != nil || !strings.Contains(r.stdout, "Saved bo's estimate") {
				t.Errorf("assess as %q (env %v): err %v, stdout %q", as, env, r.err, r.stdout)
			}
			r = runAs("export", "--format", "json", "--mine")
			if r.err != nil || !strings.Contains(r.stdout, `"author"`) {
				t.Fatalf("export --mine as %q (env %v): err %v", as, env, r.err)
			}
			if author := bundleAuthor(t, db, r.stdout); author != "bo" {
				t.Errorf("export --mine as %q (env %v) is by %q, want bo", as, env, author)
			}
			for _, args := range [][]string{
				{"outcome", "set", "Faster search", "--agreed", "90"},
				{"agree", "Faster search", "--progress", "90"},
				{"note", "add", "Faster search", "bo was here"},
			} {
				if r := runAs(args...); r.err == nil || !strings.Contains(r.err.Error(), "may not") {
					t.Errorf("align %s as %q (env %v): err %v, want bo's refusal", strings.Join(args, " "), as, env, r.err)
				}
			}
		}
	}
	mustRun(t, db, "outcome", "set", "Faster search", "--agreed", "90", "--as", "@ANA")
}

// bundleAuthor returns the handle of the member who wrote the bundle.
func bundleAuthor(t *testing.T, db, bundle string) string {
	t.Helper()
	var b struct {
		Author string `json:"author"`
	}
	if err := json.Unmarshal([]byte(bundle), &b); err != nil {
		t.Fatalf("the bundle is not JSON: %v", err)
	}
	var ms []export.JSONMember
	if err := json.Unmarshal([]byte(mustRun(t, db, "member", "list", "--json")), &ms); err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.ID == b.Author {
			return m.Handle
		}
	}
	t.Fatalf("the bundle's author %q is no member", b.Author)
	return ""
}

// An unknown or removed member is the same refusal, naming where the handle
// came from, on every command; nothing is written.
func TestActing_SameRefusalOnEveryCommand(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	mustRun(t, db, "sprint", "state", "Sprint 14", "review")
	mustRun(t, db, "member", "rm", "eve")
	before := takeSnapshot(t, db)
	commands := [][]string{
		{},
		{"assess", "--objective", "Docs refresh", "--progress", "35"},
		{"export", "--format", "json", "--mine"},
		{"outcome", "set", "Faster search", "--agreed", "90"},
		{"agree", "Faster search", "--progress", "90"},
	}
	for _, c := range []struct {
		as   string
		env  map[string]string
		want []string
	}{
		{"@ZED", nil, []string{`no member has the handle "@ZED" (--as @ZED: no such member); choose one of: ana, bo, cy, dee`}},
		{"", map[string]string{"ALIGN_MEMBER": "zed"}, []string{`no member has the handle "zed" (ALIGN_MEMBER=zed: no such member); choose one of:`}},
		{"Eve", nil, []string{"--as Eve: eve was removed from the team; bring them back with `align member add \"Eve Fox\" --handle eve`"}},
	} {
		for _, args := range commands {
			full := append([]string{"--db", db}, args...)
			if c.as != "" {
				full = append(full, "--as", c.as)
			}
			r := runEnv(t, c.env, full...)
			if r.err == nil {
				t.Errorf("align %s as %q: no error, stdout %q", strings.Join(args, " "), c.as, r.stdout)
				continue
			}
			for _, w := range c.want {
				if !strings.Contains(r.err.Error(), w) {
					t.Errorf("align %s as %q: err %q, want %q", strings.Join(args, " "), c.as, r.err, w)
				}
			}
			if strings.Contains(r.stdout, "Sprint 14") {
				t.Errorf("align %s as %q printed %q", strings.Join(args, " "), c.as, r.stdout)
			}
		}
	}
	if after := takeSnapshot(t, db); !sameSnapshot(before, after) {
		t.Error("a refused --as changed the workspace")
	}
}

// The rule itself: one way to read a typed handle.
func TestActingAmong_Table(t *testing.T) {
	ms := []model.Member{
		{Handle: "ana", Name: "Ana", Active: true},
		{Handle: "bo", Name: "Bo", Active: false},
		{Handle: "cy", Name: "Cy", Active: true, Meta: model.Meta{Deleted: true}},
	}
	for _, tt := range []struct{ given, want, err string }{
		{"ana", "ana", ""}, {"@ANA", "ana", ""}, {" Ana ", "ana", ""},
		{"bo", "", "bo was removed from the team"},
		{"cy", "", `no member has the handle "cy"`},
		{"zed", "", "choose one of: ana"},
	} {
		m, err := actingAmong(tt.given, "--as "+tt.given, ms)
		switch {
		case tt.err == "" && (err != nil || m.Handle != tt.want):
			t.Errorf("actingAmong(%q) = %q, %v; want %q", tt.given, m.Handle, err, tt.want)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("actingAmong(%q) error %v; want %q", tt.given, err, tt.err)
		}
	}
}
