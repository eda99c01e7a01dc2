package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// maxWalkProblems bounds how many structural problems a full walk (Check)
// collects before it stops.
const maxWalkProblems = 100

// errNotRegular classifies a path that names something other than a
// regular file: a directory, a FIFO, a device or a socket.
var errNotRegular = errors.New("not a regular file")

// fileKind names what a non-regular file mode is, for messages.
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeIrregular != 0:
		return "a special file"
	}
	return "not a regular file"
}

// NotRegularError refuses path, which is of mode m (a directory, a FIFO, a
// device or a socket), as a workspace, in a sentence naming what it is. It
// matches ErrNotWorkspace.
func NotRegularError(path string, m fs.FileMode) error { return notRegularErr(path, m) }

// notRegularErr refuses path, which is of mode m, as a workspace.
func notRegularErr(path string, m fs.FileMode) error {
	if m.IsDir() {
		return newErr(ErrNotWorkspace, errNotRegular, "%s is a directory, not an align workspace; --db needs a file path such as %s", path, filepath.Join(path, "align.db"))
	}
	return newErr(ErrNotWorkspace, errNotRegular, "%s is %s, not an align workspace; --db needs a regular file", path, fileKind(m))
}

// openRegular opens path for reading without ever blocking (a FIFO would
// block open until a writer comes) and refuses anything that is not a
// regular file, naming what it is.
func openRegular(path string) (*os.File, error) {
	if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() {
		return nil, notRegularErr(path, info.Mode())
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err == nil && !info.Mode().IsRegular() {
		err = notRegularErr(path, info.Mode())
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

// verifyPath verifies the whole file at path (a backup, a snapshot copy):
// nil when bbolt may open it safely, else the first problem in a sentence.
// It takes no lock: callers verify files nothing else writes.
func verifyPath(path string) error {
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
		return newErr(ErrDamaged, nil, "%s is damaged: %s", path, ps[0].what)
	}
	if info, _ := f.Stat(); info != nil && info.Size() == 0 {
		return newErr(ErrDamaged, nil, "%s is empty", path)
	}
	return nil
}

// walkProblems runs the full bounds-checked walk over the file this store
// reads (its open snapshot copy, if it reads one) and returns every structural
// problem as a Check finding. It runs inside a transaction of s, so no
// commit of this process lands during the walk, and other processes are
// kept out by the file lock bbolt holds.
func (s *Store) walkProblems() []Problem {
	f := s.snapshot
	if f == nil {
		var err error
		if f, err = os.Open(s.path); err != nil {
			return []Problem{{Where: "file", What: fmt.Sprintf("cannot read %s for the page walk: %v", s.path, err)}}
		}
		defer func() { _ = f.Close() }()
	}
	found, err := verifyOpenFile(f, true)
	if err != nil {
		return []Problem{{Where: "file", What: fmt.Sprintf("cannot read %s for the page walk: %v", s.path, err)}}
	}
	return walkFindings(found)
}

// CheckFile walks the file at path with the bounds-checked page walk alone,
// without bbolt, and returns every structural problem with the page it is
// on. align check uses it on a file Open refuses as damaged, to list all
// that is wrong rather than the first thing; it changes nothing.
func CheckFile(path string, timeout time.Duration) ([]Problem, error) {
	f, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	if err := lockShared(f, timeout); err != nil {
		return nil, newErr(ErrLocked, err, "%s is in use by another align process", path)
	}
	defer unlock(f)
	found, err := verifyOpenFile(f, true)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, err)
	}
	return walkFindings(found), nil
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
