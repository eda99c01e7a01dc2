package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/spf13/cobra"
)

// orgFlags are the flags every org command that touches the goals file
// takes.
type orgFlags struct {
	file, key string
}

func (f *orgFlags) add(cmd *cobra.Command, signs bool) {
	cmd.Flags().StringVar(&f.file, "file", defaultOrgFile, "the organisation's goals file, in the shared repository")
	if signs {
		cmd.Flags().StringVar(&f.key, "key", "", "private SSH key of a keeper to sign with (default: a keeper's key in ssh-agent)")
	}
}

func (a *app) orgCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "org",
		Short: "The organisation's goals, shared by every team",
		Long: `An organisation's goals live in one file of the repository its teams share
(org/goals.json, signed in org/goals.json.sig). A few keepers make and edit
it with these commands, which sign every change with the keeper's SSH key
(--key, or ssh-agent). Each team imports it with align org import; its
objectives then link to the organisation's goals, which have the same id in
every team's workspace. A team may still have goals of its own (align goal).

A goal reference (G) is its title (ignoring case), its id or a unique id
prefix.`,
		Example: `  align org init --name "Acme" --keeper "Olga Ivanova" --key ~/.ssh/id_ed25519
  align org goal add "Grow self-serve revenue" --description "Half of new customers sign up alone"
  align org list
  align org import          # in a team's workspace: org/goals.json`,
	}
	goal := group(&cobra.Command{Use: "goal", Short: "Add, edit and archive the organisation's goals",
		Example: `  align org goal add "Grow self-serve revenue"
  align org goal archive "Cut support load"`},
		a.orgGoalAddCmd(), a.orgGoalEditCmd(), a.orgGoalArchiveCmd())
	keeper := group(&cobra.Command{Use: "keeper", Short: "Add a keeper of the organisation's goals",
		Example: `  align org keeper add "Piet Jansen" --key-file piet_id_ed25519.pub`}, a.orgKeeperAddCmd())
	return group(cmd, a.orgInitCmd(), goal, keeper, a.orgListCmd(), a.orgImportCmd())
}

func (a *app) orgInitCmd() *cobra.Command {
	var f orgFlags
	var name, keeper string
	cmd := &cobra.Command{
		Use:   "init --name NAME --keeper NAME [--key PRIVATE_KEY] [--file org/goals.json]",
		Short: "Start the organisation's goals file, kept by you",
		Long: `Create the goals file with no goals and one keeper: you, with the public half
of the key that signs it (--key, else the first key in ssh-agent). Commit
both files (FILE and FILE.sig) to the shared repository.`,
		Example: `  align org init --name "Acme" --keeper "Olga Ivanova" --key ~/.ssh/id_ed25519
  git add org/ && git commit -m "Acme's goals" && git push`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if _, err := os.Stat(f.file); err == nil {
				return fmt.Errorf("%s already exists; edit it with align org goal add|edit|archive", f.file)
			}
			s, err := a.orgSigner(nil, f.key)
			if err != nil {
				return err
			}
			pub := strings.TrimSpace(string(gosshMarshal(s)))
			o, err := model.NewOrg(name, model.Keeper{Name: keeper, Key: pub}, a.now())
			if err != nil {
				return err
			}
			if err := os.MkdirAll(filepath.Dir(f.file), 0o755); err != nil {
				return fmt.Errorf("cannot create %s: %v", filepath.Dir(f.file), unwrapPath(err))
			}
			if err := writeOrgFile(f.file, o, s); err != nil {
				return err
			}
			fmt.Fprintf(a.out(), "Created %s for %q, kept by %s (%s), signed in %s%s.\n",
				f.file, o.Name, o.Keepers[0].Name, fingerprintOf(s.PublicKey()), f.file, sigSuffix)
			return nil
		},
	}
	f.add(cmd, true)
	cmd.Flags().StringVar(&name, "name", "", "the organisation's name")
	cmd.Flags().StringVar(&keeper, "keeper", "", "your name, as teams will see it beside your key")
	return cmd
}

func (a *app) orgGoalAddCmd() *cobra.Command {
	var f orgFlags
	var desc string
	cmd := &cobra.Command{
		Use:   "add TITLE [--description D]",
		Short: "Add a goal to the organisation (prints the new id)",
		Example: `  align org goal add "Grow self-serve revenue" --description "Half of new customers sign up alone"
  id=$(align org goal add "Cut support load")`,
		Args: needArgs("TITLE"),
		RunE: func(cmd *cobra.Command, args []string) error {
			var g model.Goal
			_, err := a.editOrg(f.file, f.key, func(o model.Org) (model.Org, error) {
				out, goal, err := o.AddGoal(args[0], desc, a.now())
				g = goal
				return out, err
			})
			if err != nil {
				return err
			}
			a.printID(g.ID)
			return nil
		},
	}
	f.add(cmd, true)
	cmd.Flags().StringVar(&desc, "description", "", "what reaching the goal means")
	return cmd
}

func (a *app) orgGoalEditCmd() *cobra.Command {
	var f orgFlags
	var title, desc string
	cmd := &cobra.Command{
		Use:     "edit G [--title T] [--description D]",
		Short:   "Change a goal's title or description (its id stays)",
		Example: `  align org goal edit "Grow self-serve revenue" --title "Grow self-serve revenue to 50 %"`,
		Args:    needArgs("G"),
		RunE: func(cmd *cobra.Command, args []string) error {
			var e model.GoalEdit
			if cmd.Flags().Changed("title") {
				e.Title = &title
			}
			if cmd.Flags().Changed("description") {
				e.Description = &desc
			}
			if e.Title == nil && e.Description == nil {
				return fmt.Errorf("nothing to change: give --title or --description")
			}
			return a.orgGoalChange(f, args[0], e, "Changed")
		},
	}
	f.add(cmd, true)
	cmd.Flags().StringVar(&title, "title", "", "the new title")
	cmd.Flags().StringVar(&desc, "description", "", "the new description")
	return cmd
}

func (a *app) orgGoalArchiveCmd() *cobra.Command {
	var f orgFlags
	var undo bool
	cmd := &cobra.Command{
		Use:   "archive G [--undo]",
		Short: "Archive a goal the organisation no longer pursues",
		Long: `An archived goal stays in the file, so that teams' older objectives still
link to it; teams no longer pick it for new ones. --undo restores it.`,
		Example: `  align org goal archive "Cut support load"
  align org goal archive "Cut support load" --undo`,
		Args: needArgs("G"),
		RunE: func(cmd *cobra.Command, args []string) error {
			archived := !undo
			verb := "Archived"
			if undo {
				verb = "Restored"
			}
			return a.orgGoalChange(f, args[0], model.GoalEdit{Archived: &archived}, verb)
		},
	}
	f.add(cmd, true)
	cmd.Flags().BoolVar(&undo, "undo", false, "restore an archived goal")
	return cmd
}

// orgGoalChange applies e to the goal ref names and reports it.
func (a *app) orgGoalChange(f orgFlags, ref string, e model.GoalEdit, verb string) error {
	var g model.Goal
	_, err := a.editOrg(f.file, f.key, func(o model.Org) (model.Org, error) {
		found, err := model.FindOrgGoal(o, ref)
		if err != nil {
			return o, err
		}
		out, goal, err := o.EditGoal(found.ID, e, a.now())
		g = goal
		return out, err
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(a.out(), "%s %q (%s) in %s.\n", verb, g.Title, g.ID, f.file)
	return nil
}

func (a *app) orgKeeperAddCmd() *cobra.Command {
	var f orgFlags
	var keyFile string
	cmd := &cobra.Command{
		Use:   "add NAME --key-file PUBLIC_KEY",
		Short: "Let another person keep and sign the goals",
		Long: `Add a keeper. A team that already follows the organisation accepts a file
signed by the new keeper only after it has imported one, signed by a keeper it
trusts, that lists the new keeper: so sign this change with your own key.`,
		Example: `  align org keeper add "Piet Jansen" --key-file piet_id_ed25519.pub --key ~/.ssh/id_ed25519`,
		Args:    needArgs("NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if keyFile == "" {
				return fmt.Errorf("--key-file is required: the new keeper's public key (e.g. id_ed25519.pub)")
			}
			data, err := os.ReadFile(keyFile)
			if err != nil {
				return fmt.Errorf("%s: cannot read it: %v", keyFile, unwrapPath(err))
			}
			line := strings.TrimSpace(strings.SplitN(string(data), "\n", 2)[0])
			o, err := a.editOrg(f.file, f.key, func(o model.Org) (model.Org, error) {
				return o.AddKeeper(model.Keeper{Name: args[0], Key: line}, a.now())
			})
			if err != nil {
				return err
			}
			fmt.Fprintf(a.out(), "%s now has %s.\n", f.file, export.Plural(len(o.Keepers), "keeper", "keepers"))
			return nil
		},
	}
	f.add(cmd, true)
	cmd.Flags().StringVar(&keyFile, "key-file", "", "the new keeper's public SSH key file")
	return cmd
}
