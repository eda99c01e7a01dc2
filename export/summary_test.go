package export

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/model"
)

func summaryFixture(t *testing.T) string {
	t.Helper()
	d := fixtureDataset()
	s := model.Summarize("Checkout", "Acme", d.Goals, d.Members, d.Sprints, model.DefaultSettings(), time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC))
	var buf bytes.Buffer
	if err := WriteSummary(&buf, s); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestDecodeSummary_RoundTrip(t *testing.T) {
	raw := summaryFixture(t)
	s, err := DecodeSummary(strings.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := WriteSummary(&again, s); err != nil {
		t.Fatal(err)
	}
	if again.String() != raw {
		t.Errorf("write, read, write differs:\n%s\n---\n%s", raw, again.String())
	}
	for _, m := range fixtureMembers() {
		if strings.Contains(raw, `"`+m.Handle+`"`) || strings.Contains(raw, m.Name) {
			t.Errorf("the summary names %s", m.Handle)
		}
	}
}

func TestDecodeSummary_Hostile(t *testing.T) {
	raw := summaryFixture(t)
	tests := []struct{ name, in, want string }{
		{"empty", " ", "the file is empty"},
		{"goals file", `{"format": "align-org-goals", "version": 1}`, `"align-org-goals" file`},
		{"unknown field", strings.Replace(raw, `"team"`, `"handles": [], "team"`, 1), `unknown field "handles"`},
		{"participation", strings.Replace(raw, `"participation": `, `"participation": 1`, 1), "outside 0–100"},
		{"level", strings.Replace(raw, `"level": "`, `"level": "x`, 1), "not a level"},
		{"agreed", strings.Replace(raw, `"agreed": `, `"agreed": 9`, 1), "outside 0–100"},
		{"no team", strings.Replace(raw, `"team": "Checkout"`, `"team": ""`, 1), "team's name is empty"},
		{"float count", strings.Replace(raw, `"responses": `, `"responses": 1.5, "x": `, 1), "whole number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := DecodeSummary(strings.NewReader(tt.in)); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("DecodeSummary: %v, want %q", err, tt.want)
			}
		})
	}
}

func TestDecodeSummaryRecent_ReadsTheNewestOnly(t *testing.T) {
	raw := summaryFixture(t)
	full, err := DecodeSummary(strings.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	recent, err := DecodeSummaryRecent(strings.NewReader(raw), 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(full.Sprints) != 2 || len(recent.Sprints) != 1 || recent.Total != 2 || recent.Sprints[0].Name != full.Sprints[1].Name {
		t.Fatalf("recent %+v of full %+v", recent.Sprints, full.Sprints)
	}
	// Whatever follows the sprints it reads is not read at all.
	cut := raw[:strings.LastIndex(raw, `"name": "`+full.Sprints[0].Name+`"`)]
	if _, err := DecodeSummaryRecent(strings.NewReader(cut), 1); err != nil {
		t.Errorf("a file cut after the newest sprint: %v", err)
	}
	for _, tt := range []struct{ name, in, want string }{
		{"empty", "", "the file is empty"},
		{"array", "[]", "not a JSON object"},
		{"unknown", strings.Replace(raw, `"team"`, `"members": [], "team"`, 1), `unknown field "members"`},
		{"wrong type", strings.Replace(raw, `"version": 1`, `"version": "1"`, 1), "expected a whole number"},
		{"no header", `{"sprints": []}`, `"format" field is missing`},
		{"bundle", strings.Replace(raw, SummaryFormat, BundleFormat, 1), "not \"align-team-summary\""},
		{"bad sprint", strings.Replace(raw, `"sealed": false`, `"sealed": 0`, 1), "sprints[0]: expected true or false, found a JSON number"},
		{"missing field", strings.Replace(raw, `"answered": `, `"x": `, 1), "unknown field"},
		{"state left out", strings.Replace(raw, `"state": "review",`, ``, 1), "is not a state"},
		{"title left out", regexp.MustCompile(`"title": "[^"]*",`).ReplaceAllString(raw, ""), "title: must not be empty"},
	} {
		if _, err := DecodeSummaryRecent(strings.NewReader(tt.in), 6); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
}
