package e2e

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestTerminal_PanicRestoresTerminal injects a panic (the ALIGN_TEST_PANIC
// hook, see cli/tui.go) in Update, in a command Update returns, and in a
// store job on the app's own I/O goroutine, each on the first key press of a
// real TUI in a tmux pseudo-terminal. Every time the terminal must come back
// cooked (echo and icanon), the error must be printed, and align must exit
// non-zero.
func TestTerminal_PanicRestoresTerminal(t *testing.T) {
	tests := []struct {
		where string
		want  []string // on screen after the exit
	}{
		{"update", []string{"internal error", "ALIGN_TEST_PANIC=update"}},
		{"command", []string{"internal error", "ALIGN_TEST_PANIC=command"}},
		{"io", []string{"internal error", "ALIGN_TEST_PANIC=io"}},
	}
	for _, tt := range tests {
		t.Run(tt.where, func(t *testing.T) {
			term := newTerm(t)
			db := filepath.Join(term.dir, "team.db")
			term.typeLine("align demo --db " + db)
			term.waitPrompt()
			term.typeLine("clear; ALIGN_TEST_PANIC=" + tt.where + " align --db " + db + "; echo \"exit=$?\"")
			term.waitFor("1 Dashboard", "Submissions:")
			term.keys("j")
			s := term.waitFor("exit=")
			if !strings.Contains(s, "exit=1") {
				t.Errorf("exit status is not 1:\n%s", s)
			}
			for _, w := range tt.want {
				if !strings.Contains(s, w) {
					t.Errorf("screen lacks %q:\n%s", w, s)
				}
			}
			term.waitPrompt()
			term.checkSane()
		})
	}
}
