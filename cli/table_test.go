package cli

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// Columns line up by display width: a CJK name or a zero-width joiner does
// not push the columns after it, nor does a combining mark (zero width).
func TestMemberList_AlignsByDisplayWidth(t *testing.T) {
	db := newWorkspace(t)
	mustID(t, db, "member", "add", "王小明", "--handle", "wang")
	mustID(t, db, "member", "add", "Ana Lopez", "--handle", "ana")
	mustID(t, db, "member", "add", "Zoe\u0308 Z", "--handle", "zoe")
	out := mustRun(t, db, "member", "list")
	col := -1
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		i := strings.Index(l, "active")
		if strings.HasPrefix(l, "HANDLE") {
			i = strings.Index(l, "STATUS")
		}
		w := ansi.StringWidth(l[:i])
		if col < 0 {
			col = w
		} else if w != col {
			t.Errorf("status column at cell %d, want %d:\n%s", w, col, out)
		}
	}
}
