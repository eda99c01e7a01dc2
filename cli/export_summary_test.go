package cli

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/align-team/align/export"
)

// TestExportSummary_Run_CarriesNoMemberIdentity proves the summary's
// privacy on rich workspaces: years of generated history and the sample
// team, with notes, actions and outliers. No member's handle or name (as
// a word, any case) and no note, discussion or action text appears.
func TestExportSummary_Run_CarriesNoMemberIdentity(t *testing.T) {
	for _, demoArgs := range [][]string{
		{"demo", "--sprints", "40", "--members", "12", "--objectives", "8", "--stories", "30", "--seed", "3"},
		{"demo"},
	} {
		db := filepath.Join(t.TempDir(), "demo.db")
		mustRun(t, db, demoArgs...)
		mustRun(t, db, "init", "--team", "Payments")
		out := mustRun(t, db, "export", "--format", "summary")
		snap := takeSnapshot(t, db)
		words := map[string]bool{}
		for _, m := range snap.Data.Members {
			words[m.Handle] = true
			for _, w := range strings.Fields(m.Name) {
				words[w] = true
			}
		}
		var texts []string
		for _, sd := range snap.Data.Sprints {
			for _, a := range sd.Assessments {
				texts = append(texts, a.Note)
			}
			for _, o := range sd.Outcomes {
				texts = append(texts, o.Notes)
			}
			for _, a := range sd.Actions {
				texts = append(texts, a.Text)
			}
		}
		if len(words) < 10 || len(texts) < 20 {
			t.Fatalf("%v: the workspace is not rich: %d words, %d texts", demoArgs, len(words), len(texts))
		}
		for w := range words {
			if regexp.MustCompile(`(?i)\b` + regexp.QuoteMeta(w) + `\b`).MatchString(out) {
				t.Errorf("%v: the summary contains the member word %q", demoArgs, w)
			}
		}
		for _, s := range texts {
			if s = strings.TrimSpace(s); len(s) >= 6 && strings.Contains(out, s) {
				t.Errorf("%v: the summary contains the text %q", demoArgs, s)
			}
		}
		s, err := export.DecodeSummary(strings.NewReader(out))
		if err != nil {
			t.Fatalf("the summary does not read back: %v", err)
		}
		if s.Team != "Payments" || len(s.Sprints) != len(snap.Data.Sprints) {
			t.Errorf("summary of %q with %d sprints, want Payments with %d", s.Team, len(s.Sprints), len(snap.Data.Sprints))
		}
	}
}

func TestExportSummary_Run_FiguresAndSeal(t *testing.T) {
	db := newWorkspace(t)
	seedSprint(t, db)
	sealed := mustRun(t, db, "export", "--format", "summary")
	if !strings.Contains(sealed, `"sealed": true`) || strings.Contains(sealed, `"median": 4`) {
		t.Errorf("a sprint in assessing shows figures drawn from sealed estimates:\n%s", sealed)
	}
	mustRun(t, db, "sprint", "state", "current", "review")
	out := mustRun(t, db, "export", "--format", "summary")
	s, err := export.DecodeSummary(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	sp := s.Sprints[0]
	if sp.Sealed || sp.Members != 5 || sp.Answered != 4 || sp.Participation != 80 {
		t.Errorf("sprint: sealed %v, %d of %d answered (%d %%), want 4 of 5 (80 %%)", sp.Sealed, sp.Answered, sp.Members, sp.Participation)
	}
	o := sp.Objectives[0]
	if o.Title != "Checkout in three steps" || o.Responses != 4 || o.Median != 47.5 || o.Spread != 75 || o.Level != "split" ||
		o.Goal != "Grow self-serve revenue" || o.Evidence.Stories != 2 || o.Evidence.StoriesDone != 1 {
		t.Errorf("objective %+v", o)
	}
	for _, args := range [][]string{
		{"export", "--format", "summary", "--sprint", "all"},
		{"export", "--format", "summary", "--mine", "--as", "ana"},
	} {
		if r := run(t, db, args...); r.err == nil {
			t.Errorf("%v was accepted", args)
		}
	}
}
