package cli

import (
	"fmt"

	"github.com/google/uuid"
	"github.com/spf13/cobra"
)

// objectiveSetCmd changes an objective's goal link and whether it is a
// stretch objective.
func (a *app) objectiveSetCmd() *cobra.Command {
	var sprint, goal string
	var stretch, committed, noGoal bool
	cmd := &cobra.Command{
		Use:   "set O [--stretch | --committed] [--goal G | --no-goal] [--sprint S]",
		Short: "Mark an objective stretch or committed, or link it to a goal",
		Long: `Change an objective of a sprint in planning or assessing.

A stretch objective is one the team hopes for but did not commit to; the
organisation's roll-up counts only committed objectives in a team's
predictability (agreed progress against planned). Objectives are committed
unless marked stretch.

--goal links the objective to a goal: one of the team's own, or an
organisation goal imported with align org import (title, id or id prefix).`,
		Example: `  align objective set "Faster search" --stretch
  align objective set "Faster search" --committed
  align objective set "Checkout in three steps" --goal "Grow self-serve revenue"`,
		Args: needArgs("O"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if stretch && committed {
				return fmt.Errorf("--stretch and --committed contradict each other; give one")
			}
			if goal != "" && noGoal {
				return fmt.Errorf("--goal and --no-goal contradict each other; give one")
			}
			if !stretch && !committed && goal == "" && !noGoal {
				return fmt.Errorf("nothing to change: give --stretch, --committed, --goal G or --no-goal (see align objective set --help)")
			}
			st, d, err := a.openSprint(false, sprint)
			if err != nil {
				return err
			}
			defer st.Close()
			o, err := resolveObjective(args[0], d.Objectives)
			if err != nil {
				return err
			}
			if err := planGuard(d.Sprint); err != nil {
				return err
			}
			if stretch || committed {
				o.Stretch = stretch
			}
			if noGoal {
				o.GoalID = uuid.Nil
			}
			if goal != "" {
				goals, err := liveGoals(st)
				if err != nil {
					return err
				}
				g, err := resolveGoal(goal, goals)
				if err != nil {
					return err
				}
				o.GoalID = g.ID
			}
			saved, err := st.SaveObjective(o)
			if err != nil {
				return writeError(err)
			}
			kind := "committed"
			if saved.Stretch {
				kind = "stretch"
			}
			fmt.Fprintf(a.out(), "%q in %s is %s.\n", saved.Title, d.Sprint.Name, kind)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&sprint, "sprint", "current", "the sprint: name, id, unique id prefix or current")
	f.BoolVar(&stretch, "stretch", false, "mark it a stretch objective (not counted in predictability)")
	f.BoolVar(&committed, "committed", false, "mark it committed (the default for new objectives)")
	f.StringVar(&goal, "goal", "", "link it to this goal: title, id or id prefix")
	f.BoolVar(&noGoal, "no-goal", false, "unlink it from its goal")
	return cmd
}
