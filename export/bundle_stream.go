package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// sprintsOpen is how the header of a bundle without sprints ends, as
// WriteJSON writes it; a BundleStream writes what comes before the "[" and
// then one sprint at a time.
const sprintsOpen = "  \"sprints\": []\n}\n"

// sprintIndent is the indentation of a sprint object in a bundle's
// "sprints" list: two levels of WriteJSON's two spaces.
const sprintIndent = "    "

// BundleStream writes a bundle of scope ScopeSprint or ScopeAll one sprint
// at a time, byte for byte as WriteJSON writes the whole bundle, so that a
// writer of every sprint holds one sprint's records in memory, not the
// history's. Start one with StartBundle, give it each sprint with Sprint in
// ID order, and end it with Close.
type BundleStream struct {
	w    io.Writer
	n    int       // sprints written
	last uuid.UUID // the ID of the last sprint written
	buf  bytes.Buffer
	enc  *json.Encoder
	err  error
}

// StartBundle writes the header of head (its goals and members; any sprints
// it holds are ignored: give them to Sprint) and returns the stream that
// writes the rest. head's scope must not be ScopeMine.
func StartBundle(w io.Writer, head Bundle) (*BundleStream, error) {
	if head.Scope == ScopeMine {
		return nil, errors.New("a bundle of one member's records is written whole, with WriteJSON")
	}
	head.data.Sprints = nil
	var buf bytes.Buffer
	if err := WriteJSON(&buf, head); err != nil {
		return nil, err
	}
	b := buf.Bytes()
	if !bytes.HasSuffix(b, []byte(sprintsOpen)) {
		return nil, errors.New("the bundle's header does not end with its list of sprints")
	}
	b = b[:len(b)-len(sprintsOpen)]
	s := &BundleStream{w: w}
	s.enc = json.NewEncoder(&s.buf)
	s.enc.SetIndent(sprintIndent, "  ")
	s.enc.SetEscapeHTML(false)
	s.write(b, []byte(`  "sprints": [`))
	return s, s.err
}

// Sprint writes one sprint with its records. Sprints must come in ID order
// (the order of a bundle: History.Sprints), each once.
func (s *BundleStream) Sprint(sd model.SprintData) error {
	if s.err != nil {
		return s.err
	}
	if id := sd.Sprint.ID; s.n > 0 && lessID(id, s.last) <= 0 {
		s.err = fmt.Errorf("sprint %s comes after sprint %s in a bundle, not before", s.last, id)
		return s.err
	}
	s.last = sd.Sprint.ID
	one := sortedCopy(model.Dataset{Sprints: []model.SprintData{sd}})
	s.buf.Reset()
	if err := s.enc.Encode(toWireSprint(one.Sprints[0])); err != nil {
		s.err = err
		return err
	}
	sep := []byte(",\n" + sprintIndent)
	if s.n == 0 {
		sep = sep[1:]
	}
	s.n++
	s.write(sep, bytes.TrimSuffix(s.buf.Bytes(), []byte("\n")))
	return s.err
}

// Close ends the list of sprints and the bundle.
func (s *BundleStream) Close() error {
	if s.n == 0 {
		s.write([]byte("]\n}\n"))
	} else {
		s.write([]byte("\n  ]\n}\n"))
	}
	return s.err
}

// write writes each of parts in turn, keeping the first error.
func (s *BundleStream) write(parts ...[]byte) {
	for _, p := range parts {
		if s.err != nil {
			return
		}
		_, s.err = s.w.Write(p)
	}
}
