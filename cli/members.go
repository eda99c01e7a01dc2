package cli

import (
	"fmt"
	"strings"

	"github.com/align-team/align/model"
	"github.com/spf13/cobra"
)

func (a *app) memberCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "member",
		Short: "Add, list and remove team members",
		Example: `  align member add "Ana Lopez" --handle ana
  align member list
  align member rm ana`,
	}
	return group(cmd, a.memberAddCmd(), a.memberListCmd(), a.memberRmCmd(), a.memberKeyCmd(), a.memberRoleCmd())
}

func (a *app) memberAddCmd() *cobra.Command {
	var handle string
	var facilitator bool
	cmd := &cobra.Command{
		Use:   "add NAME --handle H",
		Short: "Add a member (prints the new id)",
		Long: `Add a member to the team. The handle is how the member is named everywhere
(--as, status, exports): lower-case letters, digits, '-' or '_', starting with
a letter, at most 24 characters. Adding a handle that was removed brings that
member back, with their history.`,
		Example: `  align member add "Ana Lopez" --handle ana
  id=$(align member add "Bo Chen" --handle bo --facilitator)`,
		Args: needArgs("NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if handle == "" {
				return fmt.Errorf("--handle is required: a short name such as %q", suggestHandle(args[0]))
			}
			handle = strings.ToLower(strings.TrimPrefix(strings.TrimSpace(handle), "@"))
			if err := model.ValidHandle(handle); err != nil {
				return err
			}
			st, err := a.open(false)
			if err != nil {
				return err
			}
			defer st.Close()
			all, err := st.Members()
			if err != nil {
				return err
			}
			m := model.Member{Name: args[0], Handle: handle, Active: true, Facilitator: facilitator}
			for _, old := range all {
				if old.Handle != handle {
					continue
				}
				if old.Active && !old.Deleted {
					return fmt.Errorf("the handle %q is already taken by %s; pick another", handle, old.Name)
				}
				// A removed member comes back with their history.
				m = old
				m.Name, m.Active, m.Deleted = args[0], true, false
				m.Facilitator = m.Facilitator || facilitator
				m.Touch(a.now())
			}
			saved, err := st.SaveMember(m)
			if err != nil {
				return writeError(err)
			}
			if o, ok := model.LookAlike(saved.Name, saved.ID, all); ok {
				a.hint("warning: the name %q looks the same as %s's %q; people will not tell them apart on screen", saved.Name, o.Handle, o.Name)
			}
			a.printID(saved.ID)
			return nil
		},
	}
	cmd.Flags().StringVar(&handle, "handle", "", "unique short handle, e.g. ana (required)")
	cmd.Flags().BoolVar(&facilitator, "facilitator", false, "mark the member as a facilitator")
	return cmd
}

// suggestHandle derives an example handle from a name.
func suggestHandle(name string) string {
	var b []rune
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9' && len(b) > 0:
			b = append(b, r)
		case r >= 'A' && r <= 'Z':
			b = append(b, r+'a'-'A')
		case r == ' ' && len(b) > 0:
			return string(b)
		}
		if len(b) == model.MaxHandle {
			break
		}
	}
	if len(b) == 0 {
		return "ana"
	}
	return string(b)
}

func (a *app) memberListCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "list",
		Short:   "List members with their handles",
		Example: `  align member list`,
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := a.open(true)
			if err != nil {
				return err
			}
			defer st.Close()
			ms, err := liveMembers(st)
			if err != nil {
				return err
			}
			if len(ms) == 0 {
				a.hint("no members yet; add one with `align member add NAME --handle H`")
				return nil
			}
			w := table(a.out())
			fmt.Fprintln(w, "HANDLE\tNAME\tSTATUS")
			for _, m := range ms {
				status := "active"
				if !m.Active {
					status = "removed"
				}
				if m.Facilitator {
					status += ", facilitator"
				}
				if m.Facilitator && m.NoEstimates {
					status += ", does not estimate"
				}
				fmt.Fprintf(w, "%s\t%s\t%s\n", m.Handle, m.Name, status)
			}
			return w.Flush()
		},
	}
}

func (a *app) memberRmCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "rm HANDLE",
		Short: "Remove a member from the team (their past estimates stay)",
		Long: `Remove a member from the team. They are no longer expected to assess, but
their past estimates stay in the history and calibration. Adding the same
handle again brings them back.`,
		Example: `  align member rm ana`,
		Args:    needArgs("HANDLE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := a.open(false)
			if err != nil {
				return err
			}
			defer st.Close()
			ms, err := liveMembers(st)
			if err != nil {
				return err
			}
			m, err := resolveMember(args[0], ms)
			if err != nil {
				return err
			}
			if !m.Active {
				return fmt.Errorf("%s (%s) was already removed", m.Handle, m.Name)
			}
			m.Active = false
			m.Touch(a.now())
			if _, err := st.SaveMember(m); err != nil {
				return writeError(err)
			}
			fmt.Fprintf(a.out(), "Removed %s (%s) from the team.\n", m.Handle, m.Name)
			return nil
		},
	}
}

func (a *app) goalCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "goal",
		Short: "Add and list organisational goals",
		Example: `  align goal add "Grow self-serve revenue" --description "Half of new customers sign up alone"
  align goal list`,
	}
	var desc string
	add := &cobra.Command{
		Use:     "add TITLE [--description D]",
		Short:   "Add an organisational goal (prints the new id)",
		Example: `  align goal add "Grow self-serve revenue" --description "Half of new customers sign up alone"`,
		Args:    needArgs("TITLE"),
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
			g := model.Goal{Title: args[0], Description: desc}
			g.Normalize()
			for _, old := range goals {
				if equalFold(old.Title, g.Title) {
					return fmt.Errorf("a goal titled %q already exists; titles must differ so that --goal can name them", old.Title)
				}
			}
			saved, err := st.SaveGoal(g)
			if err != nil {
				return writeError(err)
			}
			a.printID(saved.ID)
			return nil
		},
	}
	add.Flags().StringVar(&desc, "description", "", "what the goal means for the organisation")
	list := &cobra.Command{
		Use:     "list",
		Short:   "List organisational goals",
		Example: `  align goal list`,
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := a.open(true)
			if err != nil {
				return err
			}
			defer st.Close()
			goals, err := liveGoals(st)
			if err != nil {
				return err
			}
			if len(goals) == 0 {
				a.hint("no goals yet; add one with `align goal add TITLE`")
				return nil
			}
			ids := idsOf(goals, func(g model.Goal) model.Meta { return g.Meta })
			w := table(a.out())
			fmt.Fprintln(w, "ID\tTITLE\tSTATUS")
			for _, g := range goals {
				status := "active"
				if g.Archived {
					status = "archived"
				}
				fmt.Fprintf(w, "%s\t%s\t%s\n", ids[g.ID], g.Title, status)
			}
			return w.Flush()
		},
	}
	return group(cmd, add, list, a.goalArchiveCmd())
}
