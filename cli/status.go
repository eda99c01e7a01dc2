package cli

import (
	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	"github.com/spf13/cobra"
)

func (a *app) statusCmd() *cobra.Command {
	var sprint string
	cmd := &cobra.Command{
		Use:   "status [--sprint S]",
		Short: "Print the sprint's discrepancy report: who disagrees, and how much",
		Long: `Print a plain-text report of a sprint: its header, who has submitted, and the
review agenda, most disputed objective first. Each objective shows the
responses, median, range, spread, level, every estimate, the outliers by
handle, the story evidence and the agreed value once there is one.

status is the facilitator's tool: it always shows every estimate, whatever the
sprint's state. It opens the workspace read-only.`,
		Example: `  align status
  align status --sprint "Sprint 13" | less`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.printStatus(sprint)
		},
	}
	cmd.Flags().StringVar(&sprint, "sprint", "current", "the sprint: name, id, unique id prefix or current")
	return cmd
}

// printStatus writes the status report of the sprint that ref names.
func (a *app) printStatus(ref string) error {
	st, err := a.open(true)
	if err != nil {
		return err
	}
	defer st.Close()
	return a.statusFrom(st, ref)
}

// statusFrom writes the status report of the sprint that ref names in st.
func (a *app) statusFrom(st *store.Store, ref string) error {
	ws, err := st.Workspace()
	if err != nil {
		return err
	}
	d, err := a.loadSprint(st, ref)
	if err != nil {
		return err
	}
	ms, err := liveMembers(st)
	if err != nil {
		return err
	}
	goals, err := st.Goals()
	if err != nil {
		return err
	}
	offsets, err := pastOffsets(st, d.Sprint.ID)
	if err != nil {
		return err
	}
	r := model.Rank(model.Analyze(d, ms, ws.Settings), ws.Settings, offsets)
	all, err := st.Members() // deleted ones too: an owner may have left
	if err != nil {
		return err
	}
	return export.WriteStatus(a.out(), ws.Team, r, goals, all, a.today())
}
