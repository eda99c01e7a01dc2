package ui

import (
	"strings"
	"time"

	"github.com/align-team/align/model"
)

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
