package cli

import (
	"fmt"
	"io"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	"github.com/spf13/cobra"
)

// exportSummary writes the team's summary: every live sprint in
// aggregates, no member's handle, name, estimate or note (see
// model.Summarize). It always covers the whole history, which the
// roll-up's trends need.
func (a *app) exportSummary(cmd *cobra.Command, output string, bundleFlags bool) error {
	if cmd.Flags().Changed("sprint") {
		return fmt.Errorf("the summary covers every sprint, for the roll-up's trends; leave out --sprint")
	}
	if bundleFlags {
		return fmt.Errorf("--mine and --with-estimates are for JSON bundles; a summary carries no member's estimates at all")
	}
	if err := a.checkOutput(output); err != nil {
		return err
	}
	st, err := a.open(true)
	if err != nil {
		return err
	}
	defer st.Close()
	ws, err := st.Workspace()
	if err != nil {
		return err
	}
	d, err := st.Dataset(store.DatasetOptions{})
	if err != nil {
		return err
	}
	if ws.Team == "" {
		return fmt.Errorf("the workspace has no team name, and the roll-up tells teams apart by it; set it with align init --team NAME")
	}
	s := model.Summarize(ws.Team, ws.Settings.Org, d.Goals, d.Members, d.Sprints, ws.Settings, a.now())
	write := func(w io.Writer) error { return export.WriteSummary(w, s) }
	if err := a.writeOutput(output, write); err != nil || toStdout(output) {
		return err
	}
	a.hint("wrote %s: %s in aggregates, no member's name, handle, estimate or note", output, export.Plural(len(s.Sprints), "sprint", "sprints"))
	return nil
}
