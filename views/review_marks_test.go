package views

import (
	"strings"
	"testing"

	"github.com/align-team/align/views/review"
)

// Without colour, a discussed objective and an aligned one read apart.
func TestReview_View_DiscussedIsNotAligned(t *testing.T) {
	a, _ := newTestApp(t, 120, 40)
	a = reviewAgenda(t, a)
	a = press(t, a, " ", "enter") // reveal the first objective, mark it discussed
	var discussed string
	for _, l := range splitLines(a.View()) {
		if strings.Contains(l, a.reviewScreen.Agenda()[0].Objective.Title[:12]) {
			discussed = l
			break
		}
	}
	if strings.Contains(discussed, "✓") || !strings.Contains(discussed, review.DiscussedMark) {
		t.Fatalf("discussed row %q: want %s, not ✓ (aligned)", discussed, review.DiscussedMark)
	}
	contains(t, plain(a), review.DiscussedMark+" discussed")
}

// The share of stories done is one figure on Plan and Review (by points,
// as the export counts it), not 40 % by count on one and 31 % on the other.
func TestApp_View_StoriesDoneSameEverywhere(t *testing.T) {
	a, _ := newTestApp(t, 120, 40)
	a = reviewAgenda(t, a)
	a = press(t, a, " ")
	want := "2 of 5 stories done, 8 of 26 points (31%)"
	contains(t, plain(a), want)
	a = planPress(t, a, "4", "l")
	contains(t, plain(a), want)
}

// At 200 columns the agenda widens so that titles are not cut at 28.
func TestReview_View_WideAgenda(t *testing.T) {
	a, _ := newTestApp(t, 200, 50)
	a = reviewAgenda(t, a)
	contains(t, plain(a), "Address autocomplete for new customers")
}

// The revealed detail says what the export says: the baseline and who has
// not answered.
func TestReview_View_BaselineAndMissing(t *testing.T) {
	a, _ := newTestApp(t, 120, 40)
	a = reviewAgenda(t, a)
	a = press(t, a, " ")
	contains(t, plain(a), "Baseline: 35%, agreed when it was carried over")
	for i, st := range a.reviewScreen.Agenda() {
		if st.Responses+st.Abstained < a.data.Report.Expected {
			for range i {
				a = press(t, a, "j")
			}
			a = press(t, a, " ")
			contains(t, plain(a), "Not answered yet: lin")
			return
		}
	}
	t.Fatal("every objective of the demo is fully answered")
}

// "Submitted" means one thing on the Review: a member answered everything.
// An objective's own count says answered.
func TestReview_View_SubmittedMeansOneThing(t *testing.T) {
	a, _ := newTestApp(t, 120, 40)
	a = reviewAgenda(t, a)
	v := plain(a)
	if n := strings.Count(v, "submitted"); n != 1 {
		t.Errorf("'submitted' appears %d times, want once (the header):\n%s", n, v)
	}
	contains(t, v, "answered this objective")
}

// The agreed value is drawn on the axis (★) once recorded.
func TestReview_View_AgreedOnTheAxis(t *testing.T) {
	a, _ := newTestApp(t, 120, 40)
	a = reviewAgenda(t, a)
	a = press(t, a, " ")
	if strings.Contains(plain(a), "★") {
		t.Fatal("★ drawn before anything was agreed")
	}
	a = press(t, a, "v", "9", "0", "enter")
	contains(t, plain(a), "Agreed: 90% ★")
	marks := ""
	for _, l := range splitLines(a.View()) {
		if strings.Contains(l, "▲") && strings.Contains(l, "★") && !strings.Contains(l, "median") {
			marks = l
		}
	}
	if marks == "" {
		t.Fatalf("no ★ on the plot's marks row:\n%s", plain(a))
	}
}
