package store

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/align-team/align/model"
	"github.com/align-team/align/store/internal/filesafe"
	"github.com/google/uuid"
)

// damageBaseFile holds the healthy workspace the damage cases start from.
// bbolt's page layout varies from run to run (it spills nested buckets in
// map order), so the file is kept rather than rebuilt: the seeded damage
// then lands on the same bytes on every run. Rebuild it with
// go test ./store/ -run TestOpen_DamagedFiles -update-damage-base
const damageBaseFile = "testdata/damage-base.db.gz"

var updateDamageBase = flag.Bool("update-damage-base", false, "rebuild "+damageBaseFile)

// damageBase returns the bytes of the base workspace and the digest of its
// dataset, building and saving it first when asked to or when it is missing.
func damageBase(t *testing.T) ([]byte, string) {
	if !*updateDamageBase {
		if data, err := readGzip(damageBaseFile); err == nil {
			path := filepath.Join(t.TempDir(), "align.db")
			writeFile(t, path, data)
			s := openTestStore(t, path, Options{ReadOnly: true})
			return data, datasetDigest(must[model.Dataset](t)(s.Dataset(DatasetOptions{IncludeDeleted: true})))
		}
	}
	data, want := buildDamageBase(t)
	if err := writeGzip(damageBaseFile, data); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", damageBaseFile)
	return data, want
}

func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	r, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

func writeGzip(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	_, _ = w.Write(data)
	if err := w.Close(); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// buildDamageBase builds the base workspace: two sprints of seeded records,
// with the slack bbolt leaves in its pages cleared.
func buildDamageBase(t *testing.T) ([]byte, string) {
	uuid.SetRand(rand.NewChaCha8([32]byte{1, 2, 3}))
	defer uuid.SetRand(nil)
	path := filepath.Join(t.TempDir(), "align.db")
	s := openTestStore(t, path, Options{})
	if err := s.Apply(seededIDs(benchDataset(2))); err != nil {
		t.Fatal(err)
	}
	d := must[model.Dataset](t)(s.Dataset(DatasetOptions{IncludeDeleted: true}))
	_ = s.Close()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	zeroSlack(t, data)
	return data, datasetDigest(d)
}

// zeroSlack clears the bytes of data that bbolt never reads (see
// filesafe.ZeroSlack), so that the base file is the same on every run.
func zeroSlack(t *testing.T, data []byte) {
	if err := filesafe.ZeroSlack(data, t.TempDir()); err != nil {
		t.Fatal(err)
	}
}

// seededIDs gives every record of d a new ID from a seeded sequence (in the
// UUIDv7 layout, in creation order) and rewrites the references to match.
func seededIDs(d model.Dataset) model.Dataset {
	rng := rand.New(rand.NewPCG(7, 7))
	ids := map[uuid.UUID]uuid.UUID{}
	next := uint64(0x0190_0000_0000)
	re := func(id *uuid.UUID) {
		if *id == uuid.Nil {
			return
		}
		if n, ok := ids[*id]; ok {
			*id = n
			return
		}
		var n uuid.UUID
		binary.BigEndian.PutUint64(n[8:], rng.Uint64())
		binary.BigEndian.PutUint64(n[0:], next<<16|uint64(rng.Uint32()&0x0fff)|0x7000)
		n[8] = n[8]&0x3f | 0x80
		next++
		ids[*id] = n
		*id = n
	}
	for i := range d.Members {
		re(&d.Members[i].ID)
	}
	for i := range d.Sprints {
		sd := &d.Sprints[i]
		re(&sd.Sprint.ID)
		for j := range sd.Objectives {
			re(&sd.Objectives[j].ID)
			re(&sd.Objectives[j].SprintID)
		}
		for j := range sd.Stories {
			st := &sd.Stories[j]
			re(&st.ID)
			re(&st.SprintID)
			re(&st.ObjectiveID)
		}
		for j := range sd.Assessments {
			a := &sd.Assessments[j]
			re(&a.ID)
			re(&a.SprintID)
			re(&a.ObjectiveID)
			re(&a.MemberID)
		}
	}
	return d
}

func datasetDigest(d model.Dataset) string {
	data, _ := json.Marshal(d)
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func caseFile(dir string, i int) string { return filepath.Join(dir, fmt.Sprintf("case-%04d.db", i)) }
