// Command floor is the performance floor align is measured against: the
// smallest Bubble Tea v1 program that draws what a TUI screen draws — a
// 40-line list with a cursor, full screen — and moves the cursor on j/k.
// Any Bubble Tea program pays what floor pays (terminal set-up, the
// background-colour query in Bubble Tea's init, the renderer's first 60 fps
// tick), so align's first frame, key latency and memory are reported as
// ratios to floor's, measured in the same run (scripts/perf.sh).
//
// It uses the same program options as align (alternate screen, mouse cell
// motion) so that both write the same kind of terminal set-up. The last
// line reads "end of list" (the marker for the first frame); q or ctrl+c quits.
package main

import (
	"fmt"
	"os"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
)

// lines is how many list lines floor draws.
const lines = 40

type list struct {
	cursor int
	height int
}

func (l list) Init() tea.Cmd { return nil }

func (l list) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		l.height = msg.Height
	case tea.KeyMsg:
		switch msg.String() {
		case "q", "ctrl+c":
			return l, tea.Quit
		case "j", "down":
			l.cursor = (l.cursor + 1) % (lines - 1)
		case "k", "up":
			l.cursor = (l.cursor + lines - 2) % (lines - 1)
		}
	}
	return l, nil
}

// View draws lines-1 items and a last line, the cursor on one item.
func (l list) View() string {
	var b strings.Builder
	for i := range lines - 1 {
		mark := "  "
		if i == l.cursor {
			mark = "> "
		}
		fmt.Fprintf(&b, "%sitem %02d: a list line of about the width a screen row has in align's dashboard\n", mark, i+1)
	}
	b.WriteString("end of list")
	return b.String()
}

func main() {
	p := tea.NewProgram(list{}, tea.WithAltScreen(), tea.WithMouseCellMotion())
	if _, err := p.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}
