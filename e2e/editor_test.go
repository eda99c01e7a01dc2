package e2e

import (
	"os"
	"path/filepath"
	"testing"
)

// TestAssess_NoteInEditor writes an Assess note in $EDITOR (a script that
// writes two lines) and checks that both come back whole, and that enter
// leaves the note rather than adding a hidden line.
func TestAssess_NoteInEditor(t *testing.T) {
	tt := newTerm(t)
	db := filepath.Join(tt.dir, "team.db")
	ed := filepath.Join(tt.dir, "ed.sh")
	if err := os.WriteFile(ed, []byte("#!/bin/sh\nprintf 'Second line\\nq test\\n' > \"$1\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	tt.typeLine("align demo --db " + db)
	tt.waitPrompt()
	tt.typeLine("clear; EDITOR=" + ed + " align --db " + db + " --as lin")
	tt.waitFor("Assessing as", "(lin)")
	tt.keys("5", "0", "Enter")
	tt.waitFor(" 50%")
	tt.keys("n")
	tt.waitFor("ctrl+o")
	tt.keys("C-o")
	tt.waitFor("Second line", "q test")
	tt.keys("Enter")
	tt.waitFor("Second line", "q test", "0-9 progress")
	tt.keys("q")
	tt.waitPrompt()
	tt.checkSane()
}
