package store

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// crashTrials is how many times the crash test kills a writer.
const crashTrials = 200

// TestStore_SIGKILL_KeepsAcknowledgedWrites starts a writer process,
// SIGKILLs it at a seeded random moment (during its start, a first creation,
// a migration, a write, an import or a backup) and then checks that the file
// opens, that Check finds nothing, and that every write the child
// acknowledged is there with its value (or a newer one, only if a write was
// in flight when it died).
func TestStore_SIGKILL_KeepsAcknowledgedWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("crash trials")
	}
	templates := memTempDir(t)
	v1 := filepath.Join(templates, "v1.db")
	v1Fixture(t, v1, map[string]string{"split_at": "25"})
	v2 := filepath.Join(templates, "v2.db")
	s := openTestStore(t, v2, Options{})
	seed(t, s)
	_ = s.Close()

	trials := memTempDir(t)
	rng := rand.New(rand.NewPCG(2025, 5))
	var corrupt, lost, acked, kills, early [3]int
	modes := []string{"new", "v1", "v2"}
	start := time.Now()
	for trial := range crashTrials {
		mode := trial % 3
		dir := filepath.Join(trials, fmt.Sprintf("trial-%03d", trial))
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "align.db")
		switch modes[mode] {
		case "v1":
			copyFile(t, v1, path)
		case "v2":
			copyFile(t, v2, path)
		}
		out := runAndKill(t, path, rng.Uint64(), rng)
		kills[mode]++
		if !strings.Contains(strings.Join(out, "\n"), " open") {
			early[mode]++ // killed while opening: creating, migrating or backing up
		}
		c, l, n := verifyCrash(t, path, out)
		corrupt[mode] += c
		lost[mode] += l
		acked[mode] += n
	}
	total := func(a [3]int) int { return a[0] + a[1] + a[2] }
	for i, m := range modes {
		t.Logf("crash %-3s workspace: %d trials (%d killed during Open), %d acknowledged records and backups checked, %d corrupt files, %d lost acknowledged writes",
			m, kills[i], early[i], acked[i], corrupt[i], lost[i])
	}
	t.Logf("crash summary: %d trials in %v (%d killed during Open), %d acknowledged records and backups checked, %d corrupt files, %d lost acknowledged writes",
		total(kills), time.Since(start).Round(time.Millisecond), total(early), total(acked), total(corrupt), total(lost))
	if total(corrupt) > 0 || total(lost) > 0 {
		t.Errorf("%d corrupt files and %d lost acknowledged writes; both must be 0", total(corrupt), total(lost))
	}
}

// runAndKill runs the crash child on path and SIGKILLs it: in a third of the
// trials after a random time from its start, otherwise shortly after a
// random number of acknowledged writes. It returns the child's complete
// output lines.
func runAndKill(t *testing.T, path string, seed uint64, rng *rand.Rand) []string {
	t.Helper()
	cmd := childCmd("crash", "ALIGN_PATH="+path, "ALIGN_SEED="+strconv.FormatUint(seed, 10))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 1024)
	go func() {
		defer close(lines)
		r := bufio.NewReader(stdout)
		for {
			line, err := r.ReadString('\n')
			if err != nil { // a line cut by the kill has no newline: not acknowledged
				_, _ = io.Copy(io.Discard, r)
				return
			}
			lines <- strings.TrimSuffix(line, "\n")
		}
	}()
	var out []string
	kill := time.After(time.Duration(rng.IntN(15_000)) * time.Microsecond)
	waitAcks := -1
	if rng.IntN(3) != 0 {
		kill, waitAcks = nil, 1+rng.IntN(12)
	}
	deadline := time.After(2 * time.Second)
	acks := 0
loop:
	for {
		select {
		case line, ok := <-lines:
			if !ok {
				break loop
			}
			out = append(out, line)
			if strings.HasPrefix(line, "ack ") {
				acks++
				if acks == waitAcks {
					kill = time.After(time.Duration(rng.IntN(3000)) * time.Microsecond)
				}
			}
		case <-kill:
			break loop
		case <-deadline:
			break loop
		}
	}
	_ = cmd.Process.Signal(syscall.SIGKILL)
	for line := range lines {
		out = append(out, line)
	}
	_ = cmd.Wait()
	return out
}

// stored is a record as found in the file after the kill.
type stored struct {
	updated time.Time
	json    string
}

// verifyCrash checks the file after a kill against the child's output. It
// returns whether the file is corrupt (0 or 1), how many acknowledged writes
// are lost, and how many it checked.
func verifyCrash(t *testing.T, path string, out []string) (corrupt, lost, checked int) {
	t.Helper()
	lastTry, lastAck := 0, 0
	opened := false
	latest := map[uuid.UUID]ackRecord{}
	var backups []string
	for _, line := range out {
		f := strings.SplitN(line, " ", 4)
		n, _ := strconv.Atoi(f[1])
		switch {
		case f[0] == "try":
			lastTry = n
		case f[2] == "open":
			opened, lastAck = true, n
		case f[2] == "backup":
			backups, lastAck = append(backups, f[3]), n
		default:
			lastAck = n
			r, err := decodeAck(f[2], f[3])
			if err != nil {
				t.Fatalf("child output %q: %v", line, err)
			}
			latest[r.id] = r
		}
	}
	inFlight := lastTry > lastAck

	// A read-only open first: it changes nothing, so it sees the file as
	// the kill left it.
	if ro, err := Open(path, Options{ReadOnly: true}); err == nil {
		_ = ro.Close()
	} else if opened || !(errors.Is(err, ErrNotFound) || errors.Is(err, ErrOldSchema)) {
		t.Errorf("after the kill (open acknowledged: %v): read-only open: %v", opened, err)
		return 1, 0, 0
	}
	s, err := Open(path, Options{NoAutoBackup: true})
	if err != nil {
		t.Errorf("after the kill: open: %v", err)
		return 1, 0, 0
	}
	defer func() { _ = s.Close() }()
	if ps, err := s.Check(); err != nil || len(ps) > 0 {
		t.Errorf("after the kill: check: %v %+v", err, ps)
		corrupt = 1
	}
	d, err := s.Dataset(DatasetOptions{IncludeDeleted: true})
	if err != nil {
		t.Errorf("after the kill: dataset: %v", err)
		return 1, len(latest), 0
	}
	have := storedRecords(d)
	for id, want := range latest {
		checked++
		got, ok := have[id]
		switch {
		case !ok:
			t.Errorf("acknowledged %s %s is missing", want.kind, id)
			lost++
		case got.json == want.json:
		case inFlight && got.updated.After(want.updated):
			// The write in flight at the kill committed a newer value.
		default:
			t.Errorf("acknowledged %s %s:\n got %s\nwant %s", want.kind, id, got.json, want.json)
			lost++
		}
	}
	for _, b := range backups {
		checked++
		if bs, err := Open(b, Options{ReadOnly: true}); err != nil {
			t.Errorf("acknowledged backup: %v", err)
			lost++
		} else {
			if ps, err := bs.Check(); err != nil || len(ps) > 0 {
				t.Errorf("acknowledged backup %s: check: %v %+v", b, err, ps)
				lost++
			}
			_ = bs.Close()
		}
	}
	return corrupt, lost, checked
}

// ackRecord is one acknowledged record from the child's output.
type ackRecord struct {
	kind    string
	id      uuid.UUID
	updated time.Time
	json    string
}

// decodeAck parses the JSON of an acknowledged record of kind.
func decodeAck(kind, data string) (ackRecord, error) {
	var m model.Meta
	var err error
	switch kind {
	case "member":
		var v model.Member
		err, m = json.Unmarshal([]byte(data), &v), v.Meta
	case "sprint":
		var v model.Sprint
		err, m = json.Unmarshal([]byte(data), &v), v.Meta
	case "objective":
		var v model.Objective
		err, m = json.Unmarshal([]byte(data), &v), v.Meta
	case "story":
		var v model.Story
		err, m = json.Unmarshal([]byte(data), &v), v.Meta
	case "assessment":
		var v model.Assessment
		err, m = json.Unmarshal([]byte(data), &v), v.Meta
	case "outcome":
		var v model.Outcome
		err, m = json.Unmarshal([]byte(data), &v), v.Meta
	case "action":
		var v model.ActionItem
		err, m = json.Unmarshal([]byte(data), &v), v.Meta
	default:
		return ackRecord{}, fmt.Errorf("unknown kind %q", kind)
	}
	return ackRecord{kind, m.ID, m.UpdatedAt, data}, err
}

// storedRecords indexes every record of d by ID, with its JSON.
func storedRecords(d model.Dataset) map[uuid.UUID]stored {
	out := map[uuid.UUID]stored{}
	add := func(m model.Meta, v any) {
		data, _ := json.Marshal(v)
		out[m.ID] = stored{m.UpdatedAt, string(data)}
	}
	for _, v := range d.Members {
		add(v.Meta, v)
	}
	for _, sd := range d.Sprints {
		add(sd.Sprint.Meta, sd.Sprint)
		for _, v := range sd.Objectives {
			add(v.Meta, v)
		}
		for _, v := range sd.Stories {
			add(v.Meta, v)
		}
		for _, v := range sd.Assessments {
			add(v.Meta, v)
		}
		for _, v := range sd.Outcomes {
			add(v.Meta, v)
		}
		for _, v := range sd.Actions {
			add(v.Meta, v)
		}
	}
	return out
}

func copyFile(t testing.TB, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o600); err != nil {
		t.Fatal(err)
	}
}
