package cli

import (
	"strings"
	"testing"
)

// align story import without a file names every input it reads, JSON and
// standard input too, not only the CSV.
func TestStoryImport_NoFileNamesEveryInput(t *testing.T) {
	db := newWorkspace(t)
	r := run(t, db, "story", "import", "--from", "gh-issues")
	if r.err == nil || !strings.Contains(r.err.Error(), "align story import needs FILE.csv, FILE.json or - (standard input)") {
		t.Errorf("story import without a file: %v", r.err)
	}
}
