package cli

import (
	"fmt"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/spf13/cobra"
)

// ExitStatus is a run's result as an exit status, not a failure: main
// exits with it and prints nothing ("align remind" exits 1 when someone
// has not answered, so that a cron job or a git hook can act on it).
type ExitStatus int

func (e ExitStatus) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

func (a *app) remindCmd() *cobra.Command {
	var sprint, format string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "remind [--sprint S] [--format text|md] [--json]",
		Short: "Print who has not assessed what in a sprint; exit 1 while someone has not",
		Long: `Print who has not assessed which objectives of a sprint yet: as plain text
(the default), as markdown that pastes well into a chat (--format md), or as
JSON for scripts (--json). An abstention ("not my area") counts as an answer.
Only active members are expected.

The exit status is the result: 0 when every expected member has answered
every objective (or there is nothing to answer, as in a closed sprint, where
no estimate can be added any more), 1 when someone has not. No
error is printed for 1; other failures (no workspace, unknown sprint) print
an error and exit 1 too, with nothing on standard output. It opens the
workspace read-only.`,
		Example: `  align remind
  align remind --format md | pbcopy            # paste into the team's chat
  align remind --json | jq -r '.pending[].handle'
  align remind >/dev/null || echo "estimates still missing"`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "text" && format != "md" {
				return fmt.Errorf("--format %q: use text or md (or --json)", format)
			}
			if asJSON && cmd.Flags().Changed("format") {
				return fmt.Errorf("--json and --format %s: choose one (--json is for scripts, --format md for a chat)", format)
			}
			st, d, err := a.openSprint(true, sprint)
			if err != nil {
				return err
			}
			defer st.Close()
			ws, err := st.Workspace()
			if err != nil {
				return err
			}
			ms, err := liveMembers(st)
			if err != nil {
				return err
			}
			r := model.Remind(model.Analyze(d, ms, ws.Settings), ms)
			write := export.RemindText
			switch {
			case asJSON:
				write = export.RemindJSON
			case format == "md":
				write = export.RemindMarkdown
			}
			if err := write(a.out(), r); err != nil {
				return err
			}
			if !r.Done() && r.Sprint.State != model.StateClosed {
				return ExitStatus(1)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&sprint, "sprint", "current", "the sprint: name, id, unique id prefix or current")
	f.StringVar(&format, "format", "text", "text, or md for a chat message")
	f.BoolVar(&asJSON, "json", false, "print JSON for scripts instead")
	return cmd
}
