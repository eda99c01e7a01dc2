package cli

import (
	"fmt"
	"strings"

	"github.com/align-team/align/export"
	"github.com/google/uuid"
	"github.com/spf13/cobra"
)

func (a *app) sprintCarryCmd() *cobra.Command {
	var from, to string
	cmd := &cobra.Command{
		Use:   "carry --to NEXT [--from S] [O ...]",
		Short: "Carry unfinished objectives on into a later sprint",
		Long: `Copy objectives that were not agreed at 100% from sprint S (default: the
sprint just reviewed — the latest in review, else the latest closed one) into
sprint NEXT, which must be planning or assessing; add it first with align
sprint add. Name the objectives to carry (titles or ids in S); with none, every
unfinished objective carries. Each copy remembers where it comes from and
starts from its agreed value as a baseline; its stories not done come along.
Objectives already carried into NEXT are skipped. Everything is written in
one transaction. The action items of S stay in S: they come back at every
review until they are done.`,
		Example: `  align sprint add "Sprint 15" --start 2025-03-17 --end 2025-03-28
  align sprint carry --to "Sprint 15" "Checkout in three steps" "Faster search"
  align sprint carry --from "Sprint 14" --to "Sprint 15"      # every unfinished one`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(to) == "" {
				return fmt.Errorf("--to is required: the sprint to carry into (add it first with `align sprint add`)")
			}
			st, err := a.open(false)
			if err != nil {
				return err
			}
			defer st.Close()
			fd, err := a.loadSprint(st, from)
			if err != nil {
				return fmt.Errorf("--from: %w", err)
			}
			td, err := a.loadSprint(st, to)
			if err != nil {
				return fmt.Errorf("--to: %w", err)
			}
			var pick []uuid.UUID
			for _, ref := range args {
				o, err := resolveObjective(ref, fd.Objectives)
				if err != nil {
					return fmt.Errorf("%w (in sprint %q)", err, fd.Sprint.Name)
				}
				pick = append(pick, o.ID)
			}
			out, err := st.CarryOver(fd.Sprint.ID, td.Sprint, false, pick, a.authorizeIn)
			if err != nil {
				return writeError(err)
			}
			for _, o := range out.Objectives {
				base := "no agreed value"
				if o.Baseline != nil {
					base = fmt.Sprintf("from %d%%", *o.Baseline)
				}
				n := 0
				for _, s := range out.Stories {
					if s.ObjectiveID == o.ID {
						n++
					}
				}
				fmt.Fprintf(a.out(), "carried %q into %s (%s, %s)\n", o.Title, td.Sprint.Name, base, export.Plural(n, "story", "stories"))
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&from, "from", "reviewed", "the sprint to carry from: name, id, unique id prefix, reviewed or current")
	f.StringVar(&to, "to", "", "the sprint to carry into (planning or assessing)")
	return cmd
}
