package model

// Names people can tell apart: no invisible characters, and a warning when
// two members' names look the same.

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/google/uuid"
)

// invisible reports whether r renders as nothing (or as blank space that
// is not a space): format characters such as ZERO WIDTH SPACE, joiners and
// the byte order mark, fillers, variation selectors and tags. A name with
// one looks exactly like the same name without it.
func invisible(r rune) bool {
	switch {
	case unicode.Is(unicode.Cf, r): // U+00AD, U+200B–U+200F, U+2060–U+2064, U+FEFF, tags, …
		return true
	case r == '\u034f', r == '\u115f', r == '\u1160', r == '\u17b4', r == '\u17b5', r == '\u180b', r == '\u180c', r == '\u180d',
		r == '\u180e', r == '\u2800', r == '\u3164', r == '\uffa0':
		return true
	case r >= '\ufe00' && r <= '\ufe0f', r >= 0xe0100 && r <= 0xe01ef:
		return true
	}
	return false
}

// CheckName refuses a display name with an invisible character, naming
// the character and where it is.
func CheckName(name string) error {
	for i, r := range []rune(name) {
		if invisible(r) {
			return fieldErr("member", "name", "has an invisible character (U+%04X) at position %d; it would look exactly like the name without it: type the name again without it", r, i+1)
		}
	}
	return nil
}

// confusables maps letters that render like Latin ones to those: the
// Cyrillic and Greek capitals and small letters that share a Latin shape,
// and fullwidth forms (mapped by range in skeleton).
var confusables = map[rune]rune{
	'а': 'a', 'е': 'e', 'о': 'o', 'р': 'p', 'с': 'c', 'у': 'y', 'х': 'x', 'і': 'i', 'ј': 'j', 'ѕ': 's',
	'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w', 'һ': 'h', 'ӏ': 'l', 'ɡ': 'g', 'ı': 'i',
	'А': 'A', 'В': 'B', 'Е': 'E', 'К': 'K', 'М': 'M', 'Н': 'H', 'О': 'O', 'Р': 'P', 'С': 'C', 'Т': 'T',
	'Х': 'X', 'У': 'Y', 'І': 'I', 'Ј': 'J', 'Ѕ': 'S', 'Ԁ': 'D',
	'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Ζ': 'Z', 'Η': 'H', 'Ι': 'I', 'Κ': 'K', 'Μ': 'M', 'Ν': 'N', 'Ο': 'O',
	'Ρ': 'P', 'Τ': 'T', 'Υ': 'Y', 'Χ': 'X', 'ο': 'o', 'ν': 'v', 'ι': 'i', 'κ': 'k', 'ρ': 'p',
}

// skeleton is what a name looks like: look-alike letters replaced by their
// Latin shape, invisible characters dropped, case and runs of space folded.
func skeleton(name string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case invisible(r):
			continue
		case r >= 0xff01 && r <= 0xff5e: // fullwidth ASCII
			r -= 0xfee0
		case unicode.IsSpace(r):
			r = ' '
		}
		if c, ok := confusables[r]; ok {
			r = c
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// LookAlike returns a live member other than the one with id whose name
// looks the same as name (the same letters once look-alike letters, case
// and spacing are folded), so that people could not tell the two apart on
// screen.
func LookAlike(name string, id uuid.UUID, ms []Member) (Member, bool) {
	sk := skeleton(name)
	for _, m := range ms {
		if m.ID != id && !m.Deleted && m.Active && skeleton(m.Name) == sk {
			return m, true
		}
	}
	return Member{}, false
}

// LookAlikeWarnings returns one warning for every member whose name write
// brings in new or changed (against local) and that looks the same as
// another live member's in merged (the workspace after the write).
func LookAlikeWarnings(local, merged, write Dataset) []string {
	before := map[uuid.UUID]string{}
	for _, m := range local.Members {
		before[m.ID] = m.Name
	}
	var out []string
	for _, m := range write.Members {
		if old, ok := before[m.ID]; m.Deleted || !m.Active || ok && old == m.Name {
			continue
		}
		if o, ok := LookAlike(m.Name, m.ID, merged.Members); ok {
			out = append(out, fmt.Sprintf("%s's name %q looks the same as %s's %q; people will not tell them apart on screen", m.Handle, m.Name, o.Handle, o.Name))
		}
	}
	return out
}
