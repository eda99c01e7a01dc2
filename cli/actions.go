package cli

import (
	"fmt"
	"strings"

	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	"github.com/google/uuid"
	"github.com/spf13/cobra"
)

var kindAction = refKind{"action item", "action items", "align action list"}

func (a *app) actionCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "action",
		Short: "Record and follow up the review's action items",
		Long: `Action items are what a review decides someone will do. Each may have an
owner, a due date and an objective it is about. An item stays open until it
is ticked off: every later review lists it, with the sprint it comes from.

An action reference (A) is its id or a unique id prefix (from align action
list), or its text ignoring case. It may name an item of any sprint. Items of
a closed sprint can still be ticked off or unticked, reassigned and given
another due date; their text stays as the review recorded it.

With --as (or $ALIGN_MEMBER) a command acts as that member and does only what
the member may: a member may tick off (or untick) the items they own; a
facilitator may change everything.`,
		Example: `  align action add "Fix the flaky checkout test" --owner ana --due 2025-03-20 --objective "Checkout"
  align action list
  align action done "Fix the flaky checkout test" --as ana
  align action edit 0195f3c2 --owner bo --due none
  align action rm 0195f3c2`,
	}
	return group(cmd, a.actionAddCmd(), a.actionListCmd(), a.actionEditCmd(),
		a.actionDoneCmd(true), a.actionDoneCmd(false), a.actionRmCmd())
}

// actionEdit is what an add or edit sets; nil leaves a field as it is.
type actionEdit struct {
	text, owner, due, objective *string
}

// flags registers the edit's flags on cmd.
func (e *actionEdit) flags(cmd *cobra.Command, edit bool) {
	var text, owner, due, objective string
	f := cmd.Flags()
	clear := ""
	if edit {
		clear = ", none to clear"
		f.StringVar(&text, "text", "", "the new text")
	}
	f.StringVar(&owner, "owner", "", "the member who does it: handle"+clear)
	f.StringVar(&due, "due", "", "the day it is due: YYYY-MM-DD"+clear)
	f.StringVar(&objective, "objective", "", "the objective it is about (in the item's sprint)"+clear)
	e.text, e.owner, e.due, e.objective = &text, &owner, &due, &objective
}

// apply sets the fields whose flags were given on it.
func (e actionEdit) apply(cmd *cobra.Command, it *model.ActionItem, d model.SprintData, ms []model.Member) error {
	set := cmd.Flags().Changed
	if set("text") {
		it.Text = *e.text
	}
	none := func(v string) bool { return strings.EqualFold(strings.TrimSpace(v), "none") }
	if set("owner") {
		it.OwnerID = uuid.Nil
		if !none(*e.owner) && strings.TrimSpace(*e.owner) != "" {
			m, err := resolveMember(*e.owner, ms)
			if err != nil {
				return fmt.Errorf("--owner: %w", err)
			}
			it.OwnerID = m.ID
		}
	}
	if set("due") {
		day, err := model.ParseDue(*e.due)
		if err != nil {
			return fmt.Errorf("--due: %w", err)
		}
		it.Due = day
	}
	if set("objective") {
		it.ObjectiveID = uuid.Nil
		if !none(*e.objective) && strings.TrimSpace(*e.objective) != "" {
			o, err := resolveObjective(*e.objective, d.Objectives)
			if err != nil {
				return fmt.Errorf("--objective: %w (of sprint %q)", err, d.Sprint.Name)
			}
			it.ObjectiveID = o.ID
		}
	}
	return nil
}

func (a *app) actionAddCmd() *cobra.Command {
	var sprint string
	var e actionEdit
	cmd := &cobra.Command{
		Use:   "add TEXT [--owner H] [--due YYYY-MM-DD] [--objective O] [--sprint S]",
		Short: "Record an action item (prints the new id)",
		Example: `  align action add "Write the retry runbook" --owner bo --due 2025-03-21
  id=$(align action add "Ask legal about the wording" --objective "Checkout in three steps")`,
		Args: needArgs("TEXT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, d, err := a.openSprint(false, sprint)
			if err != nil {
				return err
			}
			defer st.Close()
			ms, err := liveMembers(st)
			if err != nil {
				return err
			}
			it := model.ActionItem{SprintID: d.Sprint.ID, Text: args[0]}
			if err := e.apply(cmd, &it, d, ms); err != nil {
				return err
			}
			if err := a.authorize(st, sprintChange(d.Sprint, nil), sprintChange(d.Sprint, func(sd *model.SprintData) {
				it.Meta = model.NewMeta(a.now())
				sd.Actions = []model.ActionItem{it}
			})); err != nil {
				return err
			}
			it.Meta = model.Meta{}
			saved, err := st.SaveAction(it)
			if err != nil {
				return writeError(err)
			}
			a.printID(saved.ID)
			return nil
		},
	}
	e.flags(cmd, false)
	cmd.Flags().StringVar(&sprint, "sprint", "current", "the sprint: name, id, unique id prefix or current")
	return cmd
}

// foundAction is an action item with the sprint it belongs to.
type foundAction struct {
	item   model.ActionItem
	sprint model.SprintData
}

// findAction resolves an action reference among the live items of every
// sprint.
func findAction(st *store.Store, ref string) (foundAction, []model.Member, error) {
	ds, err := st.Dataset(store.DatasetOptions{})
	if err != nil {
		return foundAction{}, nil, err
	}
	var all []foundAction
	for _, sd := range ds.Sprints {
		for _, it := range sd.Actions {
			all = append(all, foundAction{item: it, sprint: liveData(sd)})
		}
	}
	f, err := resolve(kindAction, ref, all,
		func(f foundAction) uuid.UUID { return f.item.ID },
		func(f foundAction) string { return f.item.Text })
	return f, ds.Members, err
}

// changeAction resolves ref, lets change edit the item, checks the acting
// member's authority and saves it; it prints what became of it.
func (a *app) changeAction(ref string, change func(*model.ActionItem, model.SprintData, []model.Member) error, verb string) error {
	st, err := a.open(false)
	if err != nil {
		return err
	}
	defer st.Close()
	f, ms, err := findAction(st, ref)
	if err != nil {
		return err
	}
	it := f.item
	if err := change(&it, f.sprint, live(ms, func(m model.Member) bool { return m.Deleted })); err != nil {
		return err
	}
	if err := a.authorize(st, sprintChange(f.sprint.Sprint, func(sd *model.SprintData) { sd.Actions = []model.ActionItem{f.item} }),
		sprintChange(f.sprint.Sprint, func(sd *model.SprintData) {
			w := it
			w.Meta.Touch(a.now())
			sd.Actions = []model.ActionItem{w}
		})); err != nil {
		return err
	}
	if _, err := st.SaveAction(it); err != nil {
		return writeError(err)
	}
	fmt.Fprintf(a.out(), "%s %q (%s)\n", verb, it.Text, f.sprint.Sprint.Name)
	return nil
}

func (a *app) actionEditCmd() *cobra.Command {
	var e actionEdit
	cmd := &cobra.Command{
		Use:   "edit A [--text T] [--owner H|none] [--due YYYY-MM-DD|none] [--objective O|none]",
		Short: "Change an action item's text, owner, due date or objective",
		Example: `  align action edit 0195f3c2 --owner bo               # reassign
  align action edit "Write the retry runbook" --due 2025-04-04
  align action edit 0195f3c2 --text "Write and test the retry runbook" --due none`,
		Args:              needArgs("A"),
		ValidArgsFunction: a.completeActions,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !cmd.Flags().Changed("text") && !cmd.Flags().Changed("owner") && !cmd.Flags().Changed("due") && !cmd.Flags().Changed("objective") {
				return fmt.Errorf("nothing to change: pass --text, --owner, --due or --objective (see align action edit --help)")
			}
			return a.changeAction(args[0], func(it *model.ActionItem, d model.SprintData, ms []model.Member) error {
				return e.apply(cmd, it, d, ms)
			}, "changed")
		},
	}
	e.flags(cmd, true)
	return cmd
}

// actionDoneCmd is `align action done A` (done) or `align action undone A`.
func (a *app) actionDoneCmd(done bool) *cobra.Command {
	use, short, verb, ex := "done A", "Tick an action item off", "done:", `  align action done 0195f3c2
  align action done "Write the retry runbook" --as bo   # its owner may`
	if !done {
		use, short, verb, ex = "undone A", "Open a ticked-off action item again", "open again:", `  align action undone 0195f3c2`
	}
	return &cobra.Command{
		Use: use, Short: short, Example: ex,
		Args:              needArgs("A"),
		ValidArgsFunction: a.completeActions,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.changeAction(args[0], func(it *model.ActionItem, _ model.SprintData, _ []model.Member) error {
				if it.Done == done {
					state := "open"
					if done {
						state = "done"
					}
					return fmt.Errorf("action item %q is already %s", it.Text, state)
				}
				it.Done = done
				return nil
			}, verb)
		},
	}
}

func (a *app) actionRmCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "rm A",
		Short: "Delete an action item recorded by mistake",
		Long: `Delete an action item of a sprint that is not closed. To end an item that was
done, tick it off with align action done instead: it then stays in the record.`,
		Example:           `  align action rm 0195f3c2`,
		Args:              needArgs("A"),
		ValidArgsFunction: a.completeActions,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.changeAction(args[0], func(it *model.ActionItem, _ model.SprintData, _ []model.Member) error {
				it.Deleted = true
				return nil
			}, "deleted")
		},
	}
}
