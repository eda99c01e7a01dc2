package export

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"github.com/align-team/align/model"
)

func TestCSV_Golden(t *testing.T) {
	d := fixtureDataset()
	var buf bytes.Buffer
	if err := CSV(&buf, d.Sprints, d.Members, nil); err != nil {
		t.Fatal(err)
	}
	golden(t, "assessments.csv", buf.Bytes())
}

func TestCSV_Order_IndependentOfInput(t *testing.T) {
	d := fixtureDataset()
	var want, got bytes.Buffer
	if err := CSV(&want, d.Sprints, d.Members, nil); err != nil {
		t.Fatal(err)
	}
	slices.Reverse(d.Sprints)
	for i := range d.Sprints {
		slices.Reverse(d.Sprints[i].Objectives)
		slices.Reverse(d.Sprints[i].Assessments)
	}
	slices.Reverse(d.Members)
	if err := CSV(&got, d.Sprints, d.Members, nil); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("output depends on input order:\n%s\nwant\n%s", got.String(), want.String())
	}
}

func TestCSV_Rows_ParseBack(t *testing.T) {
	d := fixtureDataset()
	var buf bytes.Buffer
	if err := CSV(&buf, d.Sprints, d.Members, nil); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("output is not valid CSV: %v", err)
	}
	if got := strings.Join(rows[0], ","); got != "sprint,objective,member,round,progress,confidence,abstain,note,updated" {
		t.Errorf("header = %s", got)
	}
	// 3 live assessments in sprint 13, 12 on the live objectives of
	// sprint 14 (gus's is deleted).
	if n := len(rows) - 1; n != 15 {
		t.Errorf("%d rows; want 15", n)
	}
	for _, r := range rows[1:] {
		if r[6] == "true" && (r[4] != "" || r[5] != "") {
			t.Errorf("abstention row %v has progress or confidence", r)
		}
		if r[2] == "gus" {
			t.Errorf("deleted assessment exported: %v", r)
		}
	}
	if rows[1][0] != "Sprint 13" || rows[len(rows)-1][0] != "Sprint 14" {
		t.Errorf("sprints out of start order: first %q, last %q", rows[1][0], rows[len(rows)-1][0])
	}
}

func TestCSV_DeletedSprint_Skipped(t *testing.T) {
	sd := fixtureSprint13()
	sd.Sprint.Deleted = true
	var buf bytes.Buffer
	if err := CSV(&buf, []model.SprintData{sd}, fixtureMembers(), nil); err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(buf.String(), "\n"); got != 1 {
		t.Errorf("%d lines; want the header only:\n%s", got, buf.String())
	}
}

func TestCSVText_Injection(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=SUM(A1:A9)", "'=SUM(A1:A9)"},
		{"+1", "'+1"},
		{"-5 points", "'-5 points"},
		{"@carol", "'@carol"},
		{"\tindent", "'\tindent"},
		{"\rcr", "'\rcr"},
		{"plain", "plain"},
		{"a=b", "a=b"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := csvText(tt.in); got != tt.want {
			t.Errorf("csvText(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
