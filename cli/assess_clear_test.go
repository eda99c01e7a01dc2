package cli

import (
	"reflect"
	"strings"
	"testing"
)

func TestAssess_Clear(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	out := mustRun(t, db, "assess", "--as", "dee", "--objective", "Checkout in three steps", "--clear")
	if !strings.Contains(out, "Withdrew dee's estimate") {
		t.Errorf("assess --clear printed %q", out)
	}
	if s := mustRun(t, db, "status"); !strings.Contains(s, "estimates: ana 20, bo 45, cy 50") || strings.Contains(s, "dee 95") {
		t.Errorf("dee's estimate is still counted after --clear:\n%s", s)
	}
	// Withdrawing again, or with --progress, is refused and changes nothing.
	before := takeSnapshot(t, db)
	for _, args := range [][]string{
		{"assess", "--as", "dee", "--objective", "Checkout in three steps", "--clear"},
		{"assess", "--as", "dee", "--objective", "Faster search", "--clear", "--progress", "5"},
		{"assess", "--as", "dee", "--objective", "Faster search", "--clear", "--abstain"},
	} {
		r := run(t, db, args...)
		if r.err == nil {
			t.Errorf("align %s succeeded, want a refusal", strings.Join(args, " "))
		}
	}
	if after := takeSnapshot(t, db); !reflect.DeepEqual(before, after) {
		t.Error("a refused --clear changed the workspace")
	}
}
