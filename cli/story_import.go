package cli

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/spf13/cobra"
)

// storyImportLong and storyImportExample are the help of story import.
const (
	storyImportLong = `Read stories from a CSV exported by Jira, Linear or GitHub Projects (or any
CSV with a title column; "-" reads standard input) into a sprint. The header
tells the layout: key, summary or title, status (mapped to todo, doing or
done), story points or estimate, and the epic, project or parent.

Each row goes to the objective named by --objective, else to the objective of
the sprint whose title matches the row's epic or parent (ignoring case).
A row whose key is already on a story of the sprint updates that story's
title, status, points and objective instead of adding a second one, so the
same export can be imported again as the tracker moves on; a row without a
key matches a story without a key by title. Canceled issues are left out.

Nothing is half-imported: when any row cannot be used, every such row is
reported by its line number and nothing is written. Stories change only while
the sprint is in planning or assessing. --map COLUMN=FIELD reads FIELD (key,
title, status, points or parent) from a column the layout does not know.

--from reads the JSON a tracker's own command-line tool prints instead, so
align never holds the tracker's credentials (problems are named by item):
  gh-issues   gh issue list --json number,title,state,labels,milestone,url
  gh-project  gh project item-list N --owner OWNER --format json
  jira        jira issue list --raw            (ankitpokhrel/jira-cli)
  glab        glab issue list --output json
With --from, --map NAME=FIELD reads FIELD from the item's field NAME (for
jira, a key of its "fields", e.g. customfield_10016=points).`
	storyImportExample = `  align story import jira.csv --sprint "Sprint 14"
  align story import linear.csv --objective "Checkout in three steps" --dry-run
  align story import board.csv --map "Size=points" --map "Theme=parent"
  gh issue list --state all --json number,title,state,labels,milestone,url | align story import --from gh-issues -
  jira issue list --parent SHOP-10 --raw | align story import --from jira - --objective "Checkout in three steps"`
)

func (a *app) storyImportCmd() *cobra.Command {
	var sprint, objective, from string
	var maps []string
	var dryRun, verbose bool
	cmd := &cobra.Command{
		Use:     "import FILE.csv|FILE.json|- [--from csv|gh-issues|gh-project|jira|glab] [--sprint S] [--objective O] [--map COLUMN=FIELD ...] [--dry-run] [-v]",
		Short:   "Add or update stories from a tracker's CSV export or its own CLI's JSON (gh, jira, glab)",
		Long:    storyImportLong,
		Example: storyImportExample,
		Args:    needArgs("FILE.csv, FILE.json or - (standard input)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			mapping, err := export.ParseTrackerMap(maps)
			if err != nil {
				return err
			}
			name, ti, err := a.readTracker(args[0], from, mapping)
			if err != nil {
				return err
			}
			st, err := a.open(dryRun)
			if err != nil {
				return err
			}
			defer st.Close()
			d, err := a.loadSprint(st, sprint)
			if err != nil {
				return err
			}
			if err := planGuard(d.Sprint); err != nil {
				return fmt.Errorf("cannot import stories: %v", err)
			}
			var fixed *model.Objective
			if objective != "" {
				o, err := resolveObjective(objective, d.Objectives)
				if err != nil {
					return err
				}
				fixed = &o
			} else if err := needParents(name, ti); err != nil {
				return err
			}
			plan := planStories(d, ti, fixed, a.now())
			if len(plan.problems) > 0 {
				return plan.refuse(a.env.Stderr, name)
			}
			if !dryRun && len(plan.write) > 0 {
				ds := model.Dataset{Sprints: []model.SprintData{{Sprint: d.Sprint, Stories: plan.write}}}
				if err := st.Apply(ds); err != nil {
					return fmt.Errorf("the workspace refused the stories, so nothing was imported: %v", writeError(err))
				}
			}
			return plan.print(a.out(), name, ti.Layout, d.Sprint.Name, st.Path(), dryRun, verbose)
		},
	}
	f := cmd.Flags()
	f.StringVar(&sprint, "sprint", "current", "the sprint: name, id, unique id prefix or current")
	f.StringVar(&from, "from", "csv", "what the file is: csv (a tracker's CSV export), gh-issues, gh-project, jira or glab (that tool's JSON)")
	f.StringVar(&objective, "objective", "", "put every story under this objective (title or id) instead of matching the epic or parent")
	f.StringArrayVar(&maps, "map", nil, "COLUMN=FIELD: read FIELD (key, title, status, points or parent) from COLUMN; repeatable")
	f.BoolVar(&dryRun, "dry-run", false, "report what would change and write nothing")
	f.BoolVarP(&verbose, "verbose", "v", false, "list the stories that are already up to date too")
	return cmd
}

// needParents refuses a file in which no row names an epic or parent when
// no --objective is given: every row would fail for the same reason.
func needParents(name string, ti export.TrackerImport) error {
	rows := ti.Rows
	for _, r := range rows {
		if r.Parent != "" {
			return nil
		}
	}
	if len(rows) == 0 {
		return nil
	}
	if ti.Unit == export.UnitItem {
		return errors.New(name + ": no item names a milestone, epic or parent to match an objective; pass --objective O, or --map NAME=parent for the field that holds it; nothing was imported")
	}
	return errors.New(name + ": no row names an epic, project or parent to match an objective; pass --objective O, or --map COLUMN=parent for the column that holds it; nothing was imported")
}

// storyChange is what importing one row does to one story.
type storyChange struct {
	kind   model.ChangeKind // added, updated or unchanged
	row    export.TrackerRow
	story  model.Story // the story as written (or as it stays)
	detail string      // for an update: "status doing → done, points 2 → 3"
	objTo  string      // for an addition: the objective's title
}

// storyPlan is the outcome of matching a tracker export against a sprint.
type storyPlan struct {
	in       export.TrackerImport // what was read: its Unit names Line
	changes  []storyChange
	skipped  []export.RowProblem
	problems []export.RowProblem
	write    []model.Story
}

// planStories matches every usable row of ti to an objective and to an
// existing story of d (live records only) by model.MatchStories, and
// decides what to write. Rows that cannot be placed become problems,
// beside the parser's own.
func planStories(d model.SprintData, ti export.TrackerImport, fixed *model.Objective, now time.Time) storyPlan {
	p := storyPlan{in: ti, skipped: ti.Skipped, problems: append([]export.RowProblem(nil), ti.Problems...)}
	rows := make([]model.StoryRow, len(ti.Rows))
	for i, r := range ti.Rows {
		rows[i] = model.StoryRow(r)
	}
	m := model.MatchStories(d, rows, fixed, now)
	for _, c := range m.Changes {
		p.changes = append(p.changes, storyChange{kind: c.Kind, row: ti.Rows[c.Row], story: c.Story, detail: c.Detail, objTo: c.Objective})
	}
	for _, pr := range m.Problems {
		p.problems = append(p.problems, export.RowProblem(pr))
	}
	p.write = m.Write
	slices.SortStableFunc(p.problems, func(a, b export.RowProblem) int { return cmp.Compare(a.Line, b.Line) })
	return p
}

// problemLines lists the line (or item) numbers of problems, at most ten.
func problemLines(ps []export.RowProblem, unit string) string {
	var b strings.Builder
	b.WriteString(pluralWord(len(ps), unit, unit+"s") + " ")
	for i, p := range ps {
		if i == 10 {
			fmt.Fprintf(&b, ", …")
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(p.Line))
	}
	return b.String()
}

func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// layoutNames are how the report names the tracker layouts.
var layoutNames = map[string]string{
	export.LayoutJira: "Jira export", export.LayoutLinear: "Linear export",
	export.LayoutGitHub: "GitHub Projects export", export.LayoutCustom: "CSV",
}

// print writes the story import report: one line per story added or
// updated (and unchanged, with verbose), the rows left out, the counts and
// what happened to the workspace at path.
func (p storyPlan) print(out io.Writer, name, layout, sprint, path string, dryRun, verbose bool) error {
	w := bufio.NewWriter(out)
	what := layoutNames[layout]
	if w, ok := jsonLayoutNames[layout]; ok {
		what = w
	}
	if what == "" {
		what = "CSV"
	}
	fmt.Fprintf(w, "%s: %s, %s into sprint %q\n", name, what, export.Plural(len(p.changes)+len(p.skipped), p.noun("row"), p.noun("rows")), sprint)
	counts := map[model.ChangeKind]int{}
	for _, c := range p.changes {
		counts[c.kind]++
		label := c.row.Key
		if label == "" {
			label = p.in.Where(c.row.Line)
		}
		switch c.kind {
		case model.ChangeAdded:
			pts := "no points"
			if c.story.Points > 0 {
				pts = export.Plural(c.story.Points, "point", "points")
			}
			fmt.Fprintf(w, "  added      %s %q → %s (%s, %s)\n", label, c.story.Title, c.objTo, c.story.Status, pts)
		case model.ChangeUpdated:
			fmt.Fprintf(w, "  updated    %s %q: %s\n", label, c.story.Title, c.detail)
		default:
			if verbose {
				fmt.Fprintf(w, "  unchanged  %s %q\n", label, c.story.Title)
			}
		}
	}
	for _, s := range p.skipped {
		fmt.Fprintf(w, "  skipped    %s: %s\n", p.in.Where(s.Line), s.Msg)
	}
	fmt.Fprintf(w, "%d added, %d updated, %d unchanged, %d skipped.\n",
		counts[model.ChangeAdded], counts[model.ChangeUpdated], counts[model.ChangeUnchanged], len(p.skipped))
	switch {
	case dryRun:
		fmt.Fprintf(w, "Dry run: nothing was written to %s.\n", path)
	case len(p.write) == 0:
		fmt.Fprintf(w, "Nothing to write: the stories of sprint %q are up to date.\n", sprint)
	default:
		fmt.Fprintf(w, "Imported into %s.\n", path)
	}
	return w.Flush()
}
