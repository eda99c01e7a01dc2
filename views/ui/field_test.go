package ui

import (
	"strings"
	"testing"

	"github.com/align-team/align/views/uitest"
	tea "github.com/charmbracelet/bubbletea"
)

func TestEditor_Update_Keys(t *testing.T) {
	tests := []struct {
		name      string
		multiline bool
		limit     int
		start     string
		keys      []string
		want      string
	}{
		{"types letters", false, 0, "", []string{"a", "b"}, "ab"},
		{"backspace", false, 0, "abc", []string{"backspace"}, "ab"},
		{"insert in the middle", false, 0, "ac", []string{"left", "b"}, "abc"},
		{"limit", false, 3, "", []string{"a", "b", "c", "d"}, "abc"},
		{"enter ignored in one line", false, 0, "a", []string{"enter"}, "a"},
		{"enter is no newline: it saves", true, 0, "a", []string{"enter", "b"}, "ab"},
		{"ctrl+j is a newline", true, 0, "a", []string{"ctrl+j", "b"}, "a\nb"},
		{"up keeps the column", true, 0, "abc\nd", []string{"up", "x"}, "axbc\nd"},
		{"control characters dropped", false, 0, "", []string{"a\x1b[31m"}, "a[31m"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := NewEditor(NewStyles(uitest.Renderer()), "> ", tt.multiline, tt.limit).SetValue(tt.start).Focus()
			for _, k := range tt.keys {
				e = e.Update(uitest.KeyMsg(k))
			}
			if got := e.Value(); got != tt.want {
				t.Fatalf("value %q, want %q", got, tt.want)
			}
			if e.Dirty() != (tt.want != tt.start) {
				t.Fatalf("Dirty() = %v", e.Dirty())
			}
		})
	}
}

func TestEditor_View_FitsWidth(t *testing.T) {
	e := NewEditor(NewStyles(uitest.Renderer()), "> ", true, 0).SetSize(10, 2).SetValue("a long line that wraps several times").Focus()
	for _, l := range uitest.Lines(e.View()) {
		if w := len([]rune(l)); w > 10 {
			t.Fatalf("line %q is %d wide", l, w)
		}
	}
}

func TestEditor_Update_SelectAllReplaces(t *testing.T) {
	tests := []struct {
		name string
		keys []string
		want string
	}{
		{"typing replaces", []string{"4", "5"}, "45"},
		{"paste replaces", []string{"Half"}, "Half"},
		{"backspace edits", []string{"backspace", "7"}, "57"},
		{"arrow keeps and moves", []string{"left", "9"}, "593"},
		{"right keeps", []string{"right", "1"}, "531"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := NewEditor(NewStyles(uitest.Renderer()), "> ", false, 0).SetValue("53").Focus()
			if !e.Selected() {
				t.Fatal("a pre-filled value is not selected")
			}
			for _, k := range tt.keys {
				e = e.Update(uitest.KeyMsg(k))
			}
			if got := e.Value(); got != tt.want {
				t.Fatalf("value %q, want %q", got, tt.want)
			}
		})
	}
}

func TestEditor_Update_MultilineNotSelected(t *testing.T) {
	e := NewEditor(NewStyles(uitest.Renderer()), "> ", true, 0).SetValue("a note").Focus()
	e = e.Update(uitest.KeyMsg("!"))
	if got := e.Value(); got != "a note!" {
		t.Fatalf("value %q: typing replaced a note", got)
	}
}

func TestEditor_View_WrapsAtWords(t *testing.T) {
	e := NewEditor(NewStyles(uitest.Renderer()), "", true, 0).SetSize(12, 5).SetValue("the quick brown fox jumps").Blur()
	got := uitest.Lines(e.View())
	want := []string{"the quick ", "brown fox ", "jumps"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("lines %q, want %q", got, want)
	}
	e = e.SetValue("abcdefghijklmnopqrstuvwxyz")
	if got := uitest.Lines(e.View()); got[0] != "abcdefghijkl" || got[1] != "mnopqrstuvwx" {
		t.Fatalf("a long word is not broken at the width: %q", got)
	}
}

func TestEditor_View_CounterNearLimit(t *testing.T) {
	e := NewEditor(NewStyles(uitest.Renderer()), "", true, 100).SetSize(20, 3).SetValue(strings.Repeat("a ", 40)).Focus()
	if strings.Contains(e.View(), "/100") {
		t.Fatal("counter shown far from the limit")
	}
	e = e.SetValue(strings.Repeat("ab ", 31))
	if !strings.Contains(e.View(), "93/100") {
		t.Fatalf("no counter near the limit:\n%s", e.View())
	}
}

// The bubbles' own bindings that align's field never had stay off: ctrl+v
// would read the clipboard (the server's, over align serve), ctrl+k,
// ctrl+t and alt+b would edit or move as no help line says.
func TestEditor_Update_BubbleBindingsOff(t *testing.T) {
	for _, multiline := range []bool{false, true} {
		e := NewEditor(NewStyles(uitest.Renderer()), "> ", multiline, 0).SetValue("ab cd").Focus()
		e = e.Update(uitest.KeyMsg("left")) // keep the selection from replacing
		for _, k := range []tea.KeyMsg{{Type: tea.KeyCtrlV}, {Type: tea.KeyCtrlK}, {Type: tea.KeyCtrlT}, {Type: tea.KeyCtrlN}} {
			e = e.Update(k)
		}
		if got := e.Value(); got != "ab cd" {
			t.Fatalf("multiline %v: value %q after bubble-only keys, want it unchanged", multiline, got)
		}
		e = e.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("b"), Alt: true})
		if got := e.Value(); got != "ab cbd" {
			t.Fatalf("multiline %v: alt+b gave %q, want b typed at the cursor", multiline, got)
		}
	}
}

// At the start of a line ctrl+w and ctrl+u delete nothing: they do not
// join the line to the one above, as the bubble would.
func TestEditor_Update_DeleteAtLineStartKeepsLines(t *testing.T) {
	e := NewEditor(NewStyles(uitest.Renderer()), "> ", true, 0).SetValue("one\ntwo").Focus()
	e = e.Update(tea.KeyMsg{Type: tea.KeyHome})
	for _, k := range []tea.KeyMsg{{Type: tea.KeyCtrlW}, {Type: tea.KeyCtrlU}} {
		if e = e.Update(k); e.Value() != "one\ntwo" {
			t.Fatalf("%v at a line start gave %q", k, e.Value())
		}
	}
	e = e.Update(uitest.KeyMsg("backspace"))
	if got := e.Value(); got != "onetwo" {
		t.Fatalf("backspace at a line start gave %q, want the lines joined", got)
	}
}

// An Editor is a value: editing one copy leaves the copies made before it
// as they were (the bubbles edit their text in place).
func TestEditor_Update_CopiesStayApart(t *testing.T) {
	for _, multiline := range []bool{false, true} {
		e1 := NewEditor(NewStyles(uitest.Renderer()), "> ", multiline, 0).SetValue("abc").Focus()
		e1 = e1.Update(uitest.KeyMsg("left"))
		e2 := e1.Update(uitest.KeyMsg("x"))
		e3 := e1.Update(uitest.KeyMsg("backspace"))
		if e1.Value() != "abc" || e2.Value() != "abxc" || e3.Value() != "ac" {
			t.Fatalf("multiline %v: %q %q %q", multiline, e1.Value(), e2.Value(), e3.Value())
		}
	}
}
