package views

import "testing"

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
		{"enter is a newline", true, 0, "a", []string{"enter", "b"}, "a\nb"},
		{"up keeps the column", true, 0, "abc\nd", []string{"up", "x"}, "axbc\nd"},
		{"control characters dropped", false, 0, "", []string{"a\x1b[31m"}, "a[31m"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEditor(NewStyles(testRenderer()), "> ", tt.multiline, tt.limit).SetValue(tt.start).Focus()
			for _, k := range tt.keys {
				e = e.Update(keyMsg(k))
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
	e := newEditor(NewStyles(testRenderer()), "> ", true, 0).SetSize(10, 2).SetValue("a long line that wraps several times").Focus()
	for _, l := range splitLines(e.View()) {
		if w := len([]rune(l)); w > 10 {
			t.Fatalf("line %q is %d wide", l, w)
		}
	}
}
