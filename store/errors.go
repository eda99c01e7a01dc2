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
func damaged(where string, err error) error { return &RecordError{Where: where, Err: err} }

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

// NoWorkspaceError says that a read-only Open found no file at Path. It
// matches ErrNotFound and its cause (fs.ErrNotExist).
type NoWorkspaceError struct {
	Path string
	Err  error
}

func (e *NoWorkspaceError) Error() string { return "no workspace at " + e.Path }

// Is makes a NoWorkspaceError match ErrNotFound.
func (e *NoWorkspaceError) Is(target error) bool { return target == ErrNotFound }

// Unwrap returns the cause.
func (e *NoWorkspaceError) Unwrap() error { return e.Err }

// OldSchemaError says that a read-only Open found a file of an older
// schema Version, which only a writing open may upgrade to Want. It
// matches ErrOldSchema.
type OldSchemaError struct {
	Path          string
	Version, Want int
}

func (e *OldSchemaError) Error() string {
	return fmt.Sprintf("%s has schema version %d and needs an upgrade to version %d", e.Path, e.Version, e.Want)
}

// Is makes an OldSchemaError match ErrOldSchema.
func (e *OldSchemaError) Is(target error) bool { return target == ErrOldSchema }

// RecordError says that a stored record cannot be read although the file
// passed the page walk: the record at Where does not decode (Err; then it
// matches ErrDamaged), or, with Missing, is not there at all. Check lists
// every such record.
type RecordError struct {
	Where   string // e.g. "meta/workspace", "goal 0190…"
	Missing bool
	Err     error
}

func (e *RecordError) Error() string {
	if e.Missing {
		return "the " + e.Where + " record is missing"
	}
	return fmt.Sprintf("stored record %s is damaged (%v)", e.Where, e.Err)
}

// Is makes a damaged (not a missing) record match ErrDamaged.
func (e *RecordError) Is(target error) bool { return target == ErrDamaged && !e.Missing }

// Unwrap returns the cause.
func (e *RecordError) Unwrap() error { return e.Err }
