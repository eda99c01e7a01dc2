package cli

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRound_Run_SecondRound runs a review with a second round from the
// shell: round 1 sealed at the reveal (a change refused, nothing written),
// round 2 opened, re-estimated privately, revealed, and shown by status.
func TestRound_Run_SecondRound(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	const o = "Checkout in three steps"
	if r := run(t, db, "round", "open", o); r.err == nil || !strings.Contains(r.err.Error(), "rounds are revealed in the review") {
		t.Fatalf("open in assessing: %v", r.err)
	}
	mustRun(t, db, "sprint", "state", "current", "review")
	if r := run(t, db, "round", "open", o); r.err == nil || !strings.Contains(r.err.Error(), "reveal round 1 of") {
		t.Fatalf("open before the reveal: %v", r.err)
	}
	if out := mustRun(t, db, "round", "reveal", o); !strings.Contains(out, "Revealed round 1") {
		t.Fatalf("reveal: %q", out)
	}
	before := takeSnapshot(t, db)
	for _, args := range [][]string{
		{"assess", "--as", "ana", "--objective", o, "--progress", "30"},
		{"assess", "--as", "ana", "--objective", o, "--clear"},
		{"assess", "--as", "eve", "--objective", o, "--progress", "30"},
	} {
		if r := run(t, db, args...); r.err == nil || !strings.Contains(r.err.Error(), "round 1 is sealed since") {
			t.Errorf("align %s: %v, want round 1 sealed", strings.Join(args, " "), r.err)
		}
	}
	if r := run(t, db, "assess", "--as", "ana", "--objective", o, "--round", "2", "--progress", "40"); r.err == nil || !strings.Contains(r.err.Error(), "round 2 on") {
		t.Errorf("round 2 before it opens: %v", r.err)
	}
	if !sameSnapshot(before, takeSnapshot(t, db)) {
		t.Fatal("refused estimates changed the workspace")
	}
	mustRun(t, db, "round", "open", o)
	if out := mustRun(t, db, "assess", "--as", "ana", "--objective", o, "--round", "2", "--progress", "40"); !strings.Contains(out, "in round 2 (round 1: 20%): 40%") {
		t.Errorf("round 2 estimate: %q", out)
	}
	mustRun(t, db, "assess", "--as", "dee", "--objective", o, "--round", "2", "--progress", "70")
	if s := mustRun(t, db, "status"); !strings.Contains(s, "round 2 open: 2 of 4 re-estimated") || strings.Contains(s, "95→70") {
		t.Errorf("status before the round-2 reveal:\n%s", s)
	}
	mustRun(t, db, "round", "reveal", o)
	// Hand-computed: 20 45 50 95 → 40 45 50 70: spread 75 → 30, median
	// (45+50)/2 = 47.5, ana and dee moved.
	s := mustRun(t, db, "status")
	for _, w := range []string{"estimates: ana 20, bo 45, cy 50, dee 95", "round 2: median 47.5, range 40–70 [split]; spread 75 → 30, 2 of 4 moved", "moves: ana 20→40, dee 95→70"} {
		if !strings.Contains(s, w) {
			t.Errorf("status lacks %q:\n%s", w, s)
		}
	}
	md := mustRun(t, db, "export")
	for _, w := range []string{"spread 75 → 30, 2 of 4 moved", "**Moves:** ana 20 → 40; dee 95 → 70", "**range:** 40–70; **level:** split"} {
		if !strings.Contains(md, w) {
			t.Errorf("markdown lacks %q:\n%s", w, md)
		}
	}
	bundle := filepath.Join(t.TempDir(), "all.json")
	mustRun(t, db, "export", "--format", "json", "--as", "ana", "-o", bundle)
	data, err := os.ReadFile(bundle)
	if err != nil {
		t.Fatal(err)
	}
	if js := string(data); strings.Count(js, `"round": 2`) != 2 || !strings.Contains(js, `"round2_revealed": true`) || !strings.Contains(js, `"sealed": true`) {
		t.Errorf("the JSON bundle lacks the rounds:\n%s", js)
	}
	other := newWorkspace(t)
	mustRun(t, other, "import", bundle)
	if s := mustRun(t, other, "status"); !strings.Contains(s, "spread 75 → 30, 2 of 4 moved") {
		t.Errorf("status after importing the bundle:\n%s", s)
	}
	if r := run(t, db, "round", "uncertain", o); r.err == nil || !strings.Contains(r.err.Error(), "--question is required") {
		t.Errorf("uncertain without a question: %v", r.err)
	}
	if r := run(t, db, "round", "uncertain", "Docs refresh", "--question", "q"); r.err == nil || !strings.Contains(r.err.Error(), "reveal \"Docs refresh\" first") {
		t.Errorf("uncertain before the reveal: %v", r.err)
	}
	mustRun(t, db, "round", "uncertain", o, "--question", "Does the address step go?", "--owner", "bo")
	if s := mustRun(t, db, "status"); !strings.Contains(s, "outcome: uncertain, needs information: Does the address step go? (asks bo)") {
		t.Errorf("status of an uncertain outcome:\n%s", s)
	}
	if md := mustRun(t, db, "export"); !strings.Contains(md, "**Outcome:** uncertain, needs information. **Question:** Does the address step go? (owner: bo)") {
		t.Errorf("markdown of an uncertain outcome:\n%s", md)
	}
	mustRun(t, db, "export", "--format", "json", "--as", "ana", "-o", bundle)
	mustRun(t, other, "import", bundle)
	if s := mustRun(t, other, "status"); !strings.Contains(s, "(asks bo)") {
		t.Errorf("the uncertain outcome did not travel:\n%s", s)
	}
	if r := run(t, db, "assess", "--as", "bo", "--objective", o, "--round", "2", "--progress", "50"); r.err == nil || !strings.Contains(r.err.Error(), "second round was revealed") {
		t.Errorf("round 2 after its reveal: %v", r.err)
	}
	if r := run(t, db, "round", "reveal", o, "--round", "3"); r.err == nil || !strings.Contains(r.err.Error(), "--round 3") {
		t.Errorf("--round 3: %v", r.err)
	}
}

// TestRound_Run_ImportRefusesSealedChange: a bundle that changes a sealed
// round-1 estimate is refused with the record named, and the workspace file
// stays byte-identical; the bundle's round-2 estimates travel and import.
func TestRound_Run_ImportRefusesSealedChange(t *testing.T) {
	dir := t.TempDir()
	fac := newWorkspace(t)
	seedSprint(t, fac)
	plan := filepath.Join(dir, "plan.json")
	mustRun(t, fac, "export", "--format", "json", "--sprint", "current", "--as", "ana", "--with-estimates", "-o", plan)
	bo := newWorkspace(t)
	mustRun(t, bo, "import", plan)
	mustRun(t, bo, "assess", "--as", "bo", "--objective", "Checkout in three steps", "--progress", "80")
	mine := filepath.Join(dir, "bo.json")
	mustRun(t, bo, "export", "--format", "json", "--mine", "--as", "bo", "-o", mine)

	mustRun(t, fac, "sprint", "state", "current", "review")
	mustRun(t, fac, "round", "reveal", "Checkout in three steps")
	sum := func() [32]byte {
		data, err := os.ReadFile(fac)
		if err != nil {
			t.Fatal(err)
		}
		return sha256.Sum256(data)
	}
	was := sum()
	r := run(t, fac, "import", mine)
	if r.err == nil || !strings.Contains(r.stderr+r.err.Error(), `round 1 on "Checkout in three steps" is sealed since its reveal: the bundle would change (45% → 80%) bo's estimate`) {
		t.Fatalf("import of a sealed change: %v\nstderr: %s\nstdout: %s", r.err, r.stderr, r.stdout)
	}
	if sum() != was {
		t.Fatal("the refused import changed the workspace file")
	}
}

// TestRound_Run_Scores: the sample team's first-round scores, side by side,
// with a score under five estimates withheld.
func TestRound_Run_Scores(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	mustRun(t, db, "demo", "--db", db)
	out := mustRun(t, db, "round", "scores")
	for _, w := range []string{"vs agreed", "vs stories at sprint end", "vs baseline when carried", "jonas        +17.3 (|17.3|, 12)         +19.2 (|21.0|, 12)         — (1 of 5)", "confidence 4:"} {
		if !strings.Contains(out, w) {
			t.Errorf("scores lack %q:\n%s", w, out)
		}
	}
	empty := newWorkspace(t)
	seedSprint(t, empty)
	if out := mustRun(t, empty, "round", "scores"); !strings.Contains(out, "ana          — (0 of 5)") {
		t.Errorf("scores with nothing agreed:\n%s", out)
	}
}

// TestRound_Run_NetOfHabit: status shows the spread net of the members'
// usual offsets beside the raw one, and rank-by adjusted reorders the agenda
// by it.
func TestRound_Run_NetOfHabit(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	mustRun(t, db, "demo", "--db", db)
	s := mustRun(t, db, "status")
	if !strings.Contains(s, "net of habit: spread 6.2 (raw 25; usual offsets known for 5 of 5)") || strings.Index(s, "Address autocomplete") > strings.Index(s, "Loyalty points") {
		t.Fatalf("raw ranking:\n%s", s)
	}
	if r := run(t, db, "config", "rank-by", "sideways"); r.err == nil || !strings.Contains(r.err.Error(), `rank-by "sideways" is not raw or adjusted`) {
		t.Errorf("bad rank-by: %v", r.err)
	}
	if !strings.Contains(s, "Agenda, most disputed first:") {
		t.Errorf("raw header:\n%s", s)
	}
	md := mustRun(t, db, "export", "--format", "markdown")
	if !strings.Contains(md, "In agenda order, most disputed first.") || strings.Index(md, "Address autocomplete for new customers (") > strings.Index(md, "Loyalty points at checkout (") {
		t.Errorf("raw markdown agenda:\n%s", md)
	}
	mustRun(t, db, "config", "rank-by", "adjusted")
	s = mustRun(t, db, "status")
	if strings.Index(s, "Address autocomplete") < strings.Index(s, "Loyalty points") {
		t.Errorf("adjusted ranking keeps the habit-driven dispute first:\n%s", s)
	}
	if !strings.Contains(s, "Agenda, most disputed net of habit first:") || strings.Contains(s, "Agenda, most disputed first") {
		t.Errorf("adjusted header:\n%s", s)
	}
	if js := mustRun(t, db, "status", "--json"); strings.Index(js, `"Address autocomplete for new customers"`) < strings.Index(js, `"Loyalty points at checkout"`) {
		t.Errorf("the JSON agenda does not follow rank-by adjusted:\n%s", js)
	}
	md = mustRun(t, db, "export", "--format", "markdown")
	if !strings.Contains(md, "In agenda order, most disputed net of habit first.") || strings.Index(md, "Address autocomplete for new customers (") < strings.Index(md, "Loyalty points at checkout (") {
		t.Errorf("the markdown agenda does not follow rank-by adjusted:\n%s", md)
	}
}

// TestRound_Run_UncertainOwnerHandle: status names an uncertain outcome's
// owner by handle from the members list, also a member who estimated
// nothing in the sprint (before, status printed the owner's id).
func TestRound_Run_UncertainOwnerHandle(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	mustID(t, db, "member", "add", "Fay Gold", "--handle", "fay")
	mustRun(t, db, "sprint", "state", "current", "review")
	mustRun(t, db, "round", "reveal", "Docs refresh")
	mustRun(t, db, "round", "uncertain", "Docs refresh", "--question", "Who reads the docs?", "--owner", "fay")
	s := mustRun(t, db, "status")
	if !strings.Contains(s, "outcome: uncertain, needs information: Who reads the docs? (asks fay)") {
		t.Errorf("status does not name fay, who estimated nothing:\n%s", s)
	}
}

// TestRound_Run_ImportKeepsRound2: a bundle whose outcome was written where
// the second round was not open (or not revealed) cannot close or
// un-reveal it here: refused whole, the objective named, the workspace
// file byte-identical.
func TestRound_Run_ImportKeepsRound2(t *testing.T) {
	for _, tc := range []struct {
		name string
		here []string // round commands run here after the bundle's copy
		want string
	}{
		{"open", []string{"open"}, `the bundle would close the second round on "Checkout in three steps", open here`},
		{"revealed", []string{"open", "reveal"}, `the bundle would un-reveal the second round on "Checkout in three steps", revealed here`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			fac := newWorkspace(t)
			seedSprint(t, fac)
			mustRun(t, fac, "sprint", "state", "current", "review")
			mustRun(t, fac, "round", "reveal", "Checkout in three steps")
			plan := filepath.Join(dir, "all.json")
			mustRun(t, fac, "export", "--format", "json", "--as", "ana", "-o", plan)
			other := newWorkspace(t)
			mustRun(t, other, "import", plan)
			for _, c := range tc.here {
				args := []string{"round", c, "Checkout in three steps"}
				if c == "reveal" {
					args = append(args, "--round", "2")
				}
				mustRun(t, fac, args...)
			}
			// Later edits where round 2 never opened: the newer outcome (the
			// test clock ticks once a write, so as many as here, and one).
			for i := 0; i <= len(tc.here); i++ {
				mustRun(t, other, "outcome", "set", "Checkout in three steps", "--notes", fmt.Sprintf("talked it over %d", i), "--as", "ana")
			}
			back := filepath.Join(dir, "back.json")
			mustRun(t, other, "export", "--format", "json", "--as", "ana", "-o", back)
			data, err := os.ReadFile(fac)
			if err != nil {
				t.Fatal(err)
			}
			was := sha256.Sum256(data)
			r := run(t, fac, "import", back)
			if r.err == nil || !strings.Contains(r.stderr+r.err.Error(), tc.want) {
				t.Fatalf("import: %v\nstderr: %s\nstdout: %s", r.err, r.stderr, r.stdout)
			}
			if data, err = os.ReadFile(fac); err != nil || sha256.Sum256(data) != was {
				t.Fatalf("the refused import changed the workspace file (%v)", err)
			}
		})
	}
}

// TestRound_Run_CSVRound2: the CSV's round column, and round-2 rows before
// the reveal only for the facilitator or their author.
func TestRound_Run_CSVRound2(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	o := "Checkout in three steps"
	mustRun(t, db, "sprint", "state", "current", "review")
	mustRun(t, db, "round", "reveal", o)
	mustRun(t, db, "round", "open", o)
	mustRun(t, db, "assess", "--as", "bo", "--objective", o, "--round", "2", "--progress", "55")
	row := "Sprint 14,Checkout in three steps,bo,2,55,"
	for _, tc := range []struct {
		as   string
		want bool
	}{{"ana", true}, {"bo", true}, {"cy", false}} {
		csv := mustRun(t, db, "export", "--format", "csv", "--as", tc.as)
		if !strings.HasPrefix(csv, "sprint,objective,member,round,progress,") || !strings.Contains(csv, "Sprint 14,Checkout in three steps,bo,1,") {
			t.Fatalf("csv as %s:\n%s", tc.as, csv)
		}
		if strings.Contains(csv, row) != tc.want {
			t.Errorf("as %s: bo's unrevealed round-2 row shown %v, want %v:\n%s", tc.as, !tc.want, tc.want, csv)
		}
	}
	mustRun(t, db, "round", "reveal", o, "--round", "2")
	if csv := mustRun(t, db, "export", "--format", "csv", "--as", "cy"); !strings.Contains(csv, row) {
		t.Errorf("revealed round 2 missing for cy:\n%s", csv)
	}
}
