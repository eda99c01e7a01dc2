package cli

import (
	"fmt"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	"github.com/google/uuid"
	"github.com/spf13/cobra"
)

func (a *app) actionListCmd() *cobra.Command {
	var sprint string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list [--sprint S] [--json]",
		Short: "List a sprint's action items and the open ones of earlier sprints",
		Long: `List the action items of sprint S (default: current), then every item of an
earlier sprint that is still open, with the sprint it comes from: they come
back at every review until they are done.`,
		Example: `  align action list
  align action list --sprint "Sprint 14" --json | jq -r '.[] | select(.done | not) | .text'`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, d, err := a.openSprint(true, sprint)
			if err != nil {
				return err
			}
			defer st.Close()
			rows, ms, err := actionRows(st, d)
			if err != nil {
				return err
			}
			if asJSON {
				return a.writeJSON(export.ActionsJSON(rows, ms))
			}
			if len(rows) == 0 {
				a.hint("no action items in %s and none open from earlier sprints; add one with `align action add TEXT`", d.Sprint.Name)
				return nil
			}
			return a.printActions(rows, ms)
		},
	}
	cmd.Flags().StringVar(&sprint, "sprint", "current", "the sprint: name, id, unique id prefix or current")
	jsonFlag(cmd, &asJSON)
	return cmd
}

// actionRows returns d's items in creation order, then the open items of
// earlier sprints (model.OpenActionsBefore), and every member.
func actionRows(st *store.Store, d model.SprintData) ([]export.ActionRow, []model.Member, error) {
	ds, err := st.Dataset(store.DatasetOptions{})
	if err != nil {
		return nil, nil, err
	}
	var rows []export.ActionRow
	for _, it := range d.Actions {
		rows = append(rows, export.ActionRow{Item: it, Sprint: d})
	}
	byID := map[uuid.UUID]model.SprintData{}
	for _, sd := range ds.Sprints {
		byID[sd.Sprint.ID] = sd
	}
	for _, oa := range model.OpenActionsBefore(ds.Sprints, d.Sprint) {
		rows = append(rows, export.ActionRow{Item: oa.Item, Sprint: byID[oa.From.ID], Earlier: true})
	}
	return rows, ds.Members, nil
}

func (a *app) printActions(rows []export.ActionRow, ms []model.Member) error {
	ids := make([]uuid.UUID, len(rows))
	for i, r := range rows {
		ids[i] = r.Item.ID
	}
	short := shortIDs(ids)
	w := table(a.out())
	fmt.Fprintln(w, "\tTEXT\tOWNER\tDUE\tOBJECTIVE\tSPRINT\tID")
	for _, r := range rows {
		box := "[ ]"
		if r.Item.Done {
			box = "[x]"
		}
		owner, due, obj := "-", "-", "-"
		if h := export.HandleOf(ms, r.Item.OwnerID); h != "" {
			owner = h
		}
		if d := export.JSONDate(r.Item.Due); d != nil {
			due = *d
		}
		if t := export.ObjectiveTitle(r.Sprint, r.Item.ObjectiveID); t != "" {
			obj = t
		}
		from := r.Sprint.Sprint.Name
		if r.Earlier {
			from += " (earlier)"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", box, export.OneLine(r.Item.Text), owner, due, export.OneLine(obj), from, short[r.Item.ID])
	}
	return w.Flush()
}
