package ui

import (
	"errors"
	"fmt"

	"github.com/align-team/align/store"
)

// SaveConflict is the footer for a save of what (`objective "Checkout"`)
// that failed. When another session deleted the record, or one it refers
// to, while this one was editing it (align serve), the store's error names
// records by id; the member is told in words instead, and nothing is saved.
func SaveConflict(what string, err error) error {
	switch {
	case errors.Is(err, store.ErrNotFound):
		return fmt.Errorf("%s was deleted in another session while you were editing it; nothing was saved", what)
	case errors.Is(err, store.ErrReference):
		return fmt.Errorf("%s refers to a record deleted in another session; nothing was saved: choose again", what)
	}
	return fmt.Errorf("saving %s: %w", what, err)
}
