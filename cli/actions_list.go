package cli

import (
	"fmt"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	"github.com/google/uuid"
	"github.com/spf13/cobra"
)

// jsonAction is one action item in align action list --json.
type jsonAction struct {
	ID        string   `json:"id"`
	Text      string   `json:"text"`
	Done      bool     `json:"done"`
	Owner     *string  `json:"owner"` // handle
	Due       *string  `json:"due"`   // YYYY-MM-DD
	Objective *jsonRef `json:"objective"`
	Sprint    jsonRef  `json:"sprint"`
	// Earlier is true for an open item of an earlier sprint.
	Earlier bool `json:"earlier"`
}

// actionRow is one listed item with the sprint it belongs to.
type actionRow struct {
	item    model.ActionItem
	sprint  model.SprintData
	earlier bool
}

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
				return a.writeJSON(actionsJSON(rows, ms))
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
func actionRows(st *store.Store, d model.SprintData) ([]actionRow, []model.Member, error) {
	ds, err := st.Dataset(store.DatasetOptions{})
	if err != nil {
		return nil, nil, err
	}
	var rows []actionRow
	for _, it := range d.Actions {
		rows = append(rows, actionRow{item: it, sprint: d})
	}
	byID := map[uuid.UUID]model.SprintData{}
	for _, sd := range ds.Sprints {
		byID[sd.Sprint.ID] = sd
	}
	for _, oa := range model.OpenActionsBefore(ds.Sprints, d.Sprint) {
		rows = append(rows, actionRow{item: oa.Item, sprint: byID[oa.From.ID], earlier: true})
	}
	return rows, ds.Members, nil
}

// objectiveTitle is the title of objective id in d, or "".
func objectiveTitle(d model.SprintData, id uuid.UUID) string {
	for _, o := range d.Objectives {
		if o.ID == id {
			return o.Title
		}
	}
	return ""
}

func handleOf(ms []model.Member, id uuid.UUID) string {
	for _, m := range ms {
		if m.ID == id {
			return m.Handle
		}
	}
	return ""
}

func actionsJSON(rows []actionRow, ms []model.Member) []jsonAction {
	out := make([]jsonAction, 0, len(rows))
	for _, r := range rows {
		it := r.item
		j := jsonAction{ID: it.ID.String(), Text: it.Text, Done: it.Done, Due: jsonDate(it.Due),
			Objective: refOf(it.ObjectiveID, objectiveTitle(r.sprint, it.ObjectiveID)),
			Sprint:    jsonRef{ID: r.sprint.Sprint.ID.String(), Name: r.sprint.Sprint.Name}, Earlier: r.earlier}
		if it.OwnerID != uuid.Nil {
			h := handleOf(ms, it.OwnerID)
			j.Owner = &h
		}
		out = append(out, j)
	}
	return out
}

func (a *app) printActions(rows []actionRow, ms []model.Member) error {
	ids := make([]uuid.UUID, len(rows))
	for i, r := range rows {
		ids[i] = r.item.ID
	}
	short := shortIDs(ids)
	w := table(a.out())
	fmt.Fprintln(w, "\tTEXT\tOWNER\tDUE\tOBJECTIVE\tSPRINT\tID")
	for _, r := range rows {
		box := "[ ]"
		if r.item.Done {
			box = "[x]"
		}
		owner, due, obj := "-", "-", "-"
		if h := handleOf(ms, r.item.OwnerID); h != "" {
			owner = h
		}
		if d := jsonDate(r.item.Due); d != nil {
			due = *d
		}
		if t := objectiveTitle(r.sprint, r.item.ObjectiveID); t != "" {
			obj = t
		}
		from := r.sprint.Sprint.Name
		if r.earlier {
			from += " (earlier)"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", box, export.OneLine(r.item.Text), owner, due, export.OneLine(obj), from, short[r.item.ID])
	}
	return w.Flush()
}
