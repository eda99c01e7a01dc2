package filesafe

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
	"time"
)

// maxWalkProblems bounds how many structural problems a full walk (Check)
// collects before it stops.
const maxWalkProblems = 100

// errNotRegular classifies a path that names something other than a
// regular file: a directory, a FIFO, a device or a socket.
var errNotRegular = errors.New("not a regular file")

// fileKinds are the kinds of file that are not regular files, in the order
// FileKind tests their mode bits (a character device has ModeDevice too);
// aka is the name a shell user may know the kind by.
var fileKinds = []struct {
	bit       fs.FileMode
	kind, aka string
}{
	{fs.ModeDir, "a directory", ""},
	{fs.ModeNamedPipe, "a named pipe", "FIFO"},
	{fs.ModeSocket, "a socket", ""},
	{fs.ModeCharDevice, "a character device", ""},
	{fs.ModeDevice, "a block device", ""},
	{fs.ModeSymlink, "a symbolic link", ""},
}

// FileKind names what a file of mode m is when it is not a regular file,
// for messages, as kind ("a directory", "a named pipe", "a socket", "a
// character device", "a block device", "a symbolic link", else "a special
// file") and aka, the other name a shell user may know it by ("FIFO" for a
// named pipe, else ""). It is the one wording of every refusal of a file
// that is not a regular one: an align workspace, a team's summary.
func FileKind(m fs.FileMode) (kind, aka string) {
	for _, k := range fileKinds {
		if m&k.bit != 0 {
			return k.kind, k.aka
		}
	}
	return "a special file", ""
}

// NotRegularError refuses path, which is of mode m (a directory, a FIFO, a
// device or a socket), as a workspace, in a sentence naming what it is: a
// *NotWorkspaceError whose NotRegular is true.
func NotRegularError(path string, m fs.FileMode) error {
	return &NotWorkspaceError{Path: path, Mode: m, Err: errNotRegular}
}

// openRegular opens path for reading without ever blocking (a FIFO would
// block open until a writer comes) and refuses anything that is not a
// regular file, naming what it is.
func openRegular(path string) (*os.File, error) {
	if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() {
		return nil, NotRegularError(path, info.Mode())
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err == nil && !info.Mode().IsRegular() {
		err = NotRegularError(path, info.Mode())
	}
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	return f, nil
}

// verifyOpenFile checks the meta pages of f and walks its whole page tree
// with bounds-checked code (see guard.go). The guard stops at the first
// problem; with all set, Check goes on past each damaged subtree and
// collects up to maxWalkProblems. An empty file has no problems. err is a
// failure to read the file at all.
func verifyOpenFile(f *os.File, all bool) (ps []*fileProblem, err error) {
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if info.Size() == 0 {
		return nil, nil
	}
	h, p := readHeader(f, info.Size())
	if p != nil {
		return []*fileProblem{p}, nil
	}
	data, unmap, err := mapFile(f, int(info.Size()))
	if err != nil {
		return nil, err
	}
	defer unmap()
	return safeWalk(data, h, all), nil
}

// Verify verifies the whole file at path (a backup, a snapshot copy): nil
// when bbolt may open it safely, else the first problem in a sentence (a
// *DamagedError without restore data). It takes no lock: callers verify
// files nothing else writes.
func Verify(path string) error {
	f, err := openRegular(path)
	if err != nil {
		return err
	}
	defer func() { _ = f.Close() }()
	ps, err := verifyOpenFile(f, false)
	switch {
	case err != nil:
		return fmt.Errorf("cannot read %s: %w", path, err)
	case len(ps) > 0:
		return &DamagedError{Path: path, What: ps[0].what}
	}
	if info, _ := f.Stat(); info != nil && info.Size() == 0 {
		return &DamagedError{Path: path}
	}
	return nil
}

// Problem is one structural finding of the page walk: what is wrong and
// where (the page it is on, or "file").
type Problem struct {
	Where string // e.g. "page 12", or "sprint 0190…/stories/0190…" for a record
	What  string
}

// WalkOpenFile runs the full bounds-checked walk over the open file f and
// returns every structural problem (up to maxWalkProblems, at most perPage
// for one page), each with the page it is on. The caller keeps writers out
// (a transaction of its own, or the file lock). err is a failure to read f.
func WalkOpenFile(f *os.File) ([]Problem, error) {
	found, err := verifyOpenFile(f, true)
	if err != nil {
		return nil, err
	}
	return walkFindings(found), nil
}

// CheckFile walks the file at path with the bounds-checked page walk alone,
// without bbolt, under a shared lock, and returns every structural problem
// with the page it is on. align check uses it on a file Open refuses as
// damaged, to list all that is wrong rather than the first thing; it
// changes nothing.
func CheckFile(path string, timeout time.Duration) ([]Problem, error) {
	f, err := openLocked(path, timeout)
	if err != nil {
		return nil, err
	}
	defer func() { unlock(f); _ = f.Close() }()
	ps, err := WalkOpenFile(f)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, err)
	}
	return ps, nil
}

// perPage is how many problems of one page are listed one by one; the rest
// are counted in one more finding.
const perPage = 3

// walkFindings turns walk problems into Check findings, at most perPage
// (and a count of the rest) for each page.
func walkFindings(found []*fileProblem) []Problem {
	var ps []Problem
	more := map[string]int{}
	var order []string
	for _, p := range found {
		where := p.where
		if where == "" {
			where = "file"
		}
		if more[where]++; more[where] <= perPage {
			ps = append(ps, Problem{Where: where, What: p.what})
		} else if more[where] == perPage+1 {
			order = append(order, where)
		}
	}
	for _, where := range order {
		ps = append(ps, Problem{Where: where, What: fmt.Sprintf("and %d more problems like these", more[where]-perPage)})
	}
	return ps
}
