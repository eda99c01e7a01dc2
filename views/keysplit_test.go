package views

import (
	"testing"

	"github.com/align-team/align/views/ui"
	tea "github.com/charmbracelet/bubbletea"
)

// burstMsg is what Bubble Tea v1 delivers for runes read together.
func burstMsg(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

func sendBurst(t *testing.T, a App, s string) App {
	t.Helper()
	m, cmd := a.Update(burstMsg(s))
	return drive(t, m.(App), cmd)
}

func TestApp_Update_BurstIsTheKeysItHolds(t *testing.T) {
	a, _ := newTestApp(t, 80, 24)
	a = press(t, a, "2", "/", "l", "i", "n", "enter")
	a = sendBurst(t, a, "jj")
	if a.assessScreen.Cursor() != 2 {
		t.Fatalf("after burst jj the Assess cursor is on %d, want 2", a.assessScreen.Cursor())
	}
	o := a.assessScreen.Objectives()[2]
	a = press(t, a, "right") // answered from here on
	start := a.assessScreen.Mine(o.ID).Progress
	a = sendBurst(t, a, "]]]]]")
	if got := a.assessScreen.Mine(o.ID).Progress; got != min(100, start+5) {
		t.Fatalf("after burst ]]]]] progress is %d, want %d", got, start+5)
	}
}

func TestApp_Update_BurstSwitchesThenActs(t *testing.T) {
	a, _ := newTestApp(t, 80, 24)
	a = sendBurst(t, a, "4jj")
	if a.screen != ui.ScreenPlan {
		t.Fatalf("screen %v after burst 4jj, want Plan", a.screen)
	}
	p := a.planScreen
	if i, _ := p.Cursor(); i != 2 {
		t.Fatalf("Plan cursor %d after burst 4jj, want 2", i)
	}
}

func TestApp_Update_PasteIntoFieldStaysWhole(t *testing.T) {
	a, _ := newTestApp(t, 80, 24)
	a = press(t, a, "2", "/")
	m, cmd := a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("lin"), Paste: true})
	a = drive(t, m.(App), cmd)
	if got := a.assessScreen.PickFilter(); got != "lin" {
		t.Fatalf("filter %q after pasting lin, want lin", got)
	}
}

func TestAssess_Update_NumberBurstKeepsDigits(t *testing.T) {
	a, _ := newTestApp(t, 80, 24)
	a = press(t, a, "2", "/", "l", "i", "n", "enter", "p")
	a = sendBurst(t, a, "65%")
	a = press(t, a, "enter")
	o := a.assessScreen.Objectives()[0]
	if got := a.assessScreen.Mine(o.ID).Progress; got != 65 {
		t.Fatalf("progress %d after typing 65%% at once, want 65", got)
	}
}

func TestApp_Update_BurstQuitsWhenTooSmall(t *testing.T) {
	a, _ := newTestApp(t, 40, 10)
	_, cmd := a.Update(burstMsg("jq"))
	if cmd == nil {
		t.Fatal("q in a burst does not quit a too-small terminal")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatalf("burst jq on a too-small terminal gave %T, want quit", cmd())
	}
}
