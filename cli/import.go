package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/align-team/align/model/merge"
	"github.com/google/uuid"
	"github.com/spf13/cobra"
)

// importMaxSkew is how far ahead of this machine's clock a record's
// timestamps may be: clocks of team laptops drift by seconds, not by more
// than a few minutes, and a record stamped further ahead would win every
// merge until that time comes.
const importMaxSkew = 10 * time.Minute

// stdinName is how standard input is named in import reports and errors.
const stdinName = "standard input"

// importLong is the help text of align import.
const importLong = `Merge one or more JSON bundles (written by align export --format json) into
the workspace; "-" reads a bundle from standard input.

Records merge by id: the later update wins, a deletion is never undone by an
older copy, and importing the same bundle again changes nothing. Every bundle
is read and checked whole before anything is written (at most 32 MiB each,
strict JSON, valid records, references that resolve, no timestamps more than
10 minutes ahead of this machine's clock). The bundles are merged in the order
given and written in one transaction: if any of them fails a check, the
workspace is left exactly as it was.

The report lists, per bundle, every record added, updated or deleted and
every conflict (both sides changed the record, neither from the other's
version; the later change still wins) with both values; records
already up to date are counted, and listed with -v. When a bundle deletes an
objective, the records that hang off it here (stories, estimates, review
notes and action items) are deleted with it, as align objective rm does.

Who may change what: a bundle names its author, and the import applies it
only if that member, by the roles this workspace holds, may make every
change in it: a member their own estimates and display name, a facilitator
everything else (keys and roles only in a signed bundle). A bundle with any
other change is refused whole, each change named, and nothing is written.

Signatures: FILE.sig beside FILE (written by align export, or by
ssh-keygen -Y sign -n align-bundle) is checked against the keys this
workspace registered for the author; a bad one refuses the import. An
unsigned bundle is accepted with a warning, unless it names a facilitator
whose keys are known here or align config require-signed-bundles is true.
The first import into a workspace without members trusts the facilitators
and keys it brings, and prints their fingerprints.`

func (a *app) importCmd() *cobra.Command {
	var dryRun, verbose, anyTeam bool
	cmd := &cobra.Command{
		Use:   "import FILE... [--dry-run] [-v]",
		Short: "Merge JSON bundles from other workspaces into this one",
		Long:  importLong,
		Example: `  align import plan.json
  align import sync/*.json --dry-run
  git show origin/main:sync/ana.json | align import -`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return fmt.Errorf("%s needs at least one FILE, or - for standard input (usage: %s)", cmd.CommandPath(), cmd.UseLine())
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			files, err := a.readBundles(args)
			if err != nil {
				return err
			}
			st, err := a.open(dryRun)
			if err != nil {
				return err
			}
			defer st.Close()
			local, err := touchedDataset(st, files)
			if err != nil {
				return err
			}
			ws, err := st.Workspace()
			if err != nil {
				return err
			}
			if !anyTeam {
				if err := otherTeam(ws.Team, files); err != nil {
					return err
				}
			}
			if err := a.checkTrust(files, local, ws.Settings.RequireSignedBundles); err != nil {
				return err
			}
			plan, err := mergeBundles(local, files, a.now())
			if err != nil {
				return err
			}
			if err := plan.refused(dryRun); err != nil {
				return err
			}
			if !dryRun && !plan.empty() {
				if err := st.Apply(plan.write); err != nil {
					return fmt.Errorf("the workspace refused the merged bundles, so nothing was imported: %v", writeError(err))
				}
			}
			plan.firstUse = len(local.Members) == 0 && !plan.empty()
			return plan.print(a.out(), st.Path(), dryRun, verbose)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&dryRun, "dry-run", false, "report what would change and write nothing")
	f.BoolVar(&anyTeam, "any-team", false, "import bundles whose team name differs from this workspace's")
	f.BoolVarP(&verbose, "verbose", "v", false, "list the records that are already up to date too")
	return cmd
}

// bundleFile is one decoded and validated bundle, named as the user gave it.
type bundleFile struct {
	name   string
	bundle export.Bundle
	data   model.Dataset
	raw    []byte // the file's bytes, which a signature covers
	sig    []byte // the armored detached signature from FILE.sig; nil if none
	// author is who the bundle says wrote it, Signed once checkTrust
	// verified the signature; signedBy says so for the report.
	author   model.Author
	signedBy string
}

// readBundles decodes and validates every bundle before the workspace is
// opened, so that a bad file fails the import without touching it. Standard
// input ("-") may be given once; the 32 MiB cap holds on it as on files.
func (a *app) readBundles(args []string) ([]bundleFile, error) {
	stdins := 0
	for _, arg := range args {
		if arg == "-" {
			stdins++
		}
	}
	if stdins > 1 {
		return nil, errors.New(`"-" (standard input) is given twice; a stream can be read only once`)
	}
	var out []bundleFile
	for _, arg := range args {
		name := arg
		var r io.Reader
		var closeFn func() error
		if arg == "-" {
			name, r = stdinName, a.env.Stdin
		} else {
			f, err := openBundleFile(arg)
			if err != nil {
				return nil, err
			}
			r, closeFn = f, f.Close
		}
		raw, err := io.ReadAll(io.LimitReader(r, export.MaxBundleSize+1))
		if closeFn != nil {
			_ = closeFn()
		}
		if err != nil {
			return nil, fmt.Errorf("%s: cannot read it: %v; nothing was imported", name, unwrapPath(err))
		}
		b, err := export.DecodeBundle(bytes.NewReader(raw))
		if err != nil {
			return nil, fmt.Errorf("%s: %v; nothing was imported", name, err)
		}
		var sig []byte
		if arg != "-" {
			if sig, err = readSignature(arg); err != nil {
				return nil, err
			}
		}
		d, err := b.Dataset()
		if err != nil {
			return nil, fmt.Errorf("%s: %v; nothing was imported", name, err)
		}
		out = append(out, bundleFile{name: name, bundle: b, data: d, raw: raw, sig: sig})
	}
	return out, nil
}

// openBundleFile opens a bundle for reading, refusing directories with a
// sentence rather than a read error.
func openBundleFile(path string) (*os.File, error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("%s: no such file; nothing was imported", path)
	case err != nil:
		return nil, fmt.Errorf("%s: cannot read it: %v; nothing was imported", path, unwrapPath(err))
	case fi.IsDir():
		return nil, fmt.Errorf("%s is a directory; name the bundles in it, e.g. %s/*.json; nothing was imported", path, path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read it: %v; nothing was imported", path, unwrapPath(err))
	}
	return f, nil
}

// fileMerge is what merging one bundle did, for the report.
type fileMerge struct {
	name     string
	heading  string   // what the bundle holds, see describeBundle
	signedBy string   // "signed by fay with …"; "" when unsigned
	people   []string // key, role and membership changes in full
	warnings []string // names that look like another member's
	changes  []model.Change
	counts   map[model.ChangeKind]int
}

// importPlan is the result of merging every bundle of one import: the
// records to write in one transaction, what each bundle changed, and the
// bundles refused because their author may not make their changes.
type importPlan struct {
	files    []fileMerge
	write    model.Dataset
	merged   model.Dataset // the workspace as it is after the import
	refusals []fileRefusal
	firstUse bool // the workspace had no members: it trusts what the import brings
}

func (p importPlan) empty() bool {
	return len(p.write.Goals) == 0 && len(p.write.Members) == 0 && len(p.write.Sprints) == 0
}

// mergeBundles merges files into local one after the other, each against
// the workspace as the previous ones left it, in memory, by merge.Import's
// rules. The records to write are gathered into one Dataset, so that the
// store applies all files in one transaction, or none.
func mergeBundles(local model.Dataset, files []bundleFile, now time.Time) (importPlan, error) {
	var plan importPlan
	state := local
	for _, f := range files {
		data, err := withLocalSprint(state, f)
		if err != nil {
			return importPlan{}, err
		}
		st, err := merge.Import(state, data, f.author, now, importMaxSkew)
		if err != nil {
			return importPlan{}, fmt.Errorf("%s: cannot merge it into this workspace: %v; nothing was imported", f.name, err)
		}
		if len(st.Refusals) > 0 {
			plan.refusals = append(plan.refusals, fileRefusal{name: f.name, signedBy: f.signedBy, refusals: st.Refusals})
			continue
		}
		plan.files = append(plan.files, fileMerge{name: f.name, heading: describeBundle(f.bundle, data), signedBy: f.signedBy,
			people: model.MemberChanges(state, st.Write), warnings: model.LookAlikeWarnings(state, st.Merged, st.Write),
			changes: st.Changes, counts: st.Counts})
		state = st.Merged
		plan.write = model.ApplyToDataset(plan.write, st.Write)
	}
	plan.merged = state
	return plan, nil
}

// withLocalSprint gives a "mine" bundle's estimates the header of their
// sprint from the workspace (model.WithLocalSprint), which the bundle does
// not carry; other bundles are returned as they are.
func withLocalSprint(state model.Dataset, f bundleFile) (model.Dataset, error) {
	sid := f.bundle.NeedsSprint()
	if sid == uuid.Nil {
		return f.data, nil
	}
	if d, ok := model.WithLocalSprint(state, f.data, sid); ok {
		return d, nil
	}
	return model.Dataset{}, fmt.Errorf("%s holds estimates of sprint %s, which this workspace does not have; import that sprint's plan first; nothing was imported", f.name, sid)
}

// otherTeam refuses bundles exported by a workspace with another team
// name: usually the wrong file, and merging it would add that team's members
// and sprints here for good. A renamed team passes with --any-team.
func otherTeam(team string, files []bundleFile) error {
	for _, f := range files {
		if !model.SameTeam(team, f.bundle.Team) {
			return fmt.Errorf("%s comes from team %q, but this workspace is team %q; nothing was imported (pass --any-team if that is right, e.g. after a rename)", f.name, f.bundle.Team, team)
		}
	}
	return nil
}
