package views

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/align-team/align/views/review"
)

// A review recorded in the TUI ends in the wrap-up: what was agreed, the
// actions and owners, what was not discussed; from there the summary goes
// to a file (its path shown) and the sprint closes.
func TestReview_WrapUp(t *testing.T) {
	a, st := newTestApp(t, 80, 24)
	a = press(t, a, "3", "enter", " ", "v", "6", "0", "enter", "a")
	a = press(t, a, strings.Split("Write the offline spec", "")...)
	a = press(t, a, "tab", "enter", "enter")
	if v := plain(a); strings.Contains(v, "Wrap-up") {
		t.Fatalf("the wrap-up opened before the last objective:\n%s", v)
	}
	a = press(t, a, "w")
	golden(t, "review_wrapup_recorded_80x24", plain(a))
	v := plain(a)
	for _, want := range []string{"Wrap-up · Sprint 25", "Checkout works offline", "60%", "Write the offline spec —", "Not discussed: Address autocomplete"} {
		if !strings.Contains(v, want) {
			t.Errorf("wrap-up lacks %q:\n%s", want, v)
		}
	}

	dir := t.TempDir()
	t.Chdir(dir)
	a = press(t, a, "e")
	path := filepath.Join(dir, "sprint-25-review.md")
	if v := plain(a); !strings.Contains(v, "Summary written to") || !strings.Contains(strings.ReplaceAll(v, "\n", ""), "sprint-25-review.md") {
		t.Errorf("the wrap-up does not show where the summary went:\n%s", v)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := review.SummaryOf(st, sprintData(t, st).Sprint.ID)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := export.Markdown(&want, sum); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) || !strings.Contains(string(got), "Write the offline spec") {
		t.Errorf("the written summary is not the sprint's export:\n%s", got)
	}

	a = press(t, a, "C", "y")
	if sp := sprintData(t, st).Sprint; sp.State != model.StateClosed {
		t.Errorf("C, y left the sprint %s", sp.State)
	}
	_ = a
}

// Only the facilitator closes a sprint; a member's C changes nothing.
func TestReview_WrapUp_MemberCannotClose(t *testing.T) {
	a, st := newTestApp(t, 80, 24)
	a = press(t, a, "3", "enter", "w")
	m, cmd := a.Update(RoleMsg{Facilitator: false})
	a = drive(t, m.(App), cmd)
	a = press(t, a, "C", "y")
	if sp := sprintData(t, st).Sprint; sp.State != model.StateReview {
		t.Errorf("a member's C, y moved the sprint to %s", sp.State)
	}
}

// Over ssh (a served session) the wrap-up writes nothing on the server.
func TestReview_WrapUp_ServedWritesNothing(t *testing.T) {
	st := newTestStore(t)
	hub := NewHub()
	fac := New(Options{Store: st, Now: testClock, Renderer: testRenderer(), Width: 80, Height: 24, Facilitator: true, Hub: hub})
	t.Cleanup(func() { fac.Close(5 * time.Second) })
	fac = drive(t, fac, fac.Init())
	dir := t.TempDir()
	t.Chdir(dir)
	fac = press(t, fac, "3", "enter", "w", "e")
	if v := plain(fac); !strings.Contains(v, "over ssh the summary stays on the server") {
		t.Errorf("no reason shown:\n%s", v)
	}
	if files, _ := os.ReadDir(dir); len(files) != 0 {
		t.Errorf("a served session wrote %v", files)
	}
}
