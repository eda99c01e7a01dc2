package cli

import (
	"fmt"
	"strings"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/spf13/cobra"
)

func (a *app) outcomeCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "outcome",
		Short: "Record what the review agreed on an objective",
		Long: `The outcome of an objective is what the review agreed: its progress (0–100),
notes, and whether it was discussed. Outcomes are recorded while the sprint
is in review; with --as (or $ALIGN_MEMBER) only a facilitator may.`,
		Example: `  align outcome set "Checkout in three steps" --agreed 60 --discussed
  align outcome set "Checkout in three steps" --notes "Blocked on the payments API"`,
	}
	return group(cmd, a.outcomeSetCmd())
}

func (a *app) outcomeSetCmd() *cobra.Command {
	var sprint, notes string
	var agreed int
	var discussed bool
	cmd := &cobra.Command{
		Use:   "set O [--agreed N|--agreed -1] [--notes T] [--discussed[=false]] [--sprint S]",
		Short: "Set an objective's agreed progress, notes or discussed mark",
		Long: `Set what the review agreed on objective O. Only the flags given change:
--agreed N records the agreed progress (0–100; -1 clears it), --notes replaces
the notes (align note add appends to them), --discussed marks it discussed
(--discussed=false takes the mark back).

align outcome set O --agreed N --discussed is the same as
align agree O --progress N: the same checks and the same save (agree also
marks the objective's estimates revealed, as the review screen does).`,
		Example: `  align outcome set "Checkout in three steps" --agreed 60 --discussed
  align outcome set 0195f3c2 --agreed -1            # not agreed after all
  align outcome set "Faster search" --notes "Needs the new index first"`,
		Args: needArgs("O"),
		RunE: func(cmd *cobra.Command, args []string) error {
			set := cmd.Flags().Changed
			if !set("agreed") && !set("notes") && !set("discussed") {
				return fmt.Errorf("nothing to set: pass --agreed, --notes or --discussed (see align outcome set --help)")
			}
			if set("agreed") && (agreed < -1 || agreed > 100) {
				return fmt.Errorf("--agreed %d is outside 0–100 (-1 clears the agreed value)", agreed)
			}
			return a.changeOutcome(sprint, args[0], func(o *model.Outcome) {
				if set("agreed") {
					o.Agreed = nil
					if agreed >= 0 {
						v := agreed
						o.Agreed = &v
					}
				}
				if set("notes") {
					o.Notes = notes
				}
				if set("discussed") {
					o.Discussed = discussed
				}
			})
		},
	}
	f := cmd.Flags()
	f.IntVar(&agreed, "agreed", 0, "agreed progress, 0–100; -1 clears it")
	f.StringVar(&notes, "notes", "", "the review's notes on it (replaces them)")
	f.BoolVar(&discussed, "discussed", false, "mark it discussed (--discussed=false: not discussed)")
	f.StringVar(&sprint, "sprint", "current", "the sprint: name, id, unique id prefix or current")
	return cmd
}

func (a *app) noteCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "note",
		Short:   "Add to the review's notes on an objective",
		Example: `  align note add "Checkout in three steps" "Payments API slipped a week"`,
	}
	add := &cobra.Command{
		Use:   "add O TEXT [--sprint S]",
		Short: "Append a line to an objective's review notes",
		Long: `Append TEXT as a new line to the notes of objective O's outcome, in a sprint
in review. align outcome set O --notes replaces the notes instead.`,
		Example: `  align note add "Checkout in three steps" "Payments API slipped a week"`,
		Args:    needArgs("O", "TEXT"),
	}
	var sprint string
	add.RunE = func(cmd *cobra.Command, args []string) error {
		text := strings.TrimSpace(args[1])
		if text == "" {
			return fmt.Errorf("the note is empty; give the text to add")
		}
		return a.changeOutcome(sprint, args[0], func(o *model.Outcome) {
			if strings.TrimSpace(o.Notes) == "" {
				o.Notes = text
				return
			}
			o.Notes = strings.TrimRight(o.Notes, "\n") + "\n" + text
		})
	}
	add.Flags().StringVar(&sprint, "sprint", "current", "the sprint: name, id, unique id prefix or current")
	return group(cmd, add)
}

// changeOutcome loads objective ref's outcome in sprint ref (a new one when
// it has none), lets change edit it, checks the acting member's authority
// and saves it, then prints the outcome.
func (a *app) changeOutcome(sprint, ref string, change func(*model.Outcome)) error {
	o, saved, _, err := a.saveOutcome(sprint, ref, change)
	if err != nil {
		return err
	}
	agreed := "not agreed"
	if saved.Agreed != nil {
		agreed = fmt.Sprintf("agreed %d%%", *saved.Agreed)
	}
	disc := "not discussed"
	if saved.Discussed {
		disc = "discussed"
	}
	lines := 0
	if n := strings.TrimSpace(saved.Notes); n != "" {
		lines = strings.Count(n, "\n") + 1
	}
	fmt.Fprintf(a.out(), "%s: %s, %s, %s\n", o.Title, agreed, disc, export.Plural(lines, "note line", "note lines"))
	return nil
}

// saveOutcome is the one way the shell records an outcome (align outcome
// set, note add, agree): objective ref's outcome in sprint ref, a new one
// when it has none, edited by change, checked against the acting member's
// authority and saved in one transaction. It returns the objective, the
// saved outcome and the sprint.
func (a *app) saveOutcome(sprint, ref string, change func(*model.Outcome)) (model.Objective, model.Outcome, model.Sprint, error) {
	var none model.Outcome
	st, d, err := a.openSprint(false, sprint)
	if err != nil {
		return model.Objective{}, none, model.Sprint{}, err
	}
	defer st.Close()
	o, err := resolveObjective(ref, d.Objectives)
	if err != nil {
		return o, none, d.Sprint, err
	}
	switch d.Sprint.State {
	case model.StateReview:
	case model.StateClosed:
		return o, none, d.Sprint, fmt.Errorf("sprint %q is closed and read-only: its outcomes can no longer change", d.Sprint.Name)
	default:
		return o, none, d.Sprint, fmt.Errorf("sprint %q is in %s: outcomes are recorded in the review, after the reveal (move it with `align sprint state %q review`)", d.Sprint.Name, d.Sprint.State, d.Sprint.Name)
	}
	var old *model.Outcome
	oc := model.Outcome{SprintID: d.Sprint.ID, ObjectiveID: o.ID}
	for _, x := range d.Outcomes {
		if x.ObjectiveID == o.ID && !x.Deleted {
			x := x
			old, oc = &x, x
		}
	}
	change(&oc)
	w := oc
	if old == nil {
		w.Meta = model.NewMeta(a.now())
	} else {
		w.Meta.Touch(a.now())
	}
	local := sprintChange(d.Sprint, func(sd *model.SprintData) {
		if old != nil {
			sd.Outcomes = []model.Outcome{*old}
		}
	})
	if err := a.authorize(st, local, sprintChange(d.Sprint, func(sd *model.SprintData) { sd.Outcomes = []model.Outcome{w} })); err != nil {
		return o, none, d.Sprint, err
	}
	saved, err := st.SaveOutcome(oc)
	if err != nil {
		return o, none, d.Sprint, writeError(err)
	}
	return o, saved, d.Sprint, nil
}
