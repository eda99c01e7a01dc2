package model

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sanitize removes terminal control sequences, C0 and C1 control characters
// (ESC among them) and invalid UTF-8 from s, and trims surrounding white
// space. A whole escape sequence goes, not just its ESC: "\x1b[31mred"
// becomes "red", not "[31mred". Newlines and tabs are kept when multiline
// is true; otherwise each becomes a space. Text is shown in other people's
// terminals, so nothing may reach them that a terminal would interpret.
func Sanitize(s string, multiline bool) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '\n' || r == '\t':
			if multiline {
				b.WriteRune(r)
			} else {
				b.WriteRune(' ')
			}
		case r == '\r':
			// dropped: CRLF becomes LF, a lone CR is never useful
		case r == 0x1b:
			i = skipEscape(rs, i)
		case r == 0x9b: // C1 CSI
			i = skipCSI(rs, i+1)
		case r == 0x90 || r == 0x9d || r == 0x98 || r == 0x9e || r == 0x9f: // C1 DCS, OSC, SOS, PM, APC
			i = skipString(rs, i+1)
		case unicode.IsControl(r): // C0, DEL and C1
		case r == '\u2028' || r == '\u2029' || r == '\u200e' || r == '\u200f' ||
			(r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069'):
			// line separators and bidi overrides can disguise text
		default:
			b.WriteRune(r)
		}
	}
	if !multiline {
		// A title is one line: what were newlines and tabs is one space.
		return strings.Join(strings.Fields(b.String()), " ")
	}
	return strings.TrimSpace(b.String())
}

// skipEscape returns the index of the last rune of the escape sequence that
// starts with the ESC at rs[i].
func skipEscape(rs []rune, i int) int {
	if i+1 >= len(rs) {
		return i
	}
	switch next := rs[i+1]; {
	case next == '[':
		return skipCSI(rs, i+2)
	case next == ']' || next == 'P' || next == 'X' || next == '^' || next == '_':
		return skipString(rs, i+2)
	case next >= 0x20 && next <= 0x7e:
		// A two-character escape (ESC 7, ESC c, …), with any intermediate
		// bytes (ESC ( B).
		j := i + 1
		for j < len(rs) && rs[j] >= 0x20 && rs[j] <= 0x2f {
			j++
		}
		if j < len(rs) {
			return j
		}
		return len(rs) - 1
	}
	return i
}

// skipCSI returns the index of the final byte of a control sequence whose
// parameters start at rs[j]; an unterminated one runs to the end.
func skipCSI(rs []rune, j int) int {
	for ; j < len(rs); j++ {
		if rs[j] >= 0x40 && rs[j] <= 0x7e {
			return j
		}
		if rs[j] < 0x20 || rs[j] > 0x3f && rs[j] < 0x40 {
			return j - 1
		}
	}
	return len(rs) - 1
}

// skipString returns the index of the terminator (BEL, ST or ESC \) of a
// control string (OSC, DCS, …) whose body starts at rs[j].
func skipString(rs []rune, j int) int {
	for ; j < len(rs); j++ {
		switch rs[j] {
		case 0x07, 0x9c:
			return j
		case 0x1b:
			if j+1 < len(rs) && rs[j+1] == '\\' {
				return j + 1
			}
			return j
		}
	}
	return len(rs) - 1
}
