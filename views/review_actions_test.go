package views

import (
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/model"
)

// liveActions returns the current sprint's live action items.
func liveActions(t *testing.T, a App) []model.ActionItem {
	t.Helper()
	var out []model.ActionItem
	for _, x := range sprintData(t, a.deps.Store).Actions {
		if !x.Deleted {
			out = append(out, x)
		}
	}
	return out
}

// In the Review screen's action list the facilitator reassigns an item,
// gives it a due date, edits its text, ticks it off and back, and deletes
// it; an earlier sprint's item is ticked off but neither edited nor deleted.
func TestReview_ActionItemsEditable(t *testing.T) {
	a, _ := newTestApp(t, 100, 30)
	a = press(t, a, "3", "enter", "a")
	a = press(t, a, strings.Split("Write the offline spec", "")...)
	a = press(t, a, "enter", "p")
	n := len(a.reviewScreen.Prev())
	if n == 0 {
		t.Fatal("the demo has no open items of earlier sprints")
	}
	for range n {
		a = press(t, a, "j")
	}
	a = press(t, a, "o", "d")
	a = press(t, a, strings.Split("2025-03-20", "")...)
	a = press(t, a, "enter", "e")
	a = press(t, a, strings.Split("Write and review the offline spec", "")...)
	a = press(t, a, "enter", " ")
	items := liveActions(t, a)
	if len(items) != 1 {
		t.Fatalf("%d items, want 1", len(items))
	}
	it := items[0]
	first := a.reviewScreen.Data().ActiveMembers()[0]
	if it.OwnerID != first.ID || !it.Due.Equal(time.Date(2025, 3, 20, 0, 0, 0, 0, time.UTC)) ||
		it.Text != "Write and review the offline spec" || !it.Done {
		t.Fatalf("stored %+v; want owner %s, due 2025-03-20, the new text, done", it, first.Handle)
	}
	v := plain(a)
	for _, want := range []string{"[x] Write and review the offline spec — " + first.Handle + " · Sprint 25 · due 2025-03-20"} {
		if !strings.Contains(v, want) {
			t.Errorf("list lacks %q:\n%s", want, v)
		}
	}
	a = press(t, a, " ", "d", "n", "o", "n", "e", "enter") // untick; none clears the due date
	if it := liveActions(t, a)[0]; it.Done || !it.Due.IsZero() {
		t.Errorf("untick and clear: stored %+v\n%s", it, plain(a))
	}
	a = press(t, a, "D", "n")
	if len(liveActions(t, a)) != 1 {
		t.Fatal("D, n deleted the item")
	}
	a = press(t, a, "D", "y")
	if got := liveActions(t, a); len(got) != 0 {
		t.Fatalf("D, y left %+v", got)
	}

	// An earlier sprint's item: e and D are refused, space ticks it off.
	a = press(t, a, "k")
	for !strings.Contains(plain(a), "▸ [ ]") && a.reviewScreen.Act() > 0 {
		a = press(t, a, "k")
	}
	before := len(a.reviewScreen.Prev())
	a = press(t, a, "D", "y", "e")
	if len(a.reviewScreen.Prev()) != before || !a.reviewScreen.InActions() {
		t.Errorf("D or e changed an earlier sprint's item (mode %d)", a.reviewScreen.Mode())
	}
	prev := a.reviewScreen.Prev()[a.reviewScreen.Act()]
	a = press(t, a, " ")
	d, err := a.deps.Store.SprintData(prev.SprintID)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range d.Actions {
		if x.ID == prev.ID && !x.Done {
			t.Errorf("space did not tick off the earlier item %q", x.Text)
		}
	}
}

// A bad due date is refused with the reason and changes nothing.
func TestReview_ActionDueBad(t *testing.T) {
	a, _ := newTestApp(t, 100, 30)
	a = press(t, a, "3", "enter", "a")
	a = press(t, a, strings.Split("Spec", "")...)
	a = press(t, a, "enter", "p")
	for range len(a.reviewScreen.Prev()) {
		a = press(t, a, "j")
	}
	a = press(t, a, "d")
	a = press(t, a, strings.Split("soon", "")...)
	a = press(t, a, "enter")
	if v := plain(a); !strings.Contains(v, "due") {
		t.Errorf("no reason shown:\n%s", v)
	}
	if it := liveActions(t, a)[0]; !it.Due.IsZero() {
		t.Errorf("a bad date was saved: %v", it.Due)
	}
}
