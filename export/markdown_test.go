package export

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/model"
)

func fixtureSummary() Summary {
	return Summary{
		Team:     "Platform & Payments",
		Sprint:   fixtureSprint14(),
		Members:  fixtureMembers(),
		Goals:    fixtureGoals(),
		Settings: model.DefaultSettings(),
	}
}

func renderMarkdown(t *testing.T, s Summary) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Markdown(&buf, s); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestMarkdown_Golden(t *testing.T) {
	empty := Summary{
		Team: "Solo",
		Sprint: model.SprintData{Sprint: model.Sprint{Meta: meta(0x300, 0, 0), Name: "Sprint 1",
			Start: time.Date(2026, 4, 6, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 4, 17, 0, 0, 0, 0, time.UTC),
			State: model.StatePlanning}},
		Settings: model.DefaultSettings(),
	}
	tests := []struct {
		name, file string
		s          Summary
	}{
		{"review", "summary.md", fixtureSummary()},
		{"closed", "summary_closed.md", Summary{Team: "Platform & Payments", Sprint: fixtureSprint13(),
			Members: fixtureMembers(), Goals: fixtureGoals(), Settings: model.DefaultSettings()}},
		{"empty", "summary_empty.md", empty},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			golden(t, tt.file, []byte(renderMarkdown(t, tt.s)))
		})
	}
}

// unescapedPipes counts the '|' characters in a table line that are not
// preceded by a backslash: the cell separators.
func unescapedPipes(line string) int {
	return len(regexp.MustCompile(`(^|[^\\])\|`).FindAllString(line, -1))
}

func TestMarkdown_HostileNotes_Escaped(t *testing.T) {
	s := fixtureSummary()
	s.Sprint.Assessments[2].Note = "\x1b[31mred\x1b[0m and \x1b]8;;http://evil\x07link"
	out := renderMarkdown(t, s)
	for _, bad := range []string{"<script>", "</script>", "`PAY-12`", "*mostly*", "[the board](", "\x1b"} {
		if strings.Contains(out, bad) {
			t.Errorf("output contains unescaped %q", bad)
		}
	}
	for _, want := range []string{`\<script\>alert(1)\</script\>`, "\\`PAY-12\\`", `\*mostly\*`, `Payments \| checkout`, "failing<br>see"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks escaped %q", want)
		}
	}
	// Every row of a table has as many separators as its header.
	lines := strings.Split(out, "\n")
	for i := 0; i < len(lines); i++ {
		if !strings.HasPrefix(lines[i], "| ") {
			continue
		}
		cols := unescapedPipes(lines[i])
		for ; i < len(lines) && strings.HasPrefix(lines[i], "|"); i++ {
			if n := unescapedPipes(lines[i]); n != cols {
				t.Errorf("table row %q has %d separators; header has %d", lines[i], n, cols)
			}
		}
	}
}

func TestMarkdown_Write_Error(t *testing.T) {
	if err := Markdown(failWriter{}, fixtureSummary()); err == nil {
		t.Error("Markdown ignored a write error")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errWrite }

var errWrite = bytes.ErrTooLarge

func TestEscapeInline_Table(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a | b", `a \| b`},
		{"`code`", "\\`code\\`"},
		{"<script>alert(1)</script>", `\<script\>alert(1)\</script\>`},
		{"*bold* and **strong**", `\*bold\* and \*\*strong\*\*`},
		{"snake_case_name", "snake_case_name"},
		{"_emphasis_", `\_emphasis\_`},
		{"[link](http://x)", `\[link\](http://x)`},
		{"![img](x)", `!\[img\](x)`},
		{"R&D", "R&D"},
		{"&amp; &#60;", `\&amp; \&#60;`},
		{"$x^2$", `\$x^2\$`},
		{"~~gone~~", `\~\~gone\~\~`},
		{`back\slash`, `back\\slash`},
		{"plain text, 62.5 % done!", "plain text, 62.5 % done!"},
	}
	for _, tt := range tests {
		if got := escapeInline(tt.in); got != tt.want {
			t.Errorf("escapeInline(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestCell_Newlines(t *testing.T) {
	tests := []struct{ in, want string }{
		{"one\ntwo", "one<br>two"},
		{"one\r\n  two\n", "one<br>two"},
		{"a|b\n<i>", `a\|b<br>\<i\>`},
		{"", ""},
	}
	for _, tt := range tests {
		if got := cell(tt.in); got != tt.want {
			t.Errorf("cell(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestQuote_LineStarts(t *testing.T) {
	got := quote("# title\n- item\n+ item\n1. first\n2) second\n---\n===\n> quoted\n    indented\n\nafter blank")
	want := "> \\# title\\\n" +
		"> \\- item\\\n" +
		"> \\+ item\\\n" +
		"> 1\\. first\\\n" +
		"> 2\\) second\\\n" +
		"> \\---\\\n" +
		"> \\===\\\n" +
		"> \\> quoted\\\n" +
		"> indented\n" +
		">\n" +
		"> after blank\n"
	if got != want {
		t.Errorf("quote() =\n%s\nwant\n%s", got, want)
	}
}

func TestHeading_Hashes(t *testing.T) {
	if got := heading("Fix #12 ##"); got != `Fix \#12 \#\#` {
		t.Errorf("heading() = %q", got)
	}
}

func TestNum_Table(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{62.5, "62.5"}, {60, "60"}, {0, "0"}, {-0.01, "0"}, {23.585, "23.6"}, {61.0714, "61.1"}, {100, "100"}, {68.333, "68.3"},
	}
	for _, tt := range tests {
		if got := Figure(tt.in); got != tt.want {
			t.Errorf("Figure(%v) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestTable_String_Aligned(t *testing.T) {
	tb := table{head: []string{"Name", "N"}, right: []bool{false, true}}
	tb.add("alice", "5")
	tb.add("bo", "100")
	want := "| Name  |   N |\n" +
		"| ----- | --: |\n" +
		"| alice |   5 |\n" +
		"| bo    | 100 |\n"
	if got := tb.String(); got != want {
		t.Errorf("table =\n%s\nwant\n%s", got, want)
	}
}
