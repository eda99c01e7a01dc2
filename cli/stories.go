package cli

import (
	"fmt"
	"strconv"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/spf13/cobra"
)

func (a *app) storyCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "story",
		Short: "Add, list and update the user stories behind objectives",
		Long: `Stories are the evidence beside the team's perception: status shows the share
of each objective's stories (and points) done next to the estimates.

A STORY reference is its title (ignoring case), its tracker key, its id or a
unique id prefix, within the sprint chosen by --sprint (default: current).`,
		Example: `  align story add "As a buyer I can pay with a saved card" --objective "Checkout in three steps" --points 5 --key SHOP-101
  align story list
  align story set SHOP-101 --status done`,
	}
	return group(cmd, a.storyAddCmd(), a.storyListCmd(), a.storySetCmd(), a.storyImportCmd(), a.storyRmCmd())
}

func (a *app) storyAddCmd() *cobra.Command {
	var sprint, objective, status, key string
	var points int
	cmd := &cobra.Command{
		Use:   "add TITLE --objective O [--points N] [--status todo|doing|done] [--key KEY]",
		Short: "Add a story to an objective (prints the new id)",
		Example: `  align story add "As a buyer I can pay with a saved card" --objective "Checkout in three steps" --points 5 --key SHOP-101
  align story add "Remove the address step" --objective 0195f3c2-9a1b --status doing`,
		Args: needArgs("TITLE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if objective == "" {
				return fmt.Errorf("--objective is required: the title or id of the objective the story serves (see `align objective list`)")
			}
			s, err := model.ParseStoryStatus(status)
			if err != nil {
				return err
			}
			if err := checkPoints(points); err != nil {
				return err
			}
			st, d, err := a.openSprint(false, sprint)
			if err != nil {
				return err
			}
			defer st.Close()
			o, err := resolveObjective(objective, d.Objectives)
			if err != nil {
				return err
			}
			if err := planGuard(d.Sprint); err != nil {
				return err
			}
			story := model.Story{SprintID: d.Sprint.ID, ObjectiveID: o.ID,
				Title: args[0], Points: points, Status: s, Key: key}
			for _, old := range storiesOf(d, o.ID) {
				story.Order = max(story.Order, old.Order+1)
			}
			saved, err := st.SaveStory(story)
			if err != nil {
				return writeError(err)
			}
			a.printID(saved.ID)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&sprint, "sprint", "current", "the sprint: name, id, unique id prefix or current")
	f.StringVar(&objective, "objective", "", "the objective it serves: title or id (required)")
	f.IntVar(&points, "points", 0, "story points (0 = not estimated)")
	f.StringVar(&status, "status", string(model.StoryTodo), "todo, doing or done")
	f.StringVar(&key, "key", "", "tracker key, e.g. SHOP-101")
	return cmd
}

// checkPoints validates a --points value.
func checkPoints(p int) error {
	if p < 0 || p > model.MaxPoints {
		return fmt.Errorf("--points %d is outside 0–%d", p, model.MaxPoints)
	}
	return nil
}

func (a *app) storyListCmd() *cobra.Command {
	var sprint string
	cmd := &cobra.Command{
		Use:     "list [--sprint S]",
		Short:   "List a sprint's stories by objective",
		Example: `  align story list --sprint "Sprint 14"`,
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, d, err := a.openSprint(true, sprint)
			if err != nil {
				return err
			}
			defer st.Close()
			if len(d.Stories) == 0 {
				a.hint("sprint %q has no stories yet; add one with `align story add TITLE --objective O`", d.Sprint.Name)
				return nil
			}
			ids := idsOf(d.Stories, func(s model.Story) model.Meta { return s.Meta })
			w := table(a.out())
			for i, o := range d.Objectives {
				stories := storiesOf(d, o.ID)
				if i > 0 {
					fmt.Fprintln(w)
				}
				fmt.Fprintf(w, "%s (%s)\n", o.Title, export.Plural(len(stories), "story", "stories"))
				for _, s := range stories {
					key, pts := s.Key, "-"
					if key == "" {
						key = "-"
					}
					if s.Points > 0 {
						pts = strconv.Itoa(s.Points)
					}
					fmt.Fprintf(w, "  %s\t%s\t%s\t%s\t%s\n", s.Status, pts, key, s.Title, ids[s.ID])
				}
			}
			return w.Flush()
		},
	}
	cmd.Flags().StringVar(&sprint, "sprint", "current", "the sprint: name, id, unique id prefix or current")
	return cmd
}

func (a *app) storySetCmd() *cobra.Command {
	var sprint, status string
	var points int
	cmd := &cobra.Command{
		Use:   "set STORY [--status todo|doing|done] [--points N]",
		Short: "Change a story's status or points",
		Example: `  align story set SHOP-101 --status done
  align story set "Remove the address step" --status doing --points 3`,
		Args: needArgs("STORY"),
		RunE: func(cmd *cobra.Command, args []string) error {
			setStatus, setPoints := cmd.Flags().Changed("status"), cmd.Flags().Changed("points")
			if !setStatus && !setPoints {
				return fmt.Errorf("nothing to change: pass --status todo|doing|done or --points N")
			}
			var s model.StoryStatus
			if setStatus {
				var err error
				if s, err = model.ParseStoryStatus(status); err != nil {
					return err
				}
			}
			if err := checkPoints(points); err != nil {
				return err
			}
			st, d, err := a.openSprint(false, sprint)
			if err != nil {
				return err
			}
			defer st.Close()
			story, err := resolveStory(args[0], d.Stories)
			if err != nil {
				return err
			}
			if err := planGuard(d.Sprint); err != nil {
				return err
			}
			if setStatus {
				story.Status = s
			}
			if setPoints {
				story.Points = points
			}
			story.Touch(a.now())
			if _, err := st.SaveStory(story); err != nil {
				return writeError(err)
			}
			pts := "no points"
			if story.Points > 0 {
				pts = fmt.Sprintf("%d points", story.Points)
			}
			fmt.Fprintf(a.out(), "%q is %s (%s).\n", story.Title, story.Status, pts)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&sprint, "sprint", "current", "the sprint: name, id, unique id prefix or current")
	f.StringVar(&status, "status", "", "todo, doing or done")
	f.IntVar(&points, "points", 0, "story points (0 = not estimated)")
	return cmd
}
