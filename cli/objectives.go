package cli

import (
	"fmt"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/google/uuid"
	"github.com/spf13/cobra"
)

func (a *app) objectiveCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "objective",
		Short: "Add, list and remove a sprint's objectives",
		Long: `Objectives are what the team set out to achieve in a sprint; each member
estimates every objective's progress. Link each to an organisational goal with
--goal so that the review shows how the sprint ties into the organisation.

An objective reference (O) is its title (ignoring case), its id or a unique id
prefix, within the sprint chosen by --sprint (default: current).`,
		Example: `  align objective add "Checkout in three steps" --goal "Grow self-serve revenue"
  align objective list --sprint "Sprint 14"
  align objective rm "Checkout in three steps"`,
	}
	return group(cmd, a.objectiveAddCmd(), a.objectiveListCmd(), a.objectiveRmCmd(), a.objectiveSetCmd(), a.objectiveRenameCmd())
}

func (a *app) objectiveAddCmd() *cobra.Command {
	var sprint, goal, desc string
	cmd := &cobra.Command{
		Use:   "add TITLE [--sprint S] [--goal G] [--description D]",
		Short: "Add an objective to a sprint (prints the new id)",
		Example: `  align objective add "Checkout in three steps" --goal "Grow self-serve revenue"
  obj=$(align objective add "Faster search" --sprint "Sprint 14" --description "p95 under 300 ms")`,
		Args: needArgs("TITLE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, d, err := a.openSprint(false, sprint)
			if err != nil {
				return err
			}
			defer st.Close()
			if err := planGuard(d.Sprint); err != nil {
				return err
			}
			o := model.Objective{SprintID: d.Sprint.ID, Title: args[0], Description: desc}
			o.Normalize()
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
			for _, old := range d.Objectives {
				if equalFold(old.Title, o.Title) {
					return fmt.Errorf("sprint %q already has an objective titled %q; titles must differ so that --objective can name them", d.Sprint.Name, old.Title)
				}
				o.Order = max(o.Order, old.Order+1)
			}
			saved, err := st.SaveObjective(o)
			if err != nil {
				return writeError(err)
			}
			a.printID(saved.ID)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&sprint, "sprint", "current", "the sprint: name, id, unique id prefix or current")
	f.StringVar(&goal, "goal", "", "organisational goal it serves: title or id")
	f.StringVar(&desc, "description", "", "what done looks like")
	return cmd
}

func (a *app) objectiveListCmd() *cobra.Command {
	var sprint string
	cmd := &cobra.Command{
		Use:     "list [--sprint S]",
		Short:   "List a sprint's objectives in plan order",
		Example: `  align objective list --sprint "Sprint 14"`,
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, d, err := a.openSprint(true, sprint)
			if err != nil {
				return err
			}
			defer st.Close()
			if len(d.Objectives) == 0 {
				a.hint("sprint %q has no objectives yet; add one with `align objective add TITLE`", d.Sprint.Name)
				return nil
			}
			goals, err := st.Goals()
			if err != nil {
				return err
			}
			goalTitle := make(map[uuid.UUID]string, len(goals))
			for _, g := range goals {
				goalTitle[g.ID] = g.Title
			}
			ids := idsOf(d.Objectives, func(o model.Objective) model.Meta { return o.Meta })
			w := table(a.out())
			fmt.Fprintln(w, "#\tTITLE\tGOAL\tSTORIES\tID")
			for i, o := range d.Objectives {
				done, total := 0, 0
				for _, s := range storiesOf(d, o.ID) {
					total++
					if s.Status == model.StoryDone {
						done++
					}
				}
				g := goalTitle[o.GoalID]
				if g == "" {
					g = "-"
				}
				title := o.Title
				if o.Stretch {
					title += " (stretch)"
				}
				fmt.Fprintf(w, "%d\t%s\t%s\t%d/%d done\t%s\n", i+1, title, g, done, total, ids[o.ID])
			}
			return w.Flush()
		},
	}
	cmd.Flags().StringVar(&sprint, "sprint", "current", "the sprint: name, id, unique id prefix or current")
	return cmd
}

func (a *app) objectiveRmCmd() *cobra.Command {
	var sprint string
	cmd := &cobra.Command{
		Use:   "rm O [--sprint S]",
		Short: "Delete an objective with its stories and estimates",
		Long: `Delete an objective from a sprint in planning or assessing. Its stories,
estimates, review notes and action items are deleted with it, in one step.`,
		Example: `  align objective rm "Faster search"
  align objective rm 0195f3c2-9a1b --sprint "Sprint 14"`,
		Args: needArgs("O"),
		RunE: func(cmd *cobra.Command, args []string) error {
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
			stories, estimates := len(storiesOf(d, o.ID)), 0
			for _, x := range d.Assessments {
				if x.ObjectiveID == o.ID {
					estimates++
				}
			}
			// The store deletes the objective's stories, estimates, outcome
			// and action items with it, in the same transaction.
			o.Deleted = true
			if _, err := st.SaveObjective(o); err != nil {
				return writeError(err)
			}
			fmt.Fprintf(a.out(), "Deleted %q from %s, with %s and %s.\n",
				o.Title, d.Sprint.Name, export.Plural(stories, "story", "stories"), export.Plural(estimates, "estimate", "estimates"))
			return nil
		},
	}
	cmd.Flags().StringVar(&sprint, "sprint", "current", "the sprint: name, id, unique id prefix or current")
	return cmd
}
