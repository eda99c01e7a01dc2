package export

import (
	"bytes"
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
