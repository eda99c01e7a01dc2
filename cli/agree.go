package cli

import (
	"fmt"

	"github.com/align-team/align/model"
	"github.com/spf13/cobra"
)

// agreeCmd records what the team agreed on an objective in the review,
// for teams that run the review from a script or another screen.
func (a *app) agreeCmd() *cobra.Command {
	var sprint, notes string
	var progress int
	cmd := &cobra.Command{
		Use:   "agree O --progress N [--notes TEXT] [--sprint S]",
		Short: "Record the progress the team agreed on an objective in the review",
		Long: `Record the agreed progress (0–100) of an objective of a sprint in review, and
mark it discussed: what the review screen records when the team agrees. The
objective's earlier discussion notes stay unless --notes replaces them.

align agree O --progress N is the same as
align outcome set O --agreed N --discussed: the same checks (the sprint in
review, the acting member's authority) and the same save; agree also marks
the objective's estimates revealed, as agreeing on the review screen does.
Use align outcome set to change only the notes or the discussed mark, or to
clear the agreed value.`,
		Example: `  align agree "Checkout in three steps" --progress 40
  align agree "Faster search" --progress 70 --notes "p95 at 320 ms; one index left"`,
		Args: needArgs("O"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !cmd.Flags().Changed("progress") {
				return fmt.Errorf("--progress is required: the agreed progress, 0–100")
			}
			if progress < 0 || progress > 100 {
				return fmt.Errorf("--progress %d is outside 0–100", progress)
			}
			o, _, sp, err := a.saveOutcome(sprint, args[0], func(oc *model.Outcome) {
				if cmd.Flags().Changed("notes") {
					oc.Notes = notes
				}
				v := progress
				oc.Agreed, oc.Discussed, oc.Revealed = &v, true, true
			})
			if err != nil {
				return err
			}
			fmt.Fprintf(a.out(), "Agreed %d %% on %q in %s.\n", progress, o.Title, sp.Name)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&sprint, "sprint", "current", "the sprint: name, id, unique id prefix or current")
	f.IntVar(&progress, "progress", 0, "the agreed progress, 0–100")
	f.StringVar(&notes, "notes", "", "discussion notes (replace the earlier ones)")
	return cmd
}
