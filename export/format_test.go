package export

import (
	"testing"

	"github.com/align-team/align/model"
)

// The cases of status's num and the TUI's figure, which Figure replaces,
// hold for it (markdown's num cases are TestNum_Table).
func TestFigure_Table(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		// status's num
		{47.5, "47.5"}, {40, "40"}, {75.5, "75.5"}, {33.333, "33.3"}, {99.96, "100"},
		// the TUI's figure
		{52.5, "52.5"}, {53, "53"}, {49.96, "50"},
		// one rule for halves, where status said 62.2 and the markdown 62.3
		{62.25, "62.3"}, {-0.04, "0"},
	}
	for _, tt := range tests {
		if got := Figure(tt.in); got != tt.want {
			t.Errorf("Figure(%v) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestWhole_Table(t *testing.T) {
	for in, want := range map[float64]string{68.5: "69", 68.4: "68", 0: "0", -0.4: "0", 100: "100", 99.6: "100"} {
		if got := Whole(in); got != want {
			t.Errorf("Whole(%v) = %q; want %q", in, got, want)
		}
	}
}

func TestOneDecimal_Table(t *testing.T) {
	for in, want := range map[float64]string{4: "4.0", 3.46: "3.5", 0: "0.0", 12.04: "12.0"} {
		if got := OneDecimal(in); got != want {
			t.Errorf("OneDecimal(%v) = %q; want %q", in, got, want)
		}
	}
}

// The cases of the command line's two plural tables and the TUI's.
func TestPlural_Nouns(t *testing.T) {
	tests := []struct {
		n         int
		one, many string
		want      string
	}{
		{1, "story", "stories", "1 story"}, {2, "story", "stories", "2 stories"}, {0, "member", "members", "0 members"}, {3, "day", "days", "3 days"},
		{1, "key", "keys", "1 key"}, {2, "key", "keys", "2 keys"}, {0, "problem", "problems", "0 problems"},
		{1, "note line", "note lines", "1 note line"}, {5, "response", "responses", "5 responses"},
	}
	for _, tt := range tests {
		if got := Plural(tt.n, tt.one, tt.many); got != tt.want {
			t.Errorf("Plural(%d, %q, %q) = %q, want %q", tt.n, tt.one, tt.many, got, tt.want)
		}
	}
}

func TestStoriesDone_SaysItsBasis(t *testing.T) {
	tests := []struct {
		ev   model.Evidence
		want string
	}{
		{model.Evidence{Stories: 5, StoriesDone: 2, Points: 26, PointsDone: 8, DonePercent: 31, ByPoints: true, HasEvidence: true},
			"2 of 5 stories done, 8 of 26 points (31%)"},
		{model.Evidence{Stories: 5, StoriesDone: 2, Points: 20, PointsDone: 8, DonePercent: 40, HasEvidence: true},
			"2 of 5 stories done (40%)"},
		{model.Evidence{Stories: 1, StoriesDone: 1, DonePercent: 100, HasEvidence: true}, "1 of 1 story done (100%)"},
	}
	for _, tt := range tests {
		if got := StoriesDone(tt.ev); got != tt.want {
			t.Errorf("StoriesDone(%+v) = %q, want %q", tt.ev, got, tt.want)
		}
	}
}
