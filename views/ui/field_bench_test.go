package ui

import (
	"testing"

	"github.com/align-team/align/views/uitest"
)

// BenchmarkEditor_Type types one rune into a note of 200 runes, as each key
// of a member writing a note does.
func BenchmarkEditor_Type(b *testing.B) {
	for _, multiline := range []bool{false, true} {
		name := map[bool]string{false: "one-line", true: "multi-line"}[multiline]
		b.Run(name, func(b *testing.B) {
			start := NewEditor(NewStyles(uitest.Renderer()), "> ", multiline, 0).SetSize(60, 4)
			text := ""
			for range 20 {
				text += "note text "
			}
			start = start.SetValue(text).Focus()
			start = start.Update(uitest.KeyMsg("left"))
			k := uitest.KeyMsg("x")
			b.ReportAllocs()
			for b.Loop() {
				_ = start.Update(k).View()
			}
		})
	}
}
