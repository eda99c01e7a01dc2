package views

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/views/ui"
	tea "github.com/charmbracelet/bubbletea"
)

// fatalOf returns the error of a fatal errMsg, or fails.
func fatalOf(t *testing.T, msg tea.Msg) error {
	t.Helper()
	e, ok := msg.(ui.ErrMsg)
	if !ok || !e.Fatal {
		t.Fatalf("got %#v, want a fatal errMsg", msg)
	}
	return e.Err
}

func TestGuard_Panics_BecomeFatalErrors(t *testing.T) {
	boom := func() tea.Msg { panic("boom") }
	ok := func() tea.Msg { return ui.FooterMsg{Text: "fine"} }
	if guard(nil) != nil {
		t.Error("guard(nil) is not nil")
	}
	if msg := guard(ok)(); msg != (ui.FooterMsg{Text: "fine"}) {
		t.Errorf("guard(ok)() = %#v", msg)
	}
	err := fatalOf(t, guard(boom)())
	var pe panicError
	if !errors.As(err, &pe) || pe.value != "boom" || !strings.Contains(pe.stack, "goroutine") {
		t.Errorf("error = %v, want a panicError with the value and a stack", err)
	}
	batch, isBatch := guard(tea.Batch(ok, boom))().(tea.BatchMsg)
	if !isBatch || len(batch) != 2 {
		t.Fatalf("guarded batch = %#v", batch)
	}
	fatalOf(t, batch[1]())
}

func TestApp_Update_InjectPanic(t *testing.T) {
	tests := []struct{ where string }{{"update"}, {"command"}, {"io"}}
	for _, tt := range tests {
		t.Run(tt.where, func(t *testing.T) {
			st := newTestStore(t)
			a := New(Options{Store: st, Now: testClock, Renderer: testRenderer(), Width: 120, Height: 40, TestPanic: tt.where})
			t.Cleanup(func() { a.Close(5 * time.Second) })
			m, cmd := a.Update(keyMsg("j"))
			if tt.where == "update" {
				a = m.(App)
				if _, quit := cmd().(tea.QuitMsg); !quit || a.Err() == nil ||
					!strings.Contains(a.Err().Error(), "ALIGN_TEST_PANIC=update") {
					t.Errorf("after a panic in Update: quit %v, Err %v", quit, a.Err())
				}
				return
			}
			if err := fatalOf(t, cmd()); !strings.Contains(err.Error(), "ALIGN_TEST_PANIC="+tt.where) {
				t.Errorf("error %q does not name the hook", err)
			}
		})
	}
}
