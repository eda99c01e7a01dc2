package cli

import (
	"github.com/align-team/align/export"
	"github.com/spf13/cobra"
)

// The --json outputs: each command prints one JSON document with the shape
// README.md documents ("JSON output"). export builds and encodes the
// documents (export/json*.go); cli registers the flag, loads the records
// and writes the document to stdout.

// jsonFlag registers --json on cmd.
func jsonFlag(cmd *cobra.Command, v *bool) {
	cmd.Flags().BoolVar(v, "json", false, "print JSON (the shape is documented in README.md, \"JSON output\")")
}

// writeJSON prints v as indented JSON (export.EncodeJSON).
func (a *app) writeJSON(v any) error {
	return export.EncodeJSON(a.out(), v)
}
