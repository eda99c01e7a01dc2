package export

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/align-team/align/model"
)

// MaxTrackerCSVSize is the largest tracker export ParseTrackerCSV reads, in
// bytes; the limit is enforced while reading.
const MaxTrackerCSVSize = 16 << 20

// MaxTrackerRows is the most data rows (the header apart) ParseTrackerCSV
// accepts in one file.
const MaxTrackerRows = 10000

// Tracker layouts that ParseTrackerCSV recognises by their header.
const (
	LayoutJira   = "jira"
	LayoutLinear = "linear"
	LayoutGitHub = "github"
	LayoutCustom = "custom"
)

// TrackerRow is one usable story row of a tracker export.
type TrackerRow struct {
	// Line is the 1-based line of the file where the row starts.
	Line int
	// Key is the tracker's issue key ("PROJ-12", "ENG-4", "org/repo#7"),
	// or "" when the file has none for this row.
	Key string
	// Title is the story's title, sanitised, 1 to model.MaxTitle characters.
	Title string
	// Status is the tracker's status mapped to todo, doing or done.
	Status model.StoryStatus
	// Points is the estimate rounded to a whole number, 0 when blank.
	Points int
	// Parent is the epic, project or parent title ("" when none); the
	// caller maps it to an objective by title.
	Parent string
	// KeepPoints is true when the input says nothing about points (no
	// points column, or a tool that prints none): a story it updates keeps
	// its points instead of losing them to 0.
	KeepPoints bool
}

// RowProblem reports a row of a tracker export that cannot be used, or one
// that was deliberately left out, by its 1-based line number.
type RowProblem struct {
	Line int
	Msg  string
}

// TrackerImport is what ParseTrackerCSV read from a tracker export.
type TrackerImport struct {
	// Layout is LayoutJira, LayoutLinear, LayoutGitHub or LayoutCustom.
	Layout string
	// Rows are the usable rows, in file order.
	Rows []TrackerRow
	// Problems are the rows that cannot be used, in file order; a caller
	// that must not half-import refuses the file when there are any.
	Problems []RowProblem
	// Skipped are rows left out on purpose, not errors: stories whose
	// status says they were canceled (Canceled, Won't Do, Duplicate...),
	// which are neither work done nor work to do.
	Skipped []RowProblem
	// Unit is what RowProblem.Line and TrackerRow.Line count: "" for lines
	// of a CSV file, UnitItem for the items of a JSON document.
	Unit string
}

// UnitItem is TrackerImport.Unit for a JSON document: Line is the 1-based
// position of the item in the tool's list.
const UnitItem = "item"

// unit names what Line counts: "line" or "item".
func (t TrackerImport) unit() string {
	if t.Unit == "" {
		return "line"
	}
	return t.Unit
}

// Where names position n of the input for a report: "line 4" or "item 4".
func (t TrackerImport) Where(n int) string {
	return fmt.Sprintf("%s %d", t.unit(), n)
}

var errTrackerTooLarge = fmt.Errorf("tracker CSV: larger than the %d MiB limit; export fewer issues or split the file", MaxTrackerCSVSize>>20)

// capReader fails once more than left bytes have been read, so that an
// oversized input is refused without being read whole.
type capReader struct {
	r    io.Reader
	left int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if int64(len(p)) > c.left+1 {
		p = p[:c.left+1]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	if c.left < 0 {
		return 0, errTrackerTooLarge
	}
	return n, err
}

// headPeek is how much of the input is looked at to find the delimiter.
const headPeek = 64 << 10

// ParseTrackerCSV reads stories from a CSV exported by Jira, Linear or
// GitHub Projects (GitHub's tab-separated export too), or from any CSV with
// a title column. The header decides the layout and the columns; mapping
// holds --map overrides, header column name → field (key, title, status,
// points or parent), and wins over detection. Header names match ignoring
// case and surrounding or repeated white space; a UTF-8 BOM is ignored.
//
// Each data row becomes a TrackerRow, a Problem (naming its line and what is
// wrong) or, for canceled stories, a Skipped entry; blank rows are ignored.
// Statuses map ignoring case, punctuation and emoji: To Do, Backlog, Open,
// New, Triage... → todo; In Progress, In Review, Started, QA, Blocked... →
// doing; Done, Closed, Resolved, Completed, Shipped... → done; Canceled,
// Won't Do, Duplicate... → Skipped; blank → todo; anything else is a
// problem naming the value. Text is sanitised (model.Sanitize); a field that
// is not UTF-8 is a problem rather than silently losing letters. Points are
// whole numbers or decimals rounded half away from zero (0.5 → 1), blank is
// 0. Cells starting with = + - @ are kept as text: nothing is evaluated. A row with
// fewer fields than the header reads the missing ones as blank (real Linear
// exports drop trailing empty fields); a row with extra non-blank fields is a
// problem, since a field was probably left unquoted. A later row repeating
// an earlier row's key (ignoring case) is a problem.
//
// The error is for a file that cannot be read at all: larger than
// MaxTrackerCSVSize, more than MaxTrackerRows rows, no header, an invalid
// --map, or no title column.
func ParseTrackerCSV(r io.Reader, mapping map[string]string) (TrackerImport, error) {
	br := bufio.NewReaderSize(&capReader{r: r, left: MaxTrackerCSVSize}, headPeek)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte("\uFEFF")) {
		_, _ = br.Discard(3)
	}
	head, err := br.Peek(headPeek)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return TrackerImport{}, readErr(err)
	}
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		return TrackerImport{}, errors.New("tracker CSV: the file is UTF-16 text; save or export it as UTF-8 CSV (in Excel: CSV UTF-8)")
	}
	cr := csv.NewReader(br)
	cr.Comma = sniffDelimiter(head)
	cr.FieldsPerRecord = -1 // widths are checked per row below
	cr.LazyQuotes = false   // a stray quote is reported on its line, not guessed at

	header, err := cr.Read()
	if err != nil {
		var pe *csv.ParseError
		switch {
		case errors.Is(err, io.EOF):
			return TrackerImport{}, errors.New("tracker CSV: the file is empty; expected a header row naming the columns (e.g. Issue key, Summary, Status)")
		case errors.As(err, &pe):
			return TrackerImport{}, fmt.Errorf("tracker CSV: the header row is not valid CSV: %s", describeCSVError(pe))
		}
		return TrackerImport{}, readErr(err)
	}
	cols, err := resolveColumns(header, mapping)
	if err != nil {
		return TrackerImport{}, err
	}
	p := trackerParser{cols: cols, width: len(header), keys: map[string]int{}}
	p.out.Layout = cols.layout
	count := 0
	for {
		before := cr.InputOffset()
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		count++
		if count > MaxTrackerRows {
			return TrackerImport{}, fmt.Errorf("tracker CSV: more than %d rows; import at most %d stories at a time", MaxTrackerRows, MaxTrackerRows)
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			p.problem(max(pe.StartLine, 1), "%s", describeCSVError(pe))
			if cr.InputOffset() == before {
				break // no progress: nothing more can be read
			}
			continue
		}
		if err != nil {
			return TrackerImport{}, readErr(err)
		}
		line, _ := cr.FieldPos(0)
		p.row(line, rec)
	}
	return p.out, nil
}

func readErr(err error) error {
	if errors.Is(err, errTrackerTooLarge) {
		return errTrackerTooLarge
	}
	return fmt.Errorf("tracker CSV: reading: %w", err)
}

// sniffDelimiter picks the separator of the header line: a tab (GitHub
// Projects exports TSV), a semicolon (spreadsheets in locales with a decimal
// comma) or, by default, a comma.
func sniffDelimiter(head []byte) rune {
	var commas, tabs, semis int
	quoted := false
	for _, c := range head {
		if c == '\n' && !quoted {
			break
		}
		switch c {
		case '"':
			quoted = !quoted
		case ',':
			if !quoted {
				commas++
			}
		case '\t':
			if !quoted {
				tabs++
			}
		case ';':
			if !quoted {
				semis++
			}
		}
	}
	switch {
	case tabs > commas && tabs >= semis:
		return '\t'
	case semis > commas && semis > tabs:
		return ';'
	}
	return ','
}

// describeCSVError explains a CSV syntax error in terms of what to fix.
func describeCSVError(pe *csv.ParseError) string {
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return `a field contains a bare " outside quotes; quote the whole field and double the quote (e.g. "4"" screen")`
	case errors.Is(pe.Err, csv.ErrQuote) && pe.Line > pe.StartLine:
		return fmt.Sprintf(`a quoted field starting on this line is not closed properly (read on to line %d); check for a missing or extra "`, pe.Line)
	case errors.Is(pe.Err, csv.ErrQuote):
		return `a quoted field is not closed properly; check for a missing or extra "`
	}
	return "invalid CSV: " + pe.Err.Error()
}

// trackerParser turns records into rows and problems.
type trackerParser struct {
	cols  trackerColumns
	width int            // fields in the header
	keys  map[string]int // lower-cased key → line of its first row
	out   TrackerImport
}

func (p *trackerParser) problem(line int, format string, args ...any) {
	p.out.Problems = append(p.out.Problems, RowProblem{Line: line, Msg: fmt.Sprintf(format, args...)})
}

func blankRecord(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// row reads one record starting at line.
func (p *trackerParser) row(line int, rec []string) {
	if blankRecord(rec) {
		return
	}
	if len(rec) > p.width && !blankRecord(rec[p.width:]) {
		p.problem(line, "has %d fields but the header has %d; a field containing the delimiter is probably not quoted", len(rec), p.width)
		return
	}
	get := func(i int) string {
		if i < 0 || i >= len(rec) {
			return ""
		}
		return rec[i]
	}
	for f := range numFields {
		if !utf8.ValidString(get(p.cols.idx[f])) {
			p.problem(line, "the %s (column %q) is not UTF-8 text; save the file as UTF-8 (in Excel: CSV UTF-8)", trackerFieldNames[f], p.cols.names[f])
			return
		}
	}
	p.add(line, trackerValues{
		key: p.cols.key(get), title: get(p.cols.idx[fieldTitle]), status: get(p.cols.idx[fieldStatus]),
		category: get(p.cols.category), points: get(p.cols.idx[fieldPoints]), parent: get(p.cols.idx[fieldParent]),
		keepPoints: p.cols.idx[fieldPoints] < 0, hasCategory: p.cols.category >= 0,
	}, func(f trackerField) string { return fmt.Sprintf("column %q", p.cols.names[f]) })
}

// trackerValues are one story's fields as the tracker wrote them, before
// they are checked: the key already read (and shortened) by the format's
// reader, the rest raw text; points are the number's text.
type trackerValues struct {
	key, title, status, category, points, parent string
	// keepPoints: the input has no points for this story at all.
	keepPoints bool
	// hasCategory: the input has a status category (Jira's), read when
	// the status is not one align knows, even when it is blank.
	hasCategory bool
}

// add checks one story's values, found at line (or item) n, and appends it
// as a row, a problem or a skipped entry; where names a field for messages
// (`column "Summary"`, `field "title"`). The CSV and JSON readers share it,
// so every rule holds for both.
func (p *trackerParser) add(line int, v trackerValues, where func(trackerField) string) {
	before := len(p.out.Problems)
	bad := func(format string, args ...any) { p.problem(line, format, args...) }

	key := v.key
	if n := utf8.RuneCountInString(key); n > model.MaxKey {
		bad("key %s is %d characters long; at most %d allowed", clip(key), n, model.MaxKey)
	}
	title := model.Sanitize(v.title, false)
	switch n := utf8.RuneCountInString(title); {
	case title == "":
		bad("the title (%s) is empty", where(fieldTitle))
	case n > model.MaxTitle:
		bad("the title is %d characters long; at most %d allowed", n, model.MaxTitle)
	}
	rawStatus := model.Sanitize(v.status, false)
	status, known := trackerStatus(rawStatus)
	if !known && v.hasCategory {
		status, known = trackerStatus(model.Sanitize(v.category, false))
	}
	if !known {
		bad("status %s is not one align knows; in the file, use a status such as To Do, In Progress, Done or Canceled (or todo, doing, done)", clip(rawStatus))
	}
	points, msg := trackerPoints(model.Sanitize(v.points, false))
	if msg != "" {
		bad("%s", msg)
	}
	parent := model.Sanitize(v.parent, false)
	if n := utf8.RuneCountInString(parent); n > model.MaxTitle {
		bad("the parent (%s) is %d characters long; objective titles are at most %d", where(fieldParent), n, model.MaxTitle)
	}
	if key != "" {
		folded := strings.ToLower(key)
		if first, dup := p.keys[folded]; dup {
			bad("key %s repeats the key of %s %d; each issue may appear once", clip(key), p.out.unit(), first)
		} else {
			p.keys[folded] = line
		}
	}
	if len(p.out.Problems) > before {
		return
	}
	if status == statusCanceled {
		what := clip(title)
		if key != "" {
			what = key + " " + what
		}
		p.out.Skipped = append(p.out.Skipped, RowProblem{Line: line, Msg: fmt.Sprintf("%s: status %s means it will not be done; left out", what, clip(rawStatus))})
		return
	}
	p.out.Rows = append(p.out.Rows, TrackerRow{Line: line, Key: key, Title: title, Status: status, Points: points, Parent: parent, KeepPoints: v.keepPoints})
}

// clip quotes s for a message, shortened to 40 characters.
func clip(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:40]) + "…"
	}
	return fmt.Sprintf("%q", s)
}
