package cli

import (
	"fmt"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/spf13/cobra"
)

func (a *app) orgListCmd() *cobra.Command {
	var f orgFlags
	cmd := &cobra.Command{
		Use:     "list [--file org/goals.json]",
		Short:   "Show the organisation's goals, keepers and signature",
		Example: `  align org list --file ~/acme/org/goals.json`,
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			of, err := readOrgFile(f.file)
			if err != nil {
				return err
			}
			out := a.out()
			fmt.Fprintf(out, "Organisation %q (%s, updated %s)\n", of.org.Name, f.file, of.org.UpdatedAt.Format("2006-01-02 15:04 UTC"))
			if fp, err := verifyOrg(of); err != nil {
				fmt.Fprintf(out, "Signature: NOT VALID: %v\n", err)
			} else {
				fmt.Fprintf(out, "Signature: good, by %s with %s\n", of.org.KeeperFingerprints()[fp], fp)
			}
			fmt.Fprintln(out, "Keepers:")
			for _, k := range of.org.Keepers {
				fmt.Fprintf(out, "  %s, %s\n", k.Name, keyFingerprint(k.Key))
			}
			if len(of.org.Goals) == 0 {
				fmt.Fprintln(out, "No goals yet: add one with align org goal add TITLE.")
				return nil
			}
			w := table(out)
			fmt.Fprintln(w, "ID\tGOAL\tSTATE")
			for _, g := range of.org.Goals {
				state := "live"
				if g.Archived {
					state = "archived"
				}
				fmt.Fprintf(w, "%s\t%s\t%s\n", g.ID, g.Title, state)
			}
			return w.Flush()
		},
	}
	f.add(cmd, false)
	return cmd
}

func (a *app) orgImportCmd() *cobra.Command {
	var dryRun bool
	cmd := &cobra.Command{
		Use:   "import [FILE] [--dry-run]",
		Short: "Bring the organisation's goals into this team's workspace",
		Long: `Import the organisation's goals file (default org/goals.json) into the
workspace. The file must be signed (FILE.sig) by one of its keepers. The first
import trusts the keepers the file lists, as ssh trusts a new host key: check
the fingerprints it prints with the keepers. Later imports must be signed with
a key the workspace already trusts, and be of the same organisation.

Goals keep the organisation's ids, so every team's objectives link to the same
goal: link yours with align objective add|set --goal. The organisation's
version of a goal replaces the workspace's; the team's own goals stay.`,
		Example: `  git pull && align org import
  align org import ~/acme/org/goals.json --dry-run`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path := defaultOrgFile
			if len(args) == 1 {
				path = args[0]
			}
			return a.importOrg(path, dryRun)
		},
	}
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "show what would change and write nothing")
	return cmd
}

// importOrg checks the goals file at path and writes its goals and
// keepers into the workspace: first the keepers the workspace trusts, then
// the goals in one transaction. Either step failing loses nothing, and
// running the import again finishes it.
func (a *app) importOrg(path string, dryRun bool) error {
	of, err := readOrgFile(path)
	if err != nil {
		return fmt.Errorf("%v; nothing was imported", err)
	}
	fp, err := verifyOrg(of)
	if err != nil {
		return fmt.Errorf("%v; nothing was imported", err)
	}
	st, err := a.open(dryRun)
	if err != nil {
		return err
	}
	defer st.Close()
	ws, err := st.Workspace()
	if err != nil {
		return err
	}
	firstUse, err := model.CheckOrgSigner(ws.Settings, of.org, fp)
	if err != nil {
		return fmt.Errorf("%s: %v; nothing was imported", path, err)
	}
	local, err := st.Goals()
	if err != nil {
		return err
	}
	write, changes, notes := model.OrgImport(local, of.org)
	out := a.out()
	fmt.Fprintf(out, "%s: goals of %q, signed by %s with %s\n", path, of.org.Name, of.org.KeeperFingerprints()[fp], fp)
	if firstUse {
		fmt.Fprintf(out, "First import of %q's goals: from now on this workspace trusts these keepers, as the file names them.\n", of.org.Name)
		fmt.Fprintln(out, "Check the fingerprints with them (as ssh asks about a new host key); later files must be signed by one of them:")
		for _, k := range of.org.Keepers {
			fmt.Fprintf(out, "  %s, %s\n", k.Name, keyFingerprint(k.Key))
		}
	}
	for _, c := range changes {
		fmt.Fprintln(out, "  "+c)
	}
	for _, n := range notes {
		a.hint("note: %s", n)
	}
	trust := model.TrustOrg(ws.Settings, of.org)
	if len(write) == 0 && trust == ws.Settings {
		fmt.Fprintln(out, "Nothing to write: the workspace has these goals already.")
		return nil
	}
	if dryRun {
		fmt.Fprintf(out, "Dry run: would write %s; nothing was written.\n", export.Plural(len(write), "goal", "goals"))
		return nil
	}
	if trust != ws.Settings {
		if err := st.SetSettings(trust); err != nil {
			return writeError(err)
		}
	}
	if len(write) > 0 {
		if err := st.Apply(model.Dataset{Goals: write}); err != nil {
			return writeError(err)
		}
	}
	fmt.Fprintf(out, "Imported %s of %q.\n", export.Plural(len(write), "goal", "goals"), of.org.Name)
	return nil
}
