package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	"github.com/spf13/cobra"
)

// exportLong is the help text of align export.
const exportLong = `Write a sprint, or everything with --sprint all, in one of three formats:

  md    the review summary for a wiki or repository: one sprint only
  json  a versioned bundle with every record (the sync format)
  csv   one row per estimate, for spreadsheets, with its round (1 or 2;
        round 2 once revealed, else the exporter's own or, for a
        facilitator, all)
  summary  every sprint in aggregates only, for the organisation's roll-up
        (align rollup; see "Several teams" in the README)

A JSON bundle names its author: the member given by --as (or $ALIGN_MEMBER),
else the owner of the configured signing key, else the workspace's only
facilitator. An import applies only the changes its author may make. With -o
FILE the bundle is signed when a key of the author's is at hand (align config
signing-key, or the running ssh-agent): the SSH signature goes to FILE.sig,
beside it, for align import (and ssh-keygen -Y verify, namespace
"align-bundle") to check.

Before a sprint is in review a bundle carries no member's estimates but its
author's own, so nobody's workspace holds anyone else's before the reveal;
--with-estimates keeps them all, for a facilitator's own second machine.

With --format json --mine, the bundle holds only the estimates of the member
given by --as (or $ALIGN_MEMBER) in one sprint, with that member's own record
and no sprint header, member list or plan: the small file a member sends to
the facilitator or commits to the team's repository, for align import.

With --anonymous, or when the review ran anonymously (anonymous-reveal), the
summary names nobody by an estimate, an outlier or an abstention.

The output goes to standard output, or with -o to FILE, written whole or not
at all (an existing FILE is replaced). The workspace is opened read-only.`

// exportExample is the examples of align export.
const exportExample = `  align export -o review-14.md
  align export --anonymous -o review-14.md
  align export --sprint all --format json -o team.json
  align export --sprint all --format csv > estimates.csv
  align export --format json --sprint current -o plan.json   # and plan.json.sig
  align export --format json --with-estimates -o ~/laptop2/sprint.json
  align export --format json --mine --as ana -o sync/ana.json
  align export --format summary -o teams/checkout.json`

func (a *app) exportCmd() *cobra.Command {
	var sprint, format, output string
	var mine, withEstimates, anonymous bool
	cmd := &cobra.Command{
		Use:     "export [--sprint S|all] [--format md|json|csv|summary] [--anonymous] [--mine --as HANDLE] [--with-estimates] [-o FILE]",
		Short:   "Write a sprint's review summary (markdown), a JSON bundle or a CSV of estimates",
		Long:    exportLong,
		Example: exportExample,
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			format = strings.ToLower(strings.TrimSpace(format))
			all := strings.EqualFold(strings.TrimSpace(sprint), "all")
			switch format {
			case "md", "markdown":
				if !cmd.Flags().Changed("sprint") {
					// After a carry-over the current sprint is the new,
					// empty one: the summary is of the sprint reviewed.
					sprint = "reviewed"
				}
				if all {
					return fmt.Errorf("the markdown summary covers one sprint; pass --sprint NAME, or use --format json or csv for all sprints")
				}
			case "json", "csv":
			case "summary":
				return a.exportSummary(cmd, output, mine || withEstimates)
			default:
				return fmt.Errorf("--format %q is not a format; use md, json, csv or summary", format)
			}
			given, _ := a.actingGiven()
			if err := checkExportFlags(format, all, anonymous, mine, given); err != nil {
				return err
			}
			if withEstimates && (format != "json" || mine) {
				return fmt.Errorf("--with-estimates is for a full JSON bundle (--format json without --mine); markdown and CSV always show every estimate, and --mine carries only your own")
			}
			if err := a.checkOutput(output); err != nil {
				return err
			}
			st, err := a.open(true)
			if err != nil {
				return err
			}
			defer st.Close()
			var write func(io.Writer) error
			switch {
			case format == "json":
				var job bundleJob
				if job, err = a.bundleExporter(st, sprint, all, mine, withEstimates); err == nil {
					return a.writeBundle(job, output)
				}
			default:
				write, err = a.exporter(st, sprint, all, format, anonymous)
			}
			if err != nil {
				return err
			}
			if output == "" || output == "-" {
				bw := bufio.NewWriter(a.out())
				if err := write(bw); err != nil {
					return err
				}
				return bw.Flush()
			}
			return writeFileAtomic(output, write)
		},
	}
	f := cmd.Flags()
	f.StringVar(&sprint, "sprint", "current", "the sprint (name, id, unique id prefix, current or reviewed), or all; markdown defaults to reviewed: the latest sprint in review, else the one a carry-over left")
	f.StringVar(&format, "format", "md", "md, json, csv or summary")
	f.StringVarP(&output, "output", "o", "", "write to FILE instead of standard output")
	f.BoolVar(&anonymous, "anonymous", false, "md only: no names by estimates, outliers or abstentions")
	f.BoolVar(&mine, "mine", false, "json only: just the estimates of the member given by --as, for align import")
	f.BoolVar(&withEstimates, "with-estimates", false, "json only: carry every member's estimates even before the review (your own second machine)")
	return cmd
}

// errAnonymousFormat refuses --anonymous where it cannot apply: a JSON
// bundle or a CSV holds every record, names included, and must not be
// mistaken for an anonymous file.
var errAnonymousFormat = errors.New("--anonymous applies to the markdown summary; json and csv hold every record as it is, names included")

// checkExportFlags refuses --anonymous where it cannot apply and --mine
// combinations that cannot make a member's bundle.
func checkExportFlags(format string, all, anonymous, mine bool, member string) error {
	if anonymous && format != "md" && format != "markdown" {
		return errAnonymousFormat
	}
	if mine {
		return checkMine(format, all, member)
	}
	return nil
}

// checkMine refuses --mine combinations that cannot make a member's bundle.
func checkMine(format string, all bool, member string) error {
	switch {
	case format != "json":
		return fmt.Errorf("--mine writes a JSON bundle for align import; add --format json (got --format %s)", format)
	case all:
		return fmt.Errorf("--mine exports one sprint's estimates; pass --sprint NAME or leave it at current, not all")
	case strings.TrimSpace(member) == "":
		return fmt.Errorf("--mine needs to know whose estimates to export: pass --as HANDLE or set ALIGN_MEMBER")
	}
	return nil
}

// exporter loads what the export needs and returns the function that writes
// it, so that nothing is written when loading fails.
func (a *app) exporter(st *store.Store, ref string, all bool, format string, anonymous bool) (func(io.Writer) error, error) {
	if anonymous && format != "md" && format != "markdown" {
		return nil, errAnonymousFormat
	}
	ws, err := st.Workspace()
	if err != nil {
		return nil, err
	}
	var d model.SprintData
	if !all {
		if d, err = a.loadSprint(st, ref); err != nil {
			return nil, err
		}
	}
	switch format {
	case "csv":
		ms, err := st.Members()
		if err != nil {
			return nil, err
		}
		sprints := []model.SprintData{d}
		if all {
			ds, err := st.Dataset(store.DatasetOptions{})
			if err != nil {
				return nil, err
			}
			sprints = make([]model.SprintData, len(ds.Sprints))
			for i, sd := range ds.Sprints {
				sprints[i] = liveData(sd)
			}
		}
		who, err := a.exportAuthor(live(ms, func(m model.Member) bool { return m.Deleted }), ws.Settings) // round 2 before its reveal: theirs, or all for a facilitator
		if err != nil {
			return nil, err
		}
		return func(w io.Writer) error { return export.CSV(w, sprints, ms, who) }, nil
	}
	ms, err := liveMembers(st)
	if err != nil {
		return nil, err
	}
	goals, err := st.Goals()
	if err != nil {
		return nil, err
	}
	earlier, err := st.OpenActionsBefore(d.Sprint) // headers and action items only, not the whole history
	if err != nil {
		return nil, err
	}
	offsets, err := pastOffsets(st, d.Sprint.ID)
	if err != nil {
		return nil, err
	}
	sum := export.Summary{Team: ws.Team, Sprint: d, Members: ms, Goals: goals, Settings: ws.Settings, Anonymous: anonymous,
		Earlier: earlier, Offsets: offsets}
	return func(w io.Writer) error { return export.Markdown(w, sum) }, nil
}

// writeFileAtomic writes a file through a temporary file in the same
// directory, synced and renamed into place, so that path holds either the
// old content or the whole new one. The file is private to the user (0600).
// checkOutput refuses an -o that would replace the workspace itself or a
// directory, before anything is read.
func (a *app) checkOutput(output string) error {
	if output == "" || output == "-" {
		return nil
	}
	if fi, err := os.Stat(output); err == nil && fi.IsDir() {
		return fmt.Errorf("%s is a directory; -o needs a file name such as %s", output, filepath.Join(output, "review.md"))
	}
	db, err := a.dbPath()
	if err != nil {
		return err
	}
	if same, _ := samePath(db, output); same {
		return fmt.Errorf("%s is the workspace itself; pick another file for the export", output)
	}
	return nil
}

func writeFileAtomic(path string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write to %s: %v", dir, unwrapPath(err))
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriter(tmp)
	if err = write(bw); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) && pe.Path == tmp.Name() {
			// A full disk: name the file asked for, not the temporary one.
			return fmt.Errorf("cannot write %s: %v", path, pe.Err)
		}
		return err
	}
	if err = bw.Flush(); err != nil {
		return fmt.Errorf("cannot write %s: %v", path, unwrapPath(err))
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("cannot write %s: %v", path, unwrapPath(err))
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %v", path, unwrapPath(err))
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("cannot write %s: %v", path, unwrapPath(err))
	}
	return nil
}
