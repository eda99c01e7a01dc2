package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// readmeSection returns the first fenced block after heading in README.md.
func readmeSection(t *testing.T, heading string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "\n"+heading+"\n")
	if !ok {
		t.Fatalf("README has no %q", heading)
	}
	_, rest, _ = strings.Cut(rest, "```sh\n")
	block, _, _ := strings.Cut(rest, "```")
	return block
}

// shellWords splits a README command line as sh would for these simple
// lines: words, "double-quoted" words, a trailing # comment.
func shellWords(line string) []string {
	var out []string
	var cur strings.Builder
	inQuote, inWord := false, false
	for _, r := range line {
		switch {
		case r == '"':
			inQuote, inWord = !inQuote, true
		case inQuote:
			cur.WriteRune(r)
		case r == '#' && !inWord:
			return out
		case r == ' ' || r == '\t':
			if inWord {
				out = append(out, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		out = append(out, cur.String())
	}
	return out
}

// TestRun_ReadmeShellWalkthrough runs README's "One sprint from the shell"
// line by line, on the day before the sprint ends, and checks what the
// README says it gives: the status report and a summary of the sprint just
// reviewed with its outcomes, notes and action items.
func TestRun_ReadmeShellWalkthrough(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "team.db")
	now := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	var status string
	n := 0
	for _, line := range strings.Split(readmeSection(t, "## One sprint from the shell"), "\n") {
		words := shellWords(line)
		if len(words) == 0 || words[0] != "align" {
			continue
		}
		for i := range words {
			if i > 0 && words[i-1] == "-o" {
				words[i] = filepath.Join(dir, words[i])
			}
		}
		var out, errb bytes.Buffer
		env := Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
			Getenv: func(string) string { return "" }, Now: func() time.Time { return now }}
		if err := Run(context.Background(), env, append([]string{"--db", db}, words[1:]...)); err != nil {
			t.Fatalf("README line %q: %v\n%s", line, err, errb.String())
		}
		if len(words) == 2 && words[1] == "status" {
			status = out.String()
		}
		n++
	}
	if n < 30 {
		t.Fatalf("ran only %d align lines from the README", n)
	}
	b, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, after, _ := strings.Cut(string(b), "`align status` then reports:\n\n```\n")
	want, _, _ := strings.Cut(after, "```")
	if status != want {
		t.Errorf("align status differs from the README:\n got:\n%s\nwant:\n%s", status, want)
	}
	md, err := os.ReadFile(filepath.Join(dir, "review-14.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{
		"# Sprint review: Sprint 14", "- **State:** closed", "The address step is still there", "Index is live, ranking is not",
		"- [ ] Fix the flaky checkout test (owner: bo; due 2026-12-04; objective: Checkout in three steps)",
		"- [ ] Book the usability lab (owner: cy)",
	} {
		if !strings.Contains(string(md), w) {
			t.Errorf("the README's review-14.md lacks %q:\n%s", w, md)
		}
	}
}
