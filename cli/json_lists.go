package cli

import (
	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/spf13/cobra"
)

// addJSON gives status and every list command a --json flag: the command
// then prints the JSON document that produce builds instead of its table.
// It wraps the commands in place, so their own code stays as it is.
func (a *app) addJSON(root *cobra.Command) {
	producers := map[string]func(*cobra.Command) (any, error){
		"align status":         a.statusDoc,
		"align member list":    a.membersDoc,
		"align goal list":      a.goalsDoc,
		"align sprint list":    a.sprintsDoc,
		"align objective list": a.objectivesDoc,
		"align story list":     a.storiesDoc,
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if produce, ok := producers[c.CommandPath()]; ok {
			var asJSON bool
			jsonFlag(c, &asJSON)
			text := c.RunE
			c.RunE = func(cmd *cobra.Command, args []string) error {
				if !asJSON {
					return text(cmd, args)
				}
				v, err := produce(cmd)
				if err != nil {
					return err
				}
				return a.writeJSON(v)
			}
			c.Example += "\n  " + c.CommandPath() + " --json | jq ."
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// sprintFlag is the value of cmd's --sprint flag, or "current".
func sprintFlag(cmd *cobra.Command) string {
	if f := cmd.Flags().Lookup("sprint"); f != nil {
		return f.Value.String()
	}
	return "current"
}

func (a *app) statusDoc(cmd *cobra.Command) (any, error) {
	st, err := a.open(true)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	return a.statusJSON(st, sprintFlag(cmd))
}

func (a *app) membersDoc(*cobra.Command) (any, error) {
	st, err := a.open(true)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	ms, err := liveMembers(st)
	if err != nil {
		return nil, err
	}
	return export.MembersJSON(ms), nil
}

func (a *app) goalsDoc(*cobra.Command) (any, error) {
	st, err := a.open(true)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	gs, err := liveGoals(st)
	if err != nil {
		return nil, err
	}
	return export.GoalsJSON(gs), nil
}

func (a *app) sprintsDoc(*cobra.Command) (any, error) {
	st, err := a.open(true)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	sprints, err := st.Sprints()
	if err != nil {
		return nil, err
	}
	cur, _ := model.CurrentSprint(sprints, a.today())
	return export.SprintsJSON(sprints, cur.ID), nil
}

func (a *app) objectivesDoc(cmd *cobra.Command) (any, error) {
	st, d, err := a.openSprint(true, sprintFlag(cmd))
	if err != nil {
		return nil, err
	}
	defer st.Close()
	goals, err := st.Goals()
	if err != nil {
		return nil, err
	}
	return export.ObjectivesJSON(d, goals), nil
}

func (a *app) storiesDoc(cmd *cobra.Command) (any, error) {
	st, d, err := a.openSprint(true, sprintFlag(cmd))
	if err != nil {
		return nil, err
	}
	defer st.Close()
	return export.StoriesJSON(d), nil
}
