package export

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/align-team/align/model"
)

// The seed corpora live in testdata/fuzz/<target>/ (the golden bundles and
// tracker samples, plus hostile inputs); `go test` runs every seed as a
// regular test. Fuzz with, one target at a time:
//
//	go test ./export -run '^$' -fuzz FuzzDecodeBundle -fuzztime 30s
//	go test ./export -run '^$' -fuzz FuzzParseTrackerCSV -fuzztime 30s

// FuzzDecodeBundle checks that no input makes DecodeBundle or Dataset
// panic, that a bundle DecodeBundle accepts is a valid dataset, and that
// writing it again and decoding the result gives an equal dataset and the
// same bytes.
func FuzzDecodeBundle(f *testing.F) {
	f.Add([]byte(`{"format":"align-bundle","version":2}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := DecodeBundle(bytes.NewReader(data))
		if err != nil {
			return
		}
		d, err := b.Dataset()
		if err != nil {
			t.Fatalf("DecodeBundle accepted a bundle whose Dataset fails: %v", err)
		}
		var out bytes.Buffer
		nb := NewBundle(b.Team, b.Replica, b.ExportedAt, b.Scope, d)
		nb.Author = b.Author
		if err := WriteJSON(&out, nb); err != nil {
			t.Fatalf("WriteJSON: %v", err)
		}
		b2, err := DecodeBundle(bytes.NewReader(out.Bytes()))
		if err != nil {
			t.Fatalf("a written bundle does not decode: %v\n%s", err, out.Bytes())
		}
		d2, err := b2.Dataset()
		if err != nil {
			t.Fatalf("Dataset of a written bundle: %v", err)
		}
		if !reflect.DeepEqual(d, d2) {
			t.Fatalf("dataset changed through WriteJSON and DecodeBundle:\nbefore %+v\nafter  %+v", d, d2)
		}
		if b2.Team != b.Team || b2.Replica != b.Replica || !b2.ExportedAt.Equal(b.ExportedAt) || b2.Scope != b.Scope || b2.Author != b.Author {
			t.Fatalf("header changed: before %+v, after %+v", b, b2)
		}
		var again bytes.Buffer
		if err := WriteJSON(&again, b2); err != nil {
			t.Fatalf("WriteJSON: %v", err)
		}
		if !bytes.Equal(out.Bytes(), again.Bytes()) {
			t.Fatalf("writing a decoded bundle is not byte-identical:\nfirst  %s\nsecond %s", out.Bytes(), again.Bytes())
		}
	})
}

// FuzzParseTrackerCSV checks that no input or --map makes ParseTrackerCSV
// panic, that every row it returns is a valid story (known status, sanitised
// text within the caps, points in range, a key used once), that every
// problem has a line number, and that parsing is deterministic. maps holds
// --map values separated by newlines.
func FuzzParseTrackerCSV(f *testing.F) {
	f.Add([]byte("Issue key,Summary,Status\nA-1,Sign up,Done\n"), "")
	f.Fuzz(func(t *testing.T, data []byte, maps string) {
		var mapping map[string]string
		if maps != "" {
			m, err := ParseTrackerMap(strings.Split(maps, "\n"))
			if err != nil {
				return
			}
			mapping = m
		}
		got, err := ParseTrackerCSV(bytes.NewReader(data), mapping)
		if err != nil {
			if got.Layout != "" || got.Rows != nil || got.Problems != nil || got.Skipped != nil {
				t.Fatalf("an error came with a partial result: %+v", got)
			}
			return
		}
		if !slices.Contains([]string{LayoutJira, LayoutLinear, LayoutGitHub, LayoutCustom}, got.Layout) {
			t.Fatalf("layout %q", got.Layout)
		}
		keys := map[string]bool{}
		last := 1
		for _, r := range got.Rows {
			checkTrackerRow(t, r)
			if r.Line <= last {
				t.Fatalf("row line %d after line %d", r.Line, last)
			}
			last = r.Line
			if r.Key != "" {
				k := strings.ToLower(r.Key)
				if keys[k] {
					t.Fatalf("key %q returned twice", r.Key)
				}
				keys[k] = true
			}
		}
		for _, p := range slices.Concat(got.Problems, got.Skipped) {
			if p.Line < 1 || p.Msg == "" {
				t.Fatalf("problem without a line or message: %+v", p)
			}
		}
		again, err := ParseTrackerCSV(bytes.NewReader(data), mapping)
		if err != nil || !reflect.DeepEqual(got, again) {
			t.Fatalf("a second parse differs: %v", err)
		}
	})
}

func checkTrackerRow(t *testing.T, r TrackerRow) {
	t.Helper()
	switch {
	case !slices.Contains(model.StoryStatuses, r.Status):
		t.Fatalf("row %+v: status %q is not a story status", r, r.Status)
	case r.Title == "" || r.Title != model.Sanitize(r.Title, false) || utf8.RuneCountInString(r.Title) > model.MaxTitle:
		t.Fatalf("row %+v: title %q is empty, unsanitised or too long", r, r.Title)
	case r.Key != model.Sanitize(r.Key, false) || utf8.RuneCountInString(r.Key) > model.MaxKey:
		t.Fatalf("row %+v: key %q is unsanitised or too long", r, r.Key)
	case r.Parent != model.Sanitize(r.Parent, false) || utf8.RuneCountInString(r.Parent) > model.MaxTitle:
		t.Fatalf("row %+v: parent %q is unsanitised or too long", r, r.Parent)
	case r.Points < 0 || r.Points > model.MaxPoints:
		t.Fatalf("row %+v: points %d out of range", r, r.Points)
	}
	s := model.Story{Title: r.Title, Key: r.Key, Points: r.Points, Status: r.Status}
	if err := s.Validate(); err != nil {
		t.Fatalf("row %+v is not a valid story: %v", r, err)
	}
}
