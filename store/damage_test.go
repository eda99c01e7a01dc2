package store

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/align-team/align/model"
	"github.com/align-team/align/store/internal/filesafe"
	bolt "go.etcd.io/bbolt"
)

// damageCase is one damaged file: its class and how it is made from the
// bytes of a healthy workspace.
type damageCase struct {
	class, name string
	data        []byte
}

// Outcomes of opening one damaged file.
const (
	outDetected = "detected"  // Open refused it
	outChecked  = "checked"   // Open accepted it, Check or a read reported the damage
	outHarmless = "harmless"  // undetected, and every record reads as before
	outChanged  = "changed"   // undetected, and some record reads differently
	outCrash    = "crash"     // the process died
	outWrong    = "misbehave" // detected, but the file changed or the message is wrong
	outHang     = "hang"      // the process ran for damageCaseLimit and was killed
)

// damageCaseLimit is how long one damaged file may take before it counts
// as a hang.
const damageCaseLimit = 10 * time.Second

// TestOpen_DamagedFiles opens hundreds of damaged workspaces, each in a
// child process so that a crash is counted rather than fatal, and reports
// per damage class how many were detected, undetected (harmless or with
// changed data) and how many crashed the process (which must be none).
func TestOpen_DamagedFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("damage cases")
	}
	base, want := damageBase(t)
	cases := damageCases(t, base)
	dir := memTempDir(t)
	for i, c := range cases {
		writeFile(t, caseFile(dir, i), c.data)
	}
	reportDamage(t, cases, openAllDamaged(t, dir, len(cases), want))
}

// openAllDamaged opens the n case files in dir in child processes, two at a
// time (one per core of the CI machine), and returns their outcomes.
func openAllDamaged(t *testing.T, dir string, n int, want string) []damageOutcome {
	outcomes := make([]damageOutcome, n)
	half := n / 2
	var wg sync.WaitGroup
	for _, r := range [][2]int{{0, half}, {half, n}} {
		wg.Go(func() { runDamageChildren(t, dir, r[0], r[1], want, outcomes) })
	}
	wg.Wait()
	return outcomes
}

// reportDamage fails the test for every crash, misbehaviour or silent
// change (outside the byte-flip classes, where a changed value may decode),
// and logs the table of outcomes per damage class.
func reportDamage(t *testing.T, cases []damageCase, outcomes []damageOutcome) {
	type tally map[string]int
	byClass := map[string]tally{}
	var classes []string
	for i, c := range cases {
		if byClass[c.class] == nil {
			byClass[c.class] = tally{}
			classes = append(classes, c.class)
		}
		o := outcomes[i]
		byClass[c.class][o.kind]++
		switch {
		case o.kind == outCrash || o.kind == outWrong || o.kind == outHang:
			t.Errorf("%s / %s: %s %s", c.class, c.name, o.kind, o.detail)
		case o.kind == outChanged && c.class != "byte flips" && c.class != "byte flips x8":
			t.Errorf("%s / %s: data changed without any error", c.class, c.name)
		}
	}
	t.Logf("%-18s %6s %9s %10s %10s %10s %8s %6s", "damage class", "cases", "detected", "(at open)", "undetected", "(changed)", "crashes", "hangs")
	total := tally{}
	for _, cl := range classes {
		c := byClass[cl]
		n := c[outDetected] + c[outChecked] + c[outHarmless] + c[outChanged] + c[outCrash] + c[outWrong] + c[outHang]
		t.Logf("%-18s %6d %9d %10d %10d %10d %8d %6d", cl, n, c[outDetected]+c[outChecked]+c[outWrong], c[outDetected]+c[outWrong],
			c[outHarmless]+c[outChanged], c[outChanged], c[outCrash], c[outHang])
		for k, v := range c {
			total[k] += v
		}
	}
	t.Logf("damage summary: %d files, %d detected (%d at open), %d undetected (%d with changed data), %d process crashes, %d hangs",
		len(cases), total[outDetected]+total[outChecked]+total[outWrong], total[outDetected]+total[outWrong], total[outHarmless]+total[outChanged], total[outChanged], total[outCrash], total[outHang])
}

// damageCases makes every damaged file from base (seeded: the same files on
// every run).
func damageCases(t *testing.T, base []byte) []damageCase {
	const ps = 4096
	rng := rand.New(rand.NewPCG(42, 1))
	size := len(base)
	clone := func() []byte { return append([]byte(nil), base...) }
	var cs []damageCase
	add := func(class, name string, data []byte) { cs = append(cs, damageCase{class, name, data}) }

	for _, n := range []int{1, 100, ps - 1, ps, 2 * ps, 3 * ps, size/2 - size/2%ps, size/2 + 123, size - ps, size - 1} {
		add("truncated", fmt.Sprintf("%d of %d bytes", n, size), clone()[:n])
	}
	for pg := 0; pg*ps < size; pg++ {
		d := clone()
		clear(d[pg*ps : (pg+1)*ps])
		class := "zeroed data page"
		if pg < 2 {
			class = "zeroed meta page"
		}
		add(class, fmt.Sprintf("page %d", pg), d)
	}
	both := clone()
	clear(both[:2*ps])
	add("zeroed meta page", "pages 0 and 1", both)
	for i := range 300 {
		d := clone()
		at := rng.IntN(size)
		d[at] ^= byte(1 + rng.IntN(255))
		add("byte flips", fmt.Sprintf("flip %d at %d", i, at), d)
	}
	for i := range 60 {
		d := clone()
		for range 8 {
			d[rng.IntN(size)] ^= byte(1 + rng.IntN(255))
		}
		add("byte flips x8", fmt.Sprintf("flips %d", i), d)
	}
	// Bit rot in branch pages: a child pointer out of range, to a meta
	// page, or back to the page itself (a cycle).
	le := binary.LittleEndian
	for pg := 2; (pg+1)*ps <= size; pg++ {
		hdr := base[pg*ps:]
		if le.Uint64(hdr) != uint64(pg) || le.Uint16(hdr[8:]) != filesafe.BranchPage {
			continue
		}
		last := int(le.Uint16(hdr[10:])) - 1
		for _, to := range []uint64{0x7fff_0000_0000, 1, uint64(pg)} {
			d := clone()
			le.PutUint64(d[pg*ps+filesafe.PageHeaderSize+last*filesafe.ElementSize+8:], to)
			add("branch pointers", fmt.Sprintf("page %d child -> %d", pg, to), d)
		}
	}
	random := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		return b
	}
	add("not bbolt", "empty", nil)
	add("not bbolt", "text", []byte("# my notes\nnot a database\n"))
	add("not bbolt", "large text", []byte(strings.Repeat("not a database at all\n", 3000)))
	add("not bbolt", "100 random bytes", random(100))
	add("not bbolt", "4 KiB random", random(ps))
	add("not bbolt", "64 KiB random", random(16*ps))
	add("newer align", fmt.Sprintf("schema version %d", SchemaVersion+1), newerSchema(t, base))
	add("newer align", "bbolt format 3", newerFormat(base))
	return cs
}

// newerSchema returns base with the schema version set to SchemaVersion+1.
func newerSchema(t *testing.T, base []byte) []byte {
	path := filepath.Join(t.TempDir(), "newer.db")
	writeFile(t, path, base)
	rawUpdate(t, path, func(tx *bolt.Tx) error { return writeVersion(tx, SchemaVersion+1) })
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// newerFormat returns base with both meta pages claiming the next bbolt
// format version, with valid checksums.
func newerFormat(base []byte) []byte {
	d := append([]byte(nil), base...)
	for pg := range 2 {
		m := d[pg*4096+filesafe.PageHeaderSize:]
		binary.LittleEndian.PutUint32(m[4:], filesafe.FormatVersion+1)
		h := fnv.New64a()
		_, _ = h.Write(m[:56])
		binary.LittleEndian.PutUint64(m[56:], h.Sum64())
	}
	return d
}

type damageOutcome struct{ kind, detail string }

// runDamageChildren opens cases [from, n) in child processes and stores
// each outcome in out. A child that dies marks the case it was on as a
// crash; a new child carries on from the next case.
func runDamageChildren(t *testing.T, dir string, from, n int, want string, out []damageOutcome) {
	for next := from; next < n; {
		cmd := childCmd("damage", "ALIGN_CASES="+dir, "ALIGN_FROM="+strconv.Itoa(next), "ALIGN_TO="+strconv.Itoa(n), "ALIGN_WANT="+want)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = nil // a crash dump is expected output here, not noise
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string)
		go func() {
			defer close(lines)
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				lines <- sc.Text()
			}
		}()
		current, hung := -1, false
	read:
		for {
			select {
			case line, ok := <-lines:
				if !ok {
					break read
				}
				f := strings.SplitN(line, " ", 4)
				i, _ := strconv.Atoi(f[1])
				switch f[0] {
				case "begin":
					current = i
				case "end":
					detail := ""
					if len(f) > 3 {
						detail = f[3]
					}
					out[i] = damageOutcome{f[2], detail}
					current, next = -1, i+1
				}
			case <-time.After(damageCaseLimit):
				// One case ran for seconds: a hang. Kill the child.
				hung = true
				_ = cmd.Process.Kill()
				for range lines {
				}
				break read
			}
		}
		err = cmd.Wait()
		switch {
		case current >= 0 && hung:
			out[current] = damageOutcome{outHang, fmt.Sprintf("(killed after %v)", damageCaseLimit)}
			next = current + 1
		case current >= 0:
			out[current] = damageOutcome{outCrash, fmt.Sprintf("(child: %v)", err)}
			next = current + 1
		case err != nil || next < n:
			t.Errorf("damage child stopped before case %d: %v", next, err)
			return
		}
	}
}

// damageChild opens cases [$ALIGN_FROM, $ALIGN_TO) of $ALIGN_CASES in turn,
// printing "begin I" and then "end I OUTCOME DETAIL".
func damageChild() int {
	dir, want := os.Getenv("ALIGN_CASES"), os.Getenv("ALIGN_WANT")
	from, _ := strconv.Atoi(os.Getenv("ALIGN_FROM"))
	to, _ := strconv.Atoi(os.Getenv("ALIGN_TO"))
	for i := from; i < to; i++ {
		fmt.Printf("begin %d\n", i)
		kind, detail := openDamaged(caseFile(dir, i), want)
		fmt.Printf("end %d %s %s\n", i, kind, strings.ReplaceAll(detail, "\n", " "))
	}
	return 0
}

// openDamaged opens one damaged file as the user's process would: read-only
// (check, export) with Check and a full read, then for writing with one
// write. It classifies what happened.
func openDamaged(path, want string) (kind, detail string) {
	before := fileDigest(path)
	kind = outDetected
	s, err := Open(path, Options{ReadOnly: true, Timeout: 100 * time.Millisecond})
	if err != nil {
		detail = err.Error()
		switch {
		case fileDigest(path) != before:
			kind, detail = outWrong, "refusing the file changed or moved it: "+detail
		case !strings.Contains(detail, path):
			kind, detail = outWrong, "the error does not name the file: "+detail
		case errors.Is(err, ErrDamaged) && !strings.Contains(detail, "Nothing was changed or moved. No automatic backup exists yet"):
			kind, detail = outWrong, "the error does not say what happened to the file and its backups: "+detail
		}
	} else {
		ps, cerr := s.Check()
		d, derr := s.Dataset(DatasetOptions{IncludeDeleted: true})
		switch {
		case cerr != nil || len(ps) > 0 || derr != nil:
			kind, detail = outChecked, fmt.Sprintf("check: %v %d problems; read: %v", cerr, len(ps), derr)
		case datasetDigest(d) == want:
			kind = outHarmless
		default:
			kind = outChanged
		}
		_ = s.Close()
	}
	// The TUI's open walks in the background: it must refuse what the
	// writing open refuses, at Open or at the first transaction.
	bgErr, bgChanged := openInBackground(path)
	// The writing path (the TUI and most commands) must not crash either.
	w, err := Open(path, Options{Timeout: 100 * time.Millisecond, NoAutoBackup: true})
	if err == nil {
		_, _ = w.SaveGoal(model.Goal{Title: "Written after the damage"})
		_ = w.Close()
	}
	switch {
	case bgChanged:
		kind, detail = outWrong, "the background-walk open changed a file it refused: "+bgErr.Error()
	case errors.Is(err, ErrDamaged) && !errors.Is(bgErr, ErrDamaged):
		kind, detail = outWrong, fmt.Sprintf("the background-walk open did not refuse a file the writing open refuses (%v): %v", err, bgErr)
	}
	return kind, detail
}

// fileDigest returns a digest of the file at path ("" when it cannot be read).
func fileDigest(path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
