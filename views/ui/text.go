package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/align-team/align/model"
)

// Plural formats n with one (n == 1) or many, each holding one %d.
func Plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf(one, n)
	}
	return fmt.Sprintf(many, n)
}

// FirstLine returns the first line of s.
func FirstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}

// DateText formats a date for a form ("" for none).
func DateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(model.DateLayout)
}
