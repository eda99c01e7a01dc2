package views

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// Anonymous mode set by the facilitator holds on every connected screen and
// in the workspace (which the export reads); a member cannot switch it.
func TestReview_Anonymous_EveryScreenFollows(t *testing.T) {
	st := newTestStore(t)
	hub := newHub(0)
	fac := New(Options{Store: st, Now: testClock, Renderer: testRenderer(), Width: 120, Height: 40, Facilitator: true, Hub: hub})
	member := New(Options{Store: st, Now: testClock, Renderer: testRenderer(), Width: 120, Height: 40, As: memberID(t, st, "lin").ID, Hub: hub})
	t.Cleanup(func() { fac.Close(5 * time.Second); member.Close(5 * time.Second) })
	fac = reviewAgenda(t, drive(t, fac, fac.Init()))
	member = reviewAgendaFromAssess(t, drive(t, member, member.Init()))

	fac = press(t, fac, " ", "x") // reveal the first objective, then go anonymous
	contains(t, plain(fac), "names hidden on every screen")
	fac.Close(5 * time.Second)
	ws, err := st.Workspace()
	if err != nil || !ws.Settings.AnonymousReveal {
		t.Fatalf("anonymous mode not stored in the workspace (%v)", err)
	}
	// The member's session reloads on the hub's change notice.
	member = drive(t, member, func() tea.Msg { return remoteChangedMsg{} })
	if !member.reviewScreen.Anonymous() {
		t.Fatal("the member's Review did not follow anonymous mode")
	}
	v := plain(member)
	for _, h := range []string{"jonas", "mateo", "priya"} {
		if strings.Contains(v, h) {
			t.Errorf("member's revealed objective names %s in anonymous mode:\n%s", h, v)
		}
	}
	member = press(t, member, "x")
	contains(t, plain(member), "only the facilitator can switch anonymous mode")
	if !member.reviewScreen.Anonymous() {
		t.Fatal("a member's x switched anonymous mode off")
	}
}
