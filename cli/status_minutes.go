package cli

import (
	"fmt"

	"github.com/align-team/align/model"
)

// discussedFor is status's ", discussed 9 min" beside the spread when the
// review timed the objective (Outcome.Minutes), else "".
func discussedFor(o *model.Outcome) string {
	if o == nil || o.Deleted || o.Minutes == 0 {
		return ""
	}
	return fmt.Sprintf(", discussed %d min", o.Minutes)
}
