package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/align-team/align/demo"
	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/spf13/cobra"
)

// sizeLimit bounds one size flag of `align demo`.
type sizeLimit struct {
	flag     string
	min, max int
	def      int
}

// demoLimits are the allowed ranges and defaults of the size flags. The
// largest benchmark workspace (130 sprints × 15 members × 10 objectives × 50
// stories) fits well inside them.
var demoLimits = [4]sizeLimit{
	{"sprints", 1, 1000, 12},
	{"members", 1, 200, 8},
	{"objectives", 1, 50, 6},
	{"stories", 0, 500, 20},
}

func (a *app) demoCmd() *cobra.Command {
	var size [4]int
	var seed uint64
	cmd := &cobra.Command{
		Use:   "demo [--db FILE] [--sprints N] [--members M] [--objectives K] [--stories S] [--seed N]",
		Short: "Try align on a sample team",
		Long: `Build a sample team — members, goals, four past sprints with agreed outcomes
and a current sprint in review — and open it. Without --db the workspace is
temporary and removed when align exits; in a terminal the UI opens, otherwise
the status report is printed.

With --db FILE the sample is written to FILE (which must not exist yet) and
align exits, so that you can explore it with the other commands.

Any size flag (or --seed) generates a synthetic workspace instead of the
sample team, deterministically from --seed, for trying align on years of
history; flags left out take the defaults shown below.`,
		Example: `  align demo
  align demo --db /tmp/sample.db && align --db /tmp/sample.db status
  align demo --db /tmp/big.db --sprints 130 --members 15 --objectives 10 --stories 50 --seed 7`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			generate := cmd.Flags().Changed("seed")
			for i, l := range demoLimits {
				if !cmd.Flags().Changed(l.flag) {
					continue
				}
				generate = true
				if size[i] < l.min || size[i] > l.max {
					return fmt.Errorf("--%s %d is outside %d–%d", l.flag, size[i], l.min, l.max)
				}
			}
			now := a.now()
			var ds model.Dataset
			if generate {
				ds = demo.Generate(now, demo.Size{Sprints: size[0], Members: size[1], Objectives: size[2], Stories: size[3], Seed: seed})
			} else {
				ds = demo.Sample(now)
			}
			if a.dbFlag != "" {
				return a.writeDemo(a.dbFlag, ds)
			}
			return a.runDemo(cmd, ds)
		},
	}
	f := cmd.Flags()
	for i, l := range demoLimits {
		f.IntVar(&size[i], l.flag, l.def, fmt.Sprintf("generate this many %s (%d–%d; %s)", l.flag, l.min, l.max, demoUnit(l.flag)))
	}
	f.Uint64Var(&seed, "seed", 1, "seed of the generated workspace")
	return cmd
}

// writeDemo writes ds to a new file at path and prints a summary. On any
// failure the half-written file is removed.
func (a *app) writeDemo(path string, ds model.Dataset) (err error) {
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("%s already exists; demo writes only to a new file, so pick another path", path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("cannot use %s: %v", path, unwrapPath(err))
	}
	st, err := a.openPath(path, false)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := st.Close(); err == nil && cerr != nil {
			err = cerr
		}
		if err != nil {
			os.Remove(path)
		}
	}()
	if err := fill(st, ds); err != nil {
		return err
	}
	fmt.Fprintf(a.out(), "Wrote the sample team %q to %s: %s.\n", demo.Team, path, describe(ds))
	return nil
}

// runDemo writes ds to a temporary workspace, removed on return, and opens
// the UI on it, or prints its status when not on a terminal.
func (a *app) runDemo(cmd *cobra.Command, ds model.Dataset) error {
	dir, err := os.MkdirTemp("", "align-demo-")
	if err != nil {
		return fmt.Errorf("cannot create a temporary workspace: %v", unwrapPath(err))
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "demo.db")
	st, err := a.openPath(path, false)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := fill(st, ds); err != nil {
		return err
	}
	me, _, err := a.actingMember(st) // the same rule as align --as
	if err != nil {
		return err
	}
	if a.interactive() {
		return runTUI(st, me.ID, a.env.Stdin, a.env.Stdout)
	}
	return a.statusFrom(st, "current")
}

// fill writes the dataset and the demo team's name.
func fill(st interface {
	Apply(model.Dataset) error
	SetTeam(string) error
}, ds model.Dataset) error {
	if err := st.Apply(ds); err != nil {
		return fmt.Errorf("cannot write the sample team: %v", err)
	}
	if err := st.SetTeam(demo.Team); err != nil {
		return fmt.Errorf("cannot write the sample team: %v", err)
	}
	return nil
}

// describe counts what a dataset holds, for the demo's summary line.
func describe(ds model.Dataset) string {
	var objectives, stories, estimates int
	for _, s := range ds.Sprints {
		objectives += len(s.Objectives)
		stories += len(s.Stories)
		estimates += len(s.Assessments)
	}
	return fmt.Sprintf("%s, %s, %s, %s, %s, %s",
		export.Plural(len(ds.Members), "member", "members"), export.Plural(len(ds.Goals), "goal", "goals"), export.Plural(len(ds.Sprints), "sprint", "sprints"),
		export.Plural(objectives, "objective", "objectives"), export.Plural(stories, "story", "stories"), export.Plural(estimates, "estimate", "estimates"))
}

// demoUnit says what a generated size counts.
func demoUnit(flag string) string {
	switch flag {
	case "objectives", "stories":
		return "per sprint"
	}
	return "in all"
}
