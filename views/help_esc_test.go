package views

import (
	"testing"
)

// TestApp_Update_EscClosesFullHelpOnly: on every screen, esc with the full
// help open closes the help and does nothing else: the screen is as it was
// before ?.
func TestApp_Update_EscClosesFullHelpOnly(t *testing.T) {
	for _, keys := range [][]string{{"1"}, {"2"}, {"3"}, {"3", "enter"}, {"4"}, {"5"}} {
		a, _ := newTestApp(t, 100, 30)
		a = press(t, a, keys...)
		before, mode := plain(a), a.reviewScreen.Mode()
		a = press(t, a, "?")
		if !a.fullHelp {
			t.Fatalf("after %v: ? did not open the full help", keys)
		}
		a = press(t, a, "esc")
		if a.fullHelp {
			t.Errorf("after %v: esc left the full help open", keys)
		}
		if got := plain(a); got != before || a.reviewScreen.Mode() != mode {
			t.Errorf("after %v: esc did more than close the help:\nbefore ?:\n%s\nafter esc:\n%s", keys, before, got)
		}
	}
}
