package cli

import (
	"strings"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	"github.com/spf13/cobra"
)

// Dynamic shell completion: sprint names, objective titles, member handles
// and action items, read from the workspace (opened read-only) when the
// shell asks. Any error completes nothing: a completion never prints one.

type completeFunc = func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective)

// completer turns a lister into a completion function; list returns
// "value" or "value\tdescription" lines.
func (a *app) completer(list func(st *store.Store, cmd *cobra.Command) []string) completeFunc {
	return func(cmd *cobra.Command, _ []string, prefix string) ([]cobra.Completion, cobra.ShellCompDirective) {
		st, err := a.open(true)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		defer st.Close()
		var out []cobra.Completion
		for _, c := range list(st, cmd) {
			v, _, _ := strings.Cut(c, "\t")
			if strings.HasPrefix(strings.ToLower(v), strings.ToLower(prefix)) {
				out = append(out, c)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// firstArg completes only the first positional argument with f.
func firstArg(f completeFunc) completeFunc {
	return func(cmd *cobra.Command, args []string, prefix string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return f(cmd, args, prefix)
	}
}

func listSprints(st *store.Store, _ *cobra.Command) []string {
	sprints, err := st.Sprints()
	if err != nil {
		return nil
	}
	var out []string
	for _, s := range sprints {
		out = append(out, s.Name+"\t"+string(s.State))
	}
	return out
}

func listHandles(st *store.Store, _ *cobra.Command) []string {
	ms, err := liveMembers(st)
	if err != nil {
		return nil
	}
	var out []string
	for _, m := range ms {
		if m.Active {
			out = append(out, m.Handle+"\t"+m.Name)
		}
	}
	return out
}

// listObjectives lists the titles of the sprint the command's --sprint
// flag names (current when it has none).
func (a *app) listObjectives(st *store.Store, cmd *cobra.Command) []string {
	ref := "current"
	if f := cmd.Flags().Lookup("sprint"); f != nil {
		ref = f.Value.String()
	}
	if f := cmd.Flags().Lookup("from"); f != nil {
		ref = f.Value.String()
	}
	d, err := a.loadSprint(st, ref)
	if err != nil {
		return nil
	}
	var out []string
	for _, o := range d.Objectives {
		out = append(out, o.Title)
	}
	return out
}

func listActions(st *store.Store, _ *cobra.Command) []string {
	ds, err := st.Dataset(store.DatasetOptions{})
	if err != nil {
		return nil
	}
	var ids []model.ActionItem
	for _, sd := range ds.Sprints {
		ids = append(ids, sd.Actions...)
	}
	short := idsOf(ids, func(x model.ActionItem) model.Meta { return x.Meta })
	var out []string
	for _, it := range ids {
		out = append(out, short[it.ID]+"\t"+export.OneLine(it.Text))
	}
	return out
}

// completeActions completes an action reference.
func (a *app) completeActions(cmd *cobra.Command, args []string, prefix string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return firstArg(a.completer(listActions))(cmd, args, prefix)
}

// registerCompletions walks the command tree: every --sprint, --from and
// --to flag completes sprint names, every --objective objective titles,
// every --owner and the root's --as member handles; and the positional
// arguments that name a sprint or an objective complete too.
func (a *app) registerCompletions(root *cobra.Command) {
	sprints, objectives, handles := a.completer(listSprints), a.completer(a.listObjectives), a.completer(listHandles)
	_ = root.RegisterFlagCompletionFunc("as", handles)
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for name, f := range map[string]completeFunc{"sprint": sprints, "from": sprints, "to": sprints, "objective": objectives, "owner": handles} {
			if c.Flags().Lookup(name) != nil {
				_ = c.RegisterFlagCompletionFunc(name, f)
			}
		}
		if c.ValidArgsFunction == nil {
			_, use, _ := strings.Cut(c.Use, " ")
			switch {
			case c.Name() == "carry":
				c.ValidArgsFunction = objectives
			case strings.HasPrefix(use, "O "), use == "O":
				c.ValidArgsFunction = firstArg(objectives)
			case strings.HasPrefix(use, "SPRINT "), use == "SPRINT":
				c.ValidArgsFunction = firstArg(sprints)
			case strings.HasPrefix(use, "HANDLE"):
				c.ValidArgsFunction = firstArg(handles)
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}
