package views

import (
	"fmt"
	"strings"
	"testing"

	"github.com/align-team/align/model"
)

// TestReview_View_60x16_AlsoKeepsEachValueWithItsHandle reveals an
// objective with forty coinciding estimates at 60×16, where most labels do
// not fit on the plot and go to the "also:" list, and pages through the
// detail: every handle that ends a group is on the same line as the
// group's value, so no value is cut from its names, and every estimate's
// handle is shown.
func TestReview_View_60x16_AlsoKeepsEachValueWithItsHandle(t *testing.T) {
	st := newTestStore(t)
	obj := model.LiveObjectives(sprintData(t, st))[0]
	for i := range 40 {
		m, err := st.SaveMember(model.Member{Name: fmt.Sprintf("Member %d", i), Handle: fmt.Sprintf("x%d", i), Active: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.SaveAssessment(model.Assessment{ObjectiveID: obj.ID, MemberID: m.ID, Progress: 20 + i*2, Confidence: 3}); err != nil {
			t.Fatal(err)
		}
	}
	a := New(Options{Store: st, Now: testClock, Renderer: testRenderer(), Width: 60, Height: 16, Facilitator: true})
	t.Cleanup(func() { a.Close(5e9) })
	a = drive(t, a, a.Init())
	a = press(t, a, "3", "enter")
	for range 6 {
		if cur, _ := a.reviewScreen.Current(); cur.Objective.ID == obj.ID {
			break
		}
		a = press(t, a, "down")
	}
	a = press(t, a, " ")
	var lines []string
	for range 12 {
		lines = append(lines, splitLines(a.View())...)
		a = press(t, a, "pgdown")
	}
	text := strings.Join(lines, "\n")
	if !strings.Contains(text, "also:") {
		t.Fatalf("no also list at 60×16:\n%s", text)
	}
	inAlso := false
	for _, l := range lines {
		if strings.Contains(l, "also:") {
			inAlso = true
		} else if inAlso && !strings.Contains(l, "x") {
			inAlso = false
		}
		if !inAlso {
			continue
		}
		body := strings.TrimRight(l, " ")
		if strings.HasSuffix(body, "!") || strings.HasSuffix(body, "x") || lastIsHandle(body) {
			t.Errorf("an also line ends on a handle without its value: %q", body)
		}
	}
	for i := range 40 {
		if h := fmt.Sprintf("x%d", i); !strings.Contains(text, h) {
			t.Errorf("%s is not shown on any page", h)
		}
	}
}

// lastIsHandle reports whether the last word of an also line is a handle
// (x followed by digits and maybe !) rather than a value or a comma.
func lastIsHandle(l string) bool {
	f := strings.Fields(l)
	if len(f) == 0 {
		return false
	}
	w := strings.TrimSuffix(f[len(f)-1], "!")
	return strings.HasPrefix(w, "x") && !strings.HasSuffix(w, ",") && !strings.HasSuffix(w, ";")
}
