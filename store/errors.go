package store

import (
	"fmt"
	"strings"

	"github.com/google/uuid"
)

// storeError carries a sentence meant for the user and the sentinel errors
// (and causes) it stands for, so that callers can test it with errors.Is
// while the text stays in the record's own words.
type storeError struct {
	msg  string
	errs []error
}

func (e *storeError) Error() string   { return e.msg }
func (e *storeError) Unwrap() []error { return e.errs }

// newErr returns an error reading like format that matches kind (and cause,
// when not nil) under errors.Is and errors.As.
func newErr(kind, cause error, format string, args ...any) error {
	e := &storeError{msg: fmt.Sprintf(format, args...), errs: []error{kind}}
	if cause != nil {
		e.errs = append(e.errs, cause)
	}
	return e
}

// refErr reports a reference from a record's field to a missing record.
func refErr(record, field, target string, id uuid.UUID, where string) error {
	if where != "" {
		where = " " + where
	}
	return newErr(ErrReference, nil, "%s %s: %s %s does not exist%s", record, field, target, id, where)
}

// notFound reports a record that does not exist or is deleted.
func notFound(record string, id uuid.UUID) error {
	return newErr(ErrNotFound, nil, "%s %s not found", record, id)
}

// damaged reports a stored value that cannot be decoded.
func damaged(where string, err error) error {
	return newErr(ErrDamaged, err, "stored record %s is damaged (%v); run `align check`", where, err)
}

// summarize turns integrity findings into one error naming the first few.
func summarize(prefix string, fs []finding) error {
	if len(fs) == 0 {
		return nil
	}
	const shown = 3
	var b strings.Builder
	b.WriteString(prefix)
	for i, f := range fs {
		if i == shown {
			fmt.Fprintf(&b, "; and %d more", len(fs)-shown)
			break
		}
		if i > 0 {
			b.WriteString(";")
		}
		fmt.Fprintf(&b, " %s: %s", f.Where, f.What)
	}
	return newErr(fs[0].kind, nil, "%s", b.String())
}
