package export

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/align-team/align/model"
)

// Markdown escaping. User text must come out as the same literal text on
// GitHub, GitLab and in a plain-text reader: no emphasis, links, HTML, code
// spans, math, tables or headings that the author did not mean. Characters
// that are active anywhere in a line get a backslash (CommonMark allows a
// backslash before any ASCII punctuation); characters active only at the
// start of a line are escaped there; intra-word underscores and plain
// ampersands stay as they are, to keep the plain text readable.

// inline escapes single-line text for use inside a line; newlines become
// spaces.
func inline(s string) string {
	s = model.Sanitize(s, false)
	return escapeInline(s)
}

// cell escapes text for a table cell: inline escaping, and line breaks as
// <br>, the one piece of HTML that every host renders in a table.
func cell(s string) string {
	lines := splitLines(s)
	for i, l := range lines {
		lines[i] = escapeInline(l)
	}
	return strings.Join(lines, "<br>")
}

// heading escapes text for a heading, where a trailing '#' would be eaten.
func heading(s string) string {
	return strings.ReplaceAll(inline(s), "#", `\#`)
}

// quote renders multi-line text as a block quote whose lines keep their
// breaks (a trailing backslash is CommonMark's hard line break).
func quote(s string) string {
	lines := splitLines(s)
	var b strings.Builder
	for i, l := range lines {
		l = escapeLineStart(escapeInline(l))
		b.WriteString(">")
		if l != "" {
			b.WriteString(" " + l)
		}
		if i < len(lines)-1 && l != "" && lines[i+1] != "" {
			b.WriteString(hardBreak(l))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// hardBreak is the hard line break to end line l with: a backslash. After
// a URL it needs a space first: GitHub's autolinks would take the backslash
// into the link, breaking both the link and the line break.
func hardBreak(l string) string {
	f := strings.Fields(l)
	if last := strings.ToLower(f[len(f)-1]); strings.Contains(last, "://") || strings.HasPrefix(last, "www.") {
		return ` \`
	}
	return `\`
}

// splitLines sanitises s and returns its lines with leading white space
// removed (indentation would otherwise start a code block).
func splitLines(s string) []string {
	lines := strings.Split(model.Sanitize(s, true), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRightFunc(strings.TrimLeftFunc(l, unicode.IsSpace), unicode.IsSpace)
	}
	return lines
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// escapeInline backslash-escapes the characters that are active inside a
// line of markdown.
func escapeInline(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	var prev rune
	for i, r := range s {
		switch r {
		case '\\', '`', '*', '[', ']', '<', '>', '|', '~', '$':
			b.WriteByte('\\')
		case '_':
			next, _ := utf8.DecodeRuneInString(s[i+1:])
			if !isWordRune(prev) || !isWordRune(next) {
				b.WriteByte('\\')
			}
		case '&':
			if looksLikeEntity(s[i+1:]) {
				b.WriteByte('\\')
			}
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// looksLikeEntity reports whether s (the text after an '&') starts like an
// HTML entity reference such as "amp;" or "#60;".
func looksLikeEntity(s string) bool {
	s = strings.TrimPrefix(s, "#")
	n := 0
	for n < len(s) && n < 32 && (s[n] < utf8.RuneSelf && isWordRune(rune(s[n]))) {
		n++
	}
	return n > 0 && n < len(s) && s[n] == ';'
}

// escapeLineStart escapes what would start a heading, list, quote, thematic
// break or setext underline at the beginning of an (already inline-escaped)
// line.
func escapeLineStart(l string) string {
	if l == "" {
		return l
	}
	switch l[0] {
	case '#', '-', '+', '=':
		return `\` + l
	}
	n := 0
	for n < len(l) && l[n] >= '0' && l[n] <= '9' {
		n++
	}
	if n > 0 && n < len(l) && (l[n] == '.' || l[n] == ')') {
		return l[:n] + `\` + l[n:]
	}
	return l
}

// table is a markdown table whose columns are padded to line up in plain
// text. Cells must already be escaped.
type table struct {
	head  []string
	right []bool // right-align the column (numbers)
	rows  [][]string
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

func (t *table) String() string {
	width := make([]int, len(t.head))
	measure := func(row []string) {
		for i, c := range row {
			width[i] = max(width[i], utf8.RuneCountInString(c), 3)
		}
	}
	measure(t.head)
	for _, r := range t.rows {
		measure(r)
	}
	var b strings.Builder
	line := func(row []string) {
		b.WriteString("|")
		for i, c := range row {
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			if t.right[i] {
				b.WriteString(" " + pad + c + " |")
			} else {
				b.WriteString(" " + c + pad + " |")
			}
		}
		b.WriteString("\n")
	}
	line(t.head)
	b.WriteString("|")
	for i, w := range width {
		if t.right[i] {
			b.WriteString(" " + strings.Repeat("-", w-1) + ": |")
		} else {
			b.WriteString(" " + strings.Repeat("-", w) + " |")
		}
	}
	b.WriteString("\n")
	for _, r := range t.rows {
		line(r)
	}
	return b.String()
}
