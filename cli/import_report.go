package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
)

// describeBundle says in a few words what a bundle holds and where it
// comes from, for the heading of its part of the import report.
func describeBundle(b export.Bundle, d model.Dataset) string {
	what := "everything"
	switch {
	case b.Scope == export.ScopeMine && len(d.Sprints) == 1:
		what = fmt.Sprintf("%s's own estimates in sprint %q", authorName(d.Members, b.Author), d.Sprints[0].Sprint.Name)
	case b.Scope == export.ScopeSprint && len(d.Sprints) == 1:
		what = fmt.Sprintf("sprint %q", d.Sprints[0].Sprint.Name)
	}
	from := ""
	if b.Team != "" {
		from = fmt.Sprintf(" of team %q", b.Team)
	}
	return fmt.Sprintf("%s%s, exported %s", what, from, b.ExportedAt.UTC().Format("2006-01-02 15:04 UTC"))
}

// print writes the import report: per bundle one line per change and its
// counts, then the totals and what happened to the workspace at path.
func (p importPlan) print(out io.Writer, path string, dryRun, verbose bool) error {
	w := bufio.NewWriter(out)
	total := map[model.ChangeKind]int{}
	for i, f := range p.files {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s: %s\n", f.name, f.heading)
		if f.signedBy != "" {
			fmt.Fprintf(w, "  %s\n", f.signedBy)
		}
		for _, p := range f.people {
			fmt.Fprintf(w, "  member     %s\n", p)
		}
		for _, x := range f.warnings {
			fmt.Fprintf(w, "  warning    %s\n", x)
		}
		quiet := 0
		for _, c := range f.changes {
			if c.Kind == model.ChangeUnchanged && c.Note == "" && !verbose {
				quiet++
				continue
			}
			fmt.Fprintln(w, changeLine(c))
		}
		if quiet > 0 {
			fmt.Fprintf(w, "  (%s already up to date; -v lists them)\n", export.Plural(quiet, "record", "records"))
		}
		fmt.Fprintf(w, "  %s\n", countLine(f.counts))
		for k, n := range f.counts {
			total[k] += n
		}
	}
	if len(p.files) > 1 {
		fmt.Fprintf(w, "\nAll %d bundles: %s\n", len(p.files), countLine(total))
	}
	if p.firstUse {
		printFirstUse(w, p.merged)
	}
	switch {
	case dryRun && p.empty():
		fmt.Fprintf(w, "Dry run: nothing would change in %s.\n", path)
	case dryRun:
		fmt.Fprintf(w, "Dry run: nothing was written to %s.\n", path)
	case p.empty() && len(p.files) == 1:
		fmt.Fprintf(w, "Nothing to write: %s already holds everything in the bundle.\n", path)
	case p.empty():
		fmt.Fprintf(w, "Nothing to write: %s already holds everything in the %d bundles.\n", path, len(p.files))
	default:
		fmt.Fprintf(w, "Imported %s into %s.\n", export.Plural(len(p.files), "bundle", "bundles"), path)
	}
	return w.Flush()
}

// changeLine renders one change on one line: what happened, the record
// type and label, both versions where they differ, and the merge's note.
func changeLine(c model.Change) string {
	label := c.Label
	if label == "" {
		label = c.ID.String()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "  %-9s  %-11s  %s", c.Kind, c.Record, label)
	var sides []string
	if c.Local != "" {
		sides = append(sides, "local: "+c.Local)
	}
	if c.Incoming != "" {
		sides = append(sides, "incoming: "+c.Incoming)
	}
	if len(sides) > 0 {
		fmt.Fprintf(&b, " [%s]", strings.Join(sides, " | "))
	}
	if c.Note != "" {
		b.WriteString(" — " + c.Note)
	}
	return b.String()
}

// countLine is "2 added, 0 updated, 1 deleted, 0 conflicts, 12 unchanged".
func countLine(counts map[model.ChangeKind]int) string {
	parts := make([]string, 0, len(model.ChangeKinds))
	for _, k := range model.ChangeKinds {
		n := counts[k]
		word := string(k)
		if k == model.ChangeConflict && n != 1 {
			word = "conflicts"
		}
		parts = append(parts, fmt.Sprintf("%d %s", n, word))
	}
	if n := counts[model.ChangeSkipped]; n > 0 {
		parts = append(parts, fmt.Sprintf("%d skipped (closed sprint)", n))
	}
	return strings.Join(parts, ", ")
}

// fileRefusal is a bundle refused whole: the changes its author may not make.
type fileRefusal struct {
	name     string
	signedBy string
	refusals []model.Refusal
}

// refused returns the error that refuses the import when any bundle tries
// a change its author may not make, naming every such change on one line
// (errors are one line); nil when there is none. A dry run reports the
// same refusal.
func (p importPlan) refused(dryRun bool) error {
	if len(p.refusals) == 0 {
		return nil
	}
	parts := make([]string, len(p.refusals))
	for i, f := range p.refusals {
		by := ""
		if f.signedBy != "" {
			by = " (" + f.signedBy + ")"
		}
		msgs := make([]string, len(f.refusals))
		for j, r := range f.refusals {
			msgs[j] = r.Msg
		}
		parts[i] = fmt.Sprintf("%s%s is refused whole: its author may not make %s: %s", f.name, by,
			export.Plural(len(f.refusals), "change", "changes"), strings.Join(msgs, "; "))
	}
	var b strings.Builder
	b.WriteString(strings.Join(parts, ". "))
	if dryRun {
		b.WriteString(". Dry run: the import would be refused; nothing was written")
	} else {
		b.WriteString(". Nothing was imported")
	}
	return errors.New(b.String())
}
