package cli

// The plan's renames and deletes from the shell: story rm, goal archive,
// sprint rename, objective rename. Each checks the acting member's authority
// (--as) like every review command.

import (
	"fmt"

	"github.com/align-team/align/model"
	"github.com/spf13/cobra"
)

func (a *app) storyRmCmd() *cobra.Command {
	var sprint string
	cmd := &cobra.Command{
		Use:   "rm STORY [--sprint S]",
		Short: "Delete a story from a sprint in planning or assessing",
		Example: `  align story rm SHOP-101
  align story rm "Remove the address step" --sprint "Sprint 14"`,
		Args: needArgs("STORY"),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, d, err := a.openSprint(false, sprint)
			if err != nil {
				return err
			}
			defer st.Close()
			s, err := resolveStory(args[0], d.Stories)
			if err != nil {
				return err
			}
			if err := planGuard(d.Sprint); err != nil {
				return err
			}
			del := s
			del.Deleted = true
			del.Touch(a.now())
			if err := a.authorize(st, sprintChange(d.Sprint, func(sd *model.SprintData) { sd.Stories = []model.Story{s} }),
				sprintChange(d.Sprint, func(sd *model.SprintData) { sd.Stories = []model.Story{del} })); err != nil {
				return err
			}
			if _, err := st.SaveStory(del); err != nil {
				return writeError(err)
			}
			fmt.Fprintf(a.out(), "Deleted story %q from %s.\n", s.Title, d.Sprint.Name)
			return nil
		},
	}
	cmd.Flags().StringVar(&sprint, "sprint", "current", "the sprint: name, id, unique id prefix or current")
	return cmd
}

func (a *app) goalArchiveCmd() *cobra.Command {
	var undo bool
	cmd := &cobra.Command{
		Use:   "archive G [--undo]",
		Short: "Archive a goal the organisation no longer pursues",
		Long: `Archive goal G: objectives stay linked to it, but it is no longer offered
for new objectives. --undo makes it active again.`,
		Example: `  align goal archive "Grow self-serve revenue"
  align goal archive "Grow self-serve revenue" --undo`,
		Args: needArgs("G"),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := a.open(false)
			if err != nil {
				return err
			}
			defer st.Close()
			goals, err := liveGoals(st)
			if err != nil {
				return err
			}
			g, err := resolveGoal(args[0], goals)
			if err != nil {
				return err
			}
			state := map[bool]string{true: "archived", false: "active"}
			if g.Archived == !undo {
				return fmt.Errorf("goal %q is already %s", g.Title, state[g.Archived])
			}
			n := g
			n.Archived = !undo
			n.Touch(a.now())
			if err := a.authorize(st, model.Dataset{Goals: []model.Goal{g}}, model.Dataset{Goals: []model.Goal{n}}); err != nil {
				return err
			}
			if _, err := st.SaveGoal(n); err != nil {
				return writeError(err)
			}
			fmt.Fprintf(a.out(), "Goal %q is %s.\n", g.Title, state[n.Archived])
			return nil
		},
	}
	cmd.Flags().BoolVar(&undo, "undo", false, "make an archived goal active again")
	return cmd
}

func (a *app) sprintRenameCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "rename SPRINT NAME",
		Short:   "Rename a sprint",
		Example: `  align sprint rename "Sprint 14" "Sprint 14 – checkout"`,
		Args:    needArgs("SPRINT", "NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := a.open(false)
			if err != nil {
				return err
			}
			defer st.Close()
			sprints, err := st.Sprints()
			if err != nil {
				return err
			}
			sp, err := resolveSprint(args[0], sprints, a.today())
			if err != nil {
				return err
			}
			n := sp
			n.Name = args[1]
			n.Normalize()
			for _, old := range sprints {
				if old.ID != sp.ID && equalFold(old.Name, n.Name) {
					return fmt.Errorf("a sprint named %q already exists; pick another name", old.Name)
				}
			}
			if n.Name == sp.Name {
				return fmt.Errorf("sprint %q already has that name", sp.Name)
			}
			n.Touch(a.now())
			if err := a.authorize(st, sprintChange(sp, nil), sprintChange(n, nil)); err != nil {
				return err
			}
			if _, err := st.SaveSprint(n); err != nil {
				return writeError(err)
			}
			fmt.Fprintf(a.out(), "Renamed sprint %q to %q.\n", sp.Name, n.Name)
			return nil
		},
	}
}

func (a *app) objectiveRenameCmd() *cobra.Command {
	var sprint string
	cmd := &cobra.Command{
		Use:     "rename O TITLE [--sprint S]",
		Short:   "Rename an objective",
		Example: `  align objective rename "Faster search" "Search answers in 300 ms"`,
		Args:    needArgs("O", "TITLE"),
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
			n := o
			n.Title = args[1]
			n.Normalize()
			for _, old := range d.Objectives {
				if old.ID != o.ID && equalFold(old.Title, n.Title) {
					return fmt.Errorf("sprint %q already has an objective titled %q; titles must differ so that --objective can name them", d.Sprint.Name, old.Title)
				}
			}
			n.Touch(a.now())
			if err := a.authorize(st, sprintChange(d.Sprint, func(sd *model.SprintData) { sd.Objectives = []model.Objective{o} }),
				sprintChange(d.Sprint, func(sd *model.SprintData) { sd.Objectives = []model.Objective{n} })); err != nil {
				return err
			}
			if _, err := st.SaveObjective(n); err != nil {
				return writeError(err)
			}
			fmt.Fprintf(a.out(), "Renamed objective %q to %q.\n", o.Title, n.Title)
			return nil
		},
	}
	cmd.Flags().StringVar(&sprint, "sprint", "current", "the sprint: name, id, unique id prefix or current")
	return cmd
}
