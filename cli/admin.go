package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime/debug"

	"github.com/align-team/align/export"
	"github.com/align-team/align/store"
	"github.com/spf13/cobra"
)

func (a *app) initCmd() *cobra.Command {
	var team string
	cmd := &cobra.Command{
		Use:   "init [--team NAME]",
		Short: "Create the workspace file",
		Long: `Create the workspace: one file holding one team's sprints, readable by you
alone. It goes to --db, else $ALIGN_DB, else $XDG_DATA_HOME/align/align.db
(~/.local/share/align/align.db).

Running init on an existing workspace changes nothing, except the team name
when --team is given.`,
		Example: `  align init --team "Checkout"
  align --db ./team.db init --team "Search"`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, err := a.dbPath()
			if err != nil {
				return err
			}
			if _, err := os.Stat(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("cannot read %s: %v", path, unwrapPath(err))
			}
			st, err := a.openPath(path, false)
			if err != nil {
				return err
			}
			defer st.Close()
			// Only the process whose file was linked into place created
			// it: of several inits racing on one new path, one says so.
			exists := !st.Created()
			if team != "" || !exists {
				if err := st.SetTeam(team); err != nil {
					return writeError(err)
				}
			}
			ws, err := st.Workspace()
			if err != nil {
				return err
			}
			where := path
			if ws.Team == "" {
				where += " (no team name yet: align config team NAME)"
			}
			switch {
			case !exists && ws.Team == "":
				fmt.Fprintf(a.out(), "Created a workspace at %s\n", where)
			case !exists:
				fmt.Fprintf(a.out(), "Created a workspace for %s at %s\n", ws.Team, path)
			case team != "":
				fmt.Fprintf(a.out(), "Renamed the team to %s in %s\n", ws.Team, path)
			case ws.Team == "":
				fmt.Fprintf(a.out(), "A workspace already exists at %s; nothing changed\n", where)
			default:
				fmt.Fprintf(a.out(), "A workspace for %s already exists at %s; nothing changed\n", ws.Team, path)
			}
			if !exists {
				a.hint("next: align member add NAME --handle H, then align sprint add NAME --start YYYY-MM-DD --end YYYY-MM-DD")
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&team, "team", "", "the team's name, shown in reports")
	return cmd
}

func (a *app) backupCmd() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "backup FILE [--force]",
		Short: "Copy the workspace to FILE while it stays usable",
		Long: `Write a consistent copy of the workspace to FILE, synced to disk. The copy is a
workspace itself: open it with --db FILE. An existing FILE is kept unless
--force is given.`,
		Example: `  align backup ~/backups/align-$(date +%F).db
  align backup team.db --force`,
		Args: needArgs("FILE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			dst := args[0]
			src, err := a.dbPath()
			if err != nil {
				return err
			}
			if same, _ := samePath(src, dst); same {
				return fmt.Errorf("%s is the workspace itself; pick another file for the backup", dst)
			}
			if _, err := os.Stat(dst); err == nil && !force {
				return fmt.Errorf("%s already exists; pass --force to replace it", dst)
			}
			st, err := a.open(true)
			if errors.Is(err, store.ErrDamaged) {
				return fmt.Errorf("nothing was written to %s, because %w", dst, err)
			}
			if err != nil {
				return err
			}
			defer st.Close()
			if err := st.Backup(dst, force); errors.Is(err, store.ErrDamaged) {
				return err // says what is damaged and that nothing was written
			} else if err != nil {
				if errors.Is(err, fs.ErrExist) {
					return fmt.Errorf("%s already exists; pass --force to replace it", dst)
				}
				return fmt.Errorf("cannot back up to %s: %v", dst, unwrapPath(err))
			}
			fmt.Fprintf(a.out(), "Backed up %s to %s\n", src, dst)
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "replace FILE if it exists")
	return cmd
}

// samePath reports whether a and b name the same file.
func samePath(a, b string) (bool, error) {
	fa, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	fb, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(fa, fb), nil
}

func (a *app) checkCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "check",
		Short: "Verify the workspace file and the links between its records",
		Long: `Check the workspace: bbolt's own consistency check, then that every story
belongs to a live objective, every objective to a sprint and every estimate to
a member. Each problem is printed with where it is and what is wrong, and the
exit status is non-zero when there is any. The workspace is opened read-only.`,
		Example: `  align check && echo "all good"`,
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := a.open(true)
			if errors.Is(err, store.ErrDamaged) {
				return a.checkDamaged(err)
			}
			if err != nil {
				return err
			}
			defer st.Close()
			problems, err := st.Check()
			if err != nil {
				return fmt.Errorf("cannot check %s: %v", st.Path(), err)
			}
			if len(problems) == 0 {
				fmt.Fprintf(a.out(), "%s: no problems found\n", st.Path())
				return nil
			}
			for _, p := range problems {
				fmt.Fprintf(a.out(), "%s: %s\n", p.Where, p.What)
			}
			return fmt.Errorf("%s has %s. %s",
				st.Path(), export.Plural(len(problems), "problem", "problems"), store.RestoreHint(st.Path()))
		},
	}
}

// checkDamaged lists every structural problem of a workspace that open
// refused as damaged (openErr), each with the page it is on, and returns
// openErr, which says what to do.
func (a *app) checkDamaged(openErr error) error {
	path, err := a.dbPath()
	if err != nil {
		return openErr
	}
	problems, err := store.CheckFile(path, lockWait)
	if err != nil {
		return openErr
	}
	for _, p := range problems {
		fmt.Fprintf(a.out(), "%s: %s\n", p.Where, p.What)
	}
	return openErr
}

func (a *app) versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print align's version",
		Example: `  align version`,
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprintf(a.out(), "align %s\n", version())
			return nil
		},
	}
}

// version is the module version align was built at, "dev" for a build from
// a source tree, with the VCS revision when the build recorded one.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	v := bi.Main.Version
	if v == "" || v == "(devel)" {
		v = "dev"
	}
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 && v == "dev" {
			v += " (" + s.Value[:12] + ")"
		}
	}
	return v + " " + bi.GoVersion
}
