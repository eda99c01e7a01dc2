package serve

import (
	"bytes"
	"io"
	"testing"
	"time"
)

func TestParseReplies_Table(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		dark, ok bool
		rest     string
	}{
		{"dark, BEL", "\x1b]11;rgb:1c1c/1c1c/1c1c\x07\x1b[?62;22c", true, true, ""},
		{"light, ST", "\x1b]11;rgb:ffff/ffff/f0f0\x1b\\\x1b[?1;2c", false, true, ""},
		{"two digits", "\x1b]11;rgb:fa/fa/fa\x07\x1b[?6c", false, true, ""},
		{"keys around", "j\x1b]11;rgb:0000/0000/0000\x07k\x1b[?62cq", true, true, "jkq"},
		{"no colour reply", "\x1b[?62c", true, false, ""},
		{"bad colour", "\x1b]11;cmyk:1/2/3\x07\x1b[?62c", true, false, ""},
		{"nothing", "abc", true, false, "abc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dark, ok, rest := parseReplies([]byte(tt.in))
			if dark != tt.dark || ok != tt.ok || string(rest) != tt.rest {
				t.Fatalf("parseReplies = %v, %v, %q; want %v, %v, %q", dark, ok, rest, tt.dark, tt.ok, tt.rest)
			}
		})
	}
}

func TestSessionInput_QueryBackground_KeepsKeystrokes(t *testing.T) {
	tests := []struct {
		name    string
		answer  string
		dark    bool
		ok      bool
		program string
	}{
		{"terminal answers", "x\x1b]11;rgb:ffff/ffff/ffff\x07\x1b[?62c", false, true, "xyz"},
		{"terminal is silent", "x", true, false, "xyz"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, w := io.Pipe()
			in := newSessionInput(r, time.Now())
			defer in.Close()
			go func() { _, _ = io.WriteString(w, tt.answer) }()
			var asked bytes.Buffer
			dark, ok := in.queryBackground(&asked, 200*time.Millisecond)
			if dark != tt.dark || ok != tt.ok {
				t.Errorf("queryBackground = %v, %v; want %v, %v", dark, ok, tt.dark, tt.ok)
			}
			if asked.String() != queryBackground+queryDA1 {
				t.Errorf("asked %q", asked.String())
			}
			go func() { _, _ = io.WriteString(w, "yz"); _ = w.Close() }()
			got, _ := io.ReadAll(in)
			if string(got) != tt.program {
				t.Errorf("the program read %q, want %q", got, tt.program)
			}
		})
	}
}

func TestDarkColour_Table(t *testing.T) {
	tests := []struct {
		spec     string
		dark, ok bool
	}{
		{"rgb:0000/0000/0000", true, true},
		{"rgb:ffff/ffff/ffff", false, true},
		{"rgb:8/8/8", false, true},
		{"rgb:7/7/7", true, true},
		{"rgb:zz/00/00", true, false},
		{"rgb:00/00", true, false},
		{"00/00/00", true, false},
	}
	for _, tt := range tests {
		if dark, ok := darkColour(tt.spec); dark != tt.dark || ok != tt.ok {
			t.Errorf("darkColour(%q) = %v, %v; want %v, %v", tt.spec, dark, ok, tt.dark, tt.ok)
		}
	}
}
