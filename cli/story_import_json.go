package cli

import (
	"fmt"
	"io"

	"github.com/align-team/align/export"
)

// readTracker parses the tracker export at path ("-": standard input) as
// from says: "csv" for a tracker's CSV export, else the JSON of that
// tracker's command-line tool. It returns the name to report the input by.
// Both readers cap what they read, standard input included.
func (a *app) readTracker(path, from string, mapping map[string]string) (string, export.TrackerImport, error) {
	if from != "csv" && export.TrackerCommand(from) == "" {
		return "", export.TrackerImport{}, fmt.Errorf("--from %q: use csv, gh-issues, gh-project, jira or glab", from)
	}
	name, r := path, io.Reader(nil)
	if path == "-" {
		name, r = stdinName, a.env.Stdin
	} else {
		f, err := openBundleFile(path)
		if err != nil {
			return "", export.TrackerImport{}, err
		}
		defer f.Close()
		r = f
	}
	var ti export.TrackerImport
	var err error
	if from == "csv" {
		ti, err = export.ParseTrackerCSV(r, mapping)
	} else {
		ti, err = export.ParseTrackerJSON(r, from, mapping)
	}
	if err != nil {
		return "", export.TrackerImport{}, fmt.Errorf("%s: %v; nothing was imported", name, err)
	}
	return name, ti, nil
}

// refuse reports every problem of the plan on stderr, by line or item, and
// returns the error that says nothing was imported.
func (p storyPlan) refuse(stderr io.Writer, name string) error {
	for _, pr := range p.problems {
		fmt.Fprintf(stderr, "%s %s: %s\n", name, p.in.Where(pr.Line), pr.Msg)
	}
	fix := "fix the rows in the file, or use --objective and --map"
	if p.in.Unit == export.UnitItem {
		fix = "fix the items in the tracker, or use --objective and --map"
	}
	return fmt.Errorf("%s: %s cannot be used (%s); nothing was imported: %s",
		name, export.Plural(len(p.problems), p.noun("row"), p.noun("rows")), problemLines(p.problems, p.unit()), fix)
}

// unit is what the plan's line numbers count: "line" or "item".
func (p storyPlan) unit() string {
	if p.in.Unit == export.UnitItem {
		return export.UnitItem
	}
	return "line"
}

// noun is "row"/"rows" for a CSV file and "item"/"items" for JSON.
func (p storyPlan) noun(rows string) string {
	if p.in.Unit != export.UnitItem {
		return rows
	}
	if rows == "rows" {
		return "items"
	}
	return "item"
}

// jsonLayoutNames are how the report names what each tool printed.
var jsonLayoutNames = map[string]string{
	export.JSONLayout(export.SourceGHIssues):  "gh issue list JSON",
	export.JSONLayout(export.SourceGHProject): "gh project item-list JSON",
	export.JSONLayout(export.SourceJira):      "jira issue list JSON",
	export.JSONLayout(export.SourceGlab):      "glab issue list JSON",
}
