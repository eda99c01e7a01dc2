package cli

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	"github.com/spf13/cobra"
)

// maxSilentDays bounds --silent-after (ten years): a larger number of days
// overflowed the duration and called every team silent.
const maxSilentDays = 3650

// rollupLong is the help text of align rollup.
const rollupLong = `Roll up the organisation from a clone of the shared repository DIR: its goals
(DIR/org/goals.json, which must carry a keeper's valid signature; when
this command's workspace, --db or ALIGN_DB, follows the organisation, by a
keeper that workspace trusts, as for align org import; else the roll-up
prints the signer's fingerprint to check) and one
summary per team (DIR/teams/*.json, written by align export --format summary).

For each organisation goal: the teams working on it in their last --window
sprints, with their objectives, the latest agreed progress, alignment level,
story evidence and the trend; how far apart the teams' agreed progress is.
Then the goals no team works on, each team against its own past (alignment
score, predictability: agreed progress of committed objectives against the
planned 100 %, and participation; beside each, the team's usual over the
sprints before), and the teams gone silent: no summary for --silent-after
days, or participation 20 points or more below their usual.

On a terminal, without --format, --json or -o, the roll-up opens as a screen:
the goals, enter for the teams working on one, enter again for a team's
objectives, esc back, t for every team against its own past, q to quit.

Summaries carry aggregates only, so the roll-up cannot name any member. A
summary that does not read is reported and left out; the rest still roll up.`

func (a *app) rollupCmd() *cobra.Command {
	var format, output, orgPath string
	var asJSON bool
	o := model.DefaultRollupOptions()
	silentDays := 28
	cmd := &cobra.Command{
		Use:   "rollup DIR [--format text|md|json] [--json] [-o FILE]",
		Short: "Roll up every team's summary against the organisation's goals",
		Long:  rollupLong,
		Example: `  git -C ~/acme pull && align rollup ~/acme
  align rollup ~/acme --format md -o ~/wiki/roll-up.md
  align rollup ~/acme --json | jq '.goals[] | select(.level_between_teams == "split")'`,
		Args: needArgs("DIR"),
		RunE: func(cmd *cobra.Command, args []string) error {
			format = strings.ToLower(strings.TrimSpace(format))
			if asJSON {
				format = "json"
			}
			var write func(io.Writer, model.Rollup) error
			switch format {
			case "text", "txt":
				write = export.WriteRollupText
			case "md", "markdown":
				write = export.WriteRollupMarkdown
			case "json":
				write = export.WriteRollupJSON
			default:
				return fmt.Errorf("--format %q is not a format; use text, md or json", format)
			}
			if o.Window < 1 || o.Window > 100 {
				return fmt.Errorf("--window %d is outside 1–100", o.Window)
			}
			if silentDays < 1 || silentDays > maxSilentDays {
				return fmt.Errorf("--silent-after %d: give a number of days from 1 to %d", silentDays, maxSilentDays)
			}
			o.SilentAfter = time.Duration(silentDays) * 24 * time.Hour
			r, err := a.rollup(args[0], orgPath, o)
			if err != nil {
				return err
			}
			if output == "" && !cmd.Flags().Changed("format") && !asJSON && a.interactive() {
				return runRollupTUI(r, a.env.Stdin, a.env.Stdout)
			}
			return a.writeOutput(output, func(w io.Writer) error { return write(w, r) })
		},
	}
	f := cmd.Flags()
	f.StringVar(&format, "format", "text", "text, md or json")
	f.BoolVar(&asJSON, "json", false, "the same as --format json")
	f.StringVarP(&output, "output", "o", "", "write to FILE instead of standard output")
	f.StringVar(&orgPath, "org", "", "the goals file (default DIR/org/goals.json)")
	f.IntVar(&o.Window, "window", o.Window, "how many of each team's latest sprints to look at")
	f.IntVar(&silentDays, "silent-after", silentDays, "a team whose summary is older than this many days is silent (1–3650)")
	return cmd
}

// rollup reads the organisation's goals and the teams' summaries under dir.
func (a *app) rollup(dir, orgPath string, o model.RollupOptions) (model.Rollup, error) {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return model.Rollup{}, fmt.Errorf("%s is not a directory; give a clone of the organisation's shared repository", dir)
	}
	if orgPath == "" {
		orgPath = filepath.Join(dir, filepath.FromSlash(defaultOrgFile))
	}
	of, err := readOrgFile(orgPath)
	if err != nil {
		return model.Rollup{}, err
	}
	fp, err := verifyOrg(of)
	if err != nil {
		return model.Rollup{}, fmt.Errorf("%v; the roll-up needs the goals as a keeper signed them", err)
	}
	if err := a.rollupTrust(of, fp); err != nil {
		return model.Rollup{}, err
	}
	files, err := filepath.Glob(filepath.Join(dir, "teams", "*.json"))
	if err != nil {
		return model.Rollup{}, err
	}
	if len(files) == 0 {
		a.hint("note: %s holds no team summaries yet; each team writes one with align export --format summary -o teams/TEAM.json", filepath.Join(dir, "teams"))
	}
	slices.Sort(files)
	sums := make([]model.TeamSummary, 0, len(files))
	seen := map[string]string{}
	read := readSummaries(files, o.Window)
	for i, path := range files {
		s, err := read[i].s, read[i].err
		if err != nil {
			a.hint("warning: %v; left out of the roll-up", err)
			continue
		}
		key := strings.ToLower(s.Team)
		if other, dup := seen[key]; dup {
			return model.Rollup{}, fmt.Errorf("%s and %s both hold the summary of team %q; remove the stale one", other, path, s.Team)
		}
		seen[key] = path
		if s.Org != "" && !strings.EqualFold(s.Org, of.org.Name) {
			a.hint("warning: %s is team %q's summary for the organisation %q, not %q", path, s.Team, s.Org, of.org.Name)
		}
		sums = append(sums, s)
	}
	return model.RollUp(of.org, sums, a.now(), o), nil
}

type readResult struct {
	s   model.TeamSummary
	err error
}

// readSummaries reads the files on every CPU, each result at its file's
// index, so that the order (and so the report) never depends on timing.
func readSummaries(files []string, window int) []readResult {
	out := make([]readResult, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i].s, out[i].err = readSummary(files[i], window)
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// readSummary reads the header and the newest window sprints of the
// summary at path, and no more of the file. A summary is a file a team
// committed: a symbolic link (which a clone may carry, pointing at
// /dev/stdin or at a file outside the repository), a FIFO or a device is
// refused without reading it, so that no entry of teams/ can hang the
// roll-up or make it read another file.
func readSummary(path string, window int) (model.TeamSummary, error) {
	notPlain := func(m fs.FileMode) error {
		kind, _ := store.FileKind(m)
		return fmt.Errorf("%s: not a regular file (%s); a team commits its summary as a plain file", path, kind)
	}
	if fi, err := os.Lstat(path); err == nil && !fi.Mode().IsRegular() {
		return model.TeamSummary{}, notPlain(fi.Mode())
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOFOLLOW, 0)
	if err != nil {
		return model.TeamSummary{}, fmt.Errorf("%s: cannot read it: %v", path, unwrapPath(err))
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && !fi.Mode().IsRegular() {
		return model.TeamSummary{}, notPlain(fi.Mode())
	}
	s, err := export.DecodeSummaryRecent(f, window)
	if err != nil {
		return model.TeamSummary{}, fmt.Errorf("%s: %v", path, err)
	}
	return s, nil
}
