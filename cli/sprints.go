package cli

import (
	"fmt"
	"strings"

	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	"github.com/spf13/cobra"
)

func (a *app) sprintCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "sprint",
		Short: "Add and list sprints, and move them through their states",
		Long: `Sprints move through four states: planning → assessing → review → closed.
Objectives and stories change in planning and assessing; members assess in
planning, assessing and review; a closed sprint is read-only for good.

A SPRINT reference is a name, an id, a unique id prefix, or "current": the
open (not closed) sprint whose dates include today, else the latest open one,
else the latest.`,
		Example: `  align sprint add "Sprint 14" --start 2025-03-03 --end 2025-03-14 --goal "Self-serve sign-up"
  align sprint list
  align sprint state current review`,
	}
	return group(cmd, a.sprintAddCmd(), a.sprintListCmd(), a.sprintStateCmd(), a.sprintRenameCmd(), a.sprintCarryCmd())
}

func (a *app) sprintAddCmd() *cobra.Command {
	var start, end, goal, state string
	cmd := &cobra.Command{
		Use:   "add NAME --start YYYY-MM-DD --end YYYY-MM-DD [--goal TEXT]",
		Short: "Add a sprint (prints the new id)",
		Example: `  align sprint add "Sprint 14" --start 2025-03-03 --end 2025-03-14 --goal "Self-serve sign-up"
  sprint=$(align sprint add "Sprint 15" --start 2025-03-17 --end 2025-03-28)`,
		Args: needArgs("NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if start == "" || end == "" {
				return fmt.Errorf("--start and --end are required, as YYYY-MM-DD (the end date is the sprint's last day)")
			}
			from, err := model.ParseDate("start", start)
			if err != nil {
				return err
			}
			to, err := model.ParseDate("end", end)
			if err != nil {
				return err
			}
			s, err := model.ParseSprintState(state)
			if err != nil {
				return err
			}
			if s == model.StateClosed {
				return fmt.Errorf("--state closed: a new sprint cannot start closed (read-only for good); add it, then move it with `align sprint state`")
			}
			st, err := a.open(false)
			if err != nil {
				return err
			}
			defer st.Close()
			sprints, err := st.Sprints()
			if err != nil {
				return err
			}
			sp := model.Sprint{Name: args[0], Goal: goal, Start: from, End: to, State: s}
			sp.Normalize()
			if err := sp.Validate(); err != nil {
				return err
			}
			if strings.EqualFold(sp.Name, "current") || strings.EqualFold(sp.Name, "all") {
				return fmt.Errorf("%q is reserved as a sprint reference; pick another name", sp.Name)
			}
			for _, old := range sprints {
				if equalFold(old.Name, sp.Name) {
					return fmt.Errorf("a sprint named %q already exists; pick another name", old.Name)
				}
			}
			saved, err := st.SaveSprint(sp)
			if err != nil {
				return writeError(err)
			}
			a.printID(saved.ID)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&start, "start", "", "first day, YYYY-MM-DD (required)")
	f.StringVar(&end, "end", "", "last day, YYYY-MM-DD (required)")
	f.StringVar(&goal, "goal", "", "the sprint goal, in a sentence")
	f.StringVar(&state, "state", string(model.StatePlanning), "initial state: planning, assessing or review")
	return cmd
}

func (a *app) sprintListCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "list",
		Short:   "List sprints; * marks the current one",
		Example: `  align sprint list`,
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := a.open(true)
			if err != nil {
				return err
			}
			defer st.Close()
			sprints, err := st.Sprints()
			if err != nil {
				return err
			}
			if len(sprints) == 0 {
				a.hint("no sprints yet; add one with `align sprint add NAME --start YYYY-MM-DD --end YYYY-MM-DD`")
				return nil
			}
			cur, _ := model.CurrentSprint(sprints, a.today())
			ids := idsOf(sprints, func(s model.Sprint) model.Meta { return s.Meta })
			w := table(a.out())
			fmt.Fprintln(w, "\tNAME\tSTART\tEND\tSTATE\tID")
			for _, s := range sprints {
				mark := ""
				if s.ID == cur.ID {
					mark = "*"
				}
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", mark, s.Name,
					s.Start.Format(model.DateLayout), s.End.Format(model.DateLayout), s.State, ids[s.ID])
			}
			return w.Flush()
		},
	}
}

func (a *app) sprintStateCmd() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "state SPRINT planning|assessing|review|closed",
		Short: "Move a sprint to another state",
		Long: `Move a sprint to another state. Closing is for good: a closed sprint is
read-only. Closing a sprint that was never reviewed needs --force.`,
		Example: `  align sprint state current assessing
  align sprint state "Sprint 14" review
  align sprint state "Sprint 14" closed`,
		Args: needArgs("SPRINT", "STATE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			to, err := model.ParseSprintState(args[1])
			if err != nil {
				return err
			}
			st, err := a.open(false)
			if err != nil {
				return err
			}
			defer st.Close()
			sp, err := a.findSprint(st, args[0])
			if err != nil {
				return err
			}
			if sp.State == model.StateClosed {
				return fmt.Errorf("sprint %q is closed and read-only: a closed sprint cannot be reopened", sp.Name)
			}
			if sp.State == to {
				fmt.Fprintf(a.out(), "%s is already in %s.\n", sp.Name, to)
				return nil
			}
			if to == model.StateClosed && sp.State != model.StateReview && !force {
				return fmt.Errorf("sprint %q is in %s and was never reviewed; closing makes it read-only for good: move it to review first, or pass --force", sp.Name, sp.State)
			}
			from := sp.State
			sp.State = to
			sp.Touch(a.now())
			if _, err := st.SaveSprint(sp); err != nil {
				return writeError(err)
			}
			fmt.Fprintf(a.out(), "%s: %s → %s\n", sp.Name, from, to)
			switch to {
			case model.StateReview:
				a.reviewHint(st, sp)
			case model.StateClosed:
				a.hint("%s is now read-only", sp.Name)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "close a sprint that was never in review")
	return cmd
}

// reviewHint tells the facilitator, on stderr, who has not submitted when a
// sprint moves to review. It is advice only: failures to load are ignored.
func (a *app) reviewHint(st *store.Store, sp model.Sprint) {
	d, err := st.SprintData(sp.ID)
	if err != nil {
		return
	}
	ms, err := liveMembers(st)
	if err != nil {
		return
	}
	ws, err := st.Workspace()
	if err != nil {
		return
	}
	r := model.Analyze(liveData(d), ms, ws.Settings)
	if len(r.NotSubmitted) > 0 {
		a.hint("not submitted yet: %s (%d of %d submitted)", strings.Join(r.NotSubmitted, ", "), r.Submitted, r.Expected)
	}
}
