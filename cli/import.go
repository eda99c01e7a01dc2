package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
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

func (a *app) importCmd() *cobra.Command {
	var dryRun, verbose, anyTeam bool
	cmd := &cobra.Command{
		Use:   "import FILE... [--dry-run] [-v]",
		Short: "Merge JSON bundles from other workspaces into this one",
		Long: `Merge one or more JSON bundles (written by align export --format json) into
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
notes and action items) are deleted with it, as align objective rm does.`,
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
			local, err := st.Dataset(store.DatasetOptions{IncludeDeleted: true})
			if err != nil {
				return err
			}
			if ws, err := st.Workspace(); err == nil && !anyTeam {
				if err := otherTeam(ws.Team, files); err != nil {
					return err
				}
			}
			plan, err := mergeBundles(local, files, a.now())
			if err != nil {
				return err
			}
			if !dryRun && !plan.empty() {
				if err := st.Apply(plan.write); err != nil {
					return fmt.Errorf("the workspace refused the merged bundles, so nothing was imported: %v", writeError(err))
				}
			}
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
		b, err := export.DecodeBundle(r)
		if closeFn != nil {
			_ = closeFn()
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %v; nothing was imported", name, err)
		}
		d, err := b.Dataset()
		if err != nil {
			return nil, fmt.Errorf("%s: %v; nothing was imported", name, err)
		}
		out = append(out, bundleFile{name: name, bundle: b, data: d})
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
	name    string
	heading string // what the bundle holds, see describeBundle
	changes []model.Change
	counts  map[model.ChangeKind]int
}

// importPlan is the result of merging every bundle of one import: the
// records to write in one transaction and what each bundle changed.
type importPlan struct {
	files []fileMerge
	write model.Dataset
}

func (p importPlan) empty() bool {
	return len(p.write.Goals) == 0 && len(p.write.Members) == 0 && len(p.write.Sprints) == 0
}

// mergeBundles merges files into local one after the other, each against
// the workspace as the previous ones left it, in memory. The records to
// write are gathered into one Dataset, so that the store applies all files
// in one transaction, or none. Tombstones that the store's integrity rules
// require (see cascadeDeletions) are added after each file.
func mergeBundles(local model.Dataset, files []bundleFile, now time.Time) (importPlan, error) {
	var plan importPlan
	state := local
	for _, f := range files {
		res, err := model.Merge(state, f.data, now, importMaxSkew)
		if err != nil {
			return importPlan{}, fmt.Errorf("%s: cannot merge it into this workspace: %v; nothing was imported", f.name, err)
		}
		var dropped map[uuid.UUID]string
		res.Write, dropped = withoutClosedSprints(state, res.Write)
		res.Changes = markSkipped(res.Changes, dropped)
		merged := model.ApplyToDataset(state, res.Write)
		extra, cascaded := cascadeDeletions(merged)
		write := res.Write
		if len(cascaded) > 0 {
			write = model.ApplyToDataset(write, extra)
			merged = model.ApplyToDataset(merged, extra)
		}
		state = merged
		plan.write = model.ApplyToDataset(plan.write, write)
		fm := fileMerge{name: f.name, heading: describeBundle(f.bundle, f.data), changes: withCascaded(res.Changes, cascaded), counts: map[model.ChangeKind]int{}}
		for _, c := range fm.changes {
			fm.counts[c.Kind]++
		}
		plan.files = append(plan.files, fm)
	}
	return plan, nil
}

// withCascaded folds the cascaded deletions into a merge's changes: a
// record the bundle brought in live but that must be deleted is reported
// once, as deleted (a conflict stays a conflict), with both notes; the
// others are appended.
func withCascaded(changes, cascaded []model.Change) []model.Change {
	out := slices.Clone(changes)
	at := make(map[uuid.UUID]int, len(out))
	for i, c := range out {
		at[c.ID] = i
	}
	for _, c := range cascaded {
		i, ok := at[c.ID]
		if !ok {
			out = append(out, c)
			continue
		}
		if out[i].Kind != model.ChangeConflict {
			out[i].Kind = model.ChangeDeleted
		}
		if out[i].Note == "" {
			out[i].Note = c.Note
		} else {
			out[i].Note += "; " + c.Note
		}
	}
	return out
}

// cascadeDeletions finds the live records of merged that hang off a deleted
// sprint or objective and returns tombstones for them, with one change each.
//
// A bundle that deletes an objective carries the tombstones its own
// workspace made for the objective's stories and estimates, but this
// workspace may hold records that one never saw (an estimate made here, a
// story imported from a tracker). The store refuses live records under a
// deleted objective or sprint, so they are deleted with it, as
// align objective rm deletes them. A cascaded tombstone keeps every field and
// the update time of the record it deletes: it is the same version with
// Deleted set, so every workspace that cascades the same deletion writes
// the same bytes, and merges of it converge whatever the order.
func cascadeDeletions(merged model.Dataset) (model.Dataset, []model.Change) {
	var out model.Dataset
	var changes []model.Change
	members := make(map[uuid.UUID]string, len(merged.Members))
	for _, m := range merged.Members {
		members[m.ID] = m.Handle
	}
	for _, sd := range merged.Sprints {
		dead := map[uuid.UUID]string{} // deleted objective → its title
		for _, o := range sd.Objectives {
			if o.Deleted {
				dead[o.ID] = o.Title
			}
		}
		titles := map[uuid.UUID]string{}
		for _, o := range sd.Objectives {
			titles[o.ID] = o.Title
		}
		why := func(objective uuid.UUID) (string, bool) {
			if sd.Sprint.Deleted {
				return fmt.Sprintf("its sprint %q is deleted, so it is deleted too", sd.Sprint.Name), true
			}
			if t, ok := dead[objective]; ok {
				return fmt.Sprintf("its objective %q is deleted, so it is deleted too", t), true
			}
			return "", false
		}
		var c model.SprintData
		add := func(record string, m model.Meta, label, note string) {
			changes = append(changes, model.Change{Kind: model.ChangeDeleted, Record: record, ID: m.ID, Label: label, Note: note})
		}
		if sd.Sprint.Deleted {
			for _, o := range sd.Objectives {
				if !o.Deleted {
					o.Deleted = true
					c.Objectives = append(c.Objectives, o)
					add("objective", o.Meta, o.Title, fmt.Sprintf("its sprint %q is deleted, so it is deleted too", sd.Sprint.Name))
				}
			}
		}
		for _, s := range sd.Stories {
			if note, ok := why(s.ObjectiveID); ok && !s.Deleted {
				s.Deleted = true
				c.Stories = append(c.Stories, s)
				add("story", s.Meta, storyLabel(s), note)
			}
		}
		for _, x := range sd.Assessments {
			if note, ok := why(x.ObjectiveID); ok && !x.Deleted {
				x.Deleted = true
				c.Assessments = append(c.Assessments, x)
				add("assessment", x.Meta, orID(members[x.MemberID], x.MemberID)+" on "+orID(titles[x.ObjectiveID], x.ObjectiveID), note)
			}
		}
		for _, x := range sd.Outcomes {
			if note, ok := why(x.ObjectiveID); ok && !x.Deleted {
				x.Deleted = true
				c.Outcomes = append(c.Outcomes, x)
				add("outcome", x.Meta, orID(titles[x.ObjectiveID], x.ObjectiveID), note)
			}
		}
		for _, x := range sd.Actions {
			if note, ok := why(x.ObjectiveID); ok && !x.Deleted {
				x.Deleted = true
				c.Actions = append(c.Actions, x)
				add("action item", x.Meta, x.Text, note)
			}
		}
		if len(c.Objectives)+len(c.Stories)+len(c.Assessments)+len(c.Outcomes)+len(c.Actions) > 0 {
			c.Sprint = sd.Sprint
			out.Sprints = append(out.Sprints, c)
		}
	}
	return out, changes
}

// storyLabel names a story as merge reports do: its key, then its title.
func storyLabel(s model.Story) string {
	if s.Key != "" {
		return s.Key + " " + s.Title
	}
	return s.Title
}

// orID returns name, or the id when name is empty.
func orID(name string, id uuid.UUID) string {
	if name != "" {
		return name
	}
	return id.String()
}

// otherTeam refuses bundles exported by a workspace with another team
// name: usually the wrong file, and merging it would add that team's members
// and sprints here for good. A renamed team passes with --any-team.
func otherTeam(team string, files []bundleFile) error {
	for _, f := range files {
		if f.bundle.Team != "" && team != "" && !strings.EqualFold(f.bundle.Team, team) {
			return fmt.Errorf("%s comes from team %q, but this workspace is team %q; nothing was imported (pass --any-team if that is right, e.g. after a rename)", f.name, f.bundle.Team, team)
		}
	}
	return nil
}

// changeSkipped marks an incoming change that was left out because its
// sprint is closed in this workspace.
const changeSkipped model.ChangeKind = "skipped"

// withoutClosedSprints drops from w every sprint, with all its records, that
// is closed in local: a closed sprint is read-only, and a bundle must not
// reopen it or add estimates to it. It returns the IDs of the dropped
// records, each with the name of its sprint.
func withoutClosedSprints(local, w model.Dataset) (model.Dataset, map[uuid.UUID]string) {
	closed := map[uuid.UUID]bool{}
	for _, sd := range local.Sprints {
		if sd.Sprint.State == model.StateClosed && !sd.Sprint.Deleted {
			closed[sd.Sprint.ID] = true
		}
	}
	dropped := map[uuid.UUID]string{}
	if len(closed) == 0 {
		return w, dropped
	}
	out := model.Dataset{Goals: w.Goals, Members: w.Members}
	for _, sd := range w.Sprints {
		if !closed[sd.Sprint.ID] {
			out.Sprints = append(out.Sprints, sd)
			continue
		}
		name := sd.Sprint.Name
		dropped[sd.Sprint.ID] = name
		for _, o := range sd.Objectives {
			dropped[o.ID] = name
		}
		for _, s := range sd.Stories {
			dropped[s.ID] = name
		}
		for _, a := range sd.Assessments {
			dropped[a.ID] = name
		}
		for _, o := range sd.Outcomes {
			dropped[o.ID] = name
		}
		for _, a := range sd.Actions {
			dropped[a.ID] = name
		}
	}
	return out, dropped
}

// markSkipped relabels the changes to dropped records as skipped.
func markSkipped(changes []model.Change, dropped map[uuid.UUID]string) []model.Change {
	if len(dropped) == 0 {
		return changes
	}
	out := make([]model.Change, 0, len(changes))
	for _, c := range changes {
		if name, ok := dropped[c.ID]; ok && c.Kind != model.ChangeUnchanged {
			c.Kind = changeSkipped
			c.Note = fmt.Sprintf("sprint %q is closed here, and a closed sprint is read-only", name)
		}
		out = append(out, c)
	}
	return out
}
