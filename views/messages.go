package views

import (
	"fmt"
)

// The messages that stay inside one screen of the root package; the ones
// that cross between the root and the screens are in views/ui.

// panicError is the error a recovered panic becomes.
type panicError struct {
	value any
	stack string
}

// Error implements error.
func (p panicError) Error() string { return fmt.Sprintf("internal error: %v", p.value) }
