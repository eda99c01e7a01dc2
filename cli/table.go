package cli

import (
	"bytes"
	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// widthTable aligns tab-separated columns by display width, as the
// terminal draws them: text/tabwriter counts runes, so a CJK name (two
// cells a rune) or a zero-width joiner pushed the columns after it out of
// line. Lines are written with tabs between cells; Flush pads every cell
// but a line's last to its column's widest, plus two spaces.
type widthTable struct {
	out io.Writer
	buf bytes.Buffer
}

// newWidthTable returns a table writing to out on Flush.
func newWidthTable(out io.Writer) *widthTable { return &widthTable{out: out} }

// Write buffers p.
func (t *widthTable) Write(p []byte) (int, error) { return t.buf.Write(p) }

// Flush writes the aligned table and empties the buffer.
func (t *widthTable) Flush() error {
	text := t.buf.String()
	t.buf.Reset()
	lines := strings.SplitAfter(text, "\n")
	rows := make([][]string, len(lines))
	var widths []int
	for i, l := range lines {
		rows[i] = strings.Split(strings.TrimSuffix(l, "\n"), "\t")
		for c, cell := range rows[i][:len(rows[i])-1] {
			if c == len(widths) {
				widths = append(widths, 0)
			}
			widths[c] = max(widths[c], ansi.StringWidth(cell))
		}
	}
	var b strings.Builder
	for i, cells := range rows {
		for c, cell := range cells {
			b.WriteString(cell)
			if c < len(cells)-1 {
				b.WriteString(strings.Repeat(" ", widths[c]-ansi.StringWidth(cell)+2))
			}
		}
		if strings.HasSuffix(lines[i], "\n") {
			b.WriteByte('\n')
		}
	}
	_, err := io.WriteString(t.out, b.String())
	return err
}
