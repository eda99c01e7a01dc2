package export

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/demo"
	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

var streamAt = time.Date(2025, 3, 12, 10, 0, 0, 0, time.UTC)

// streamed writes d as a BundleStream does: header, then each sprint in ID
// order.
func streamed(t testing.TB, d model.Dataset) []byte {
	t.Helper()
	var buf bytes.Buffer
	head := NewBundle("Team <&>", uuid.Max, streamAt, ScopeAll, model.Dataset{Goals: d.Goals, Members: d.Members})
	head.Author = uuid.Max
	bs, err := StartBundle(&buf, head)
	if err != nil {
		t.Fatal(err)
	}
	sprints := slices.Clone(d.Sprints)
	slices.SortFunc(sprints, func(a, b model.SprintData) int { return lessID(a.Sprint.ID, b.Sprint.ID) })
	for _, sd := range sprints {
		if err := bs.Sprint(sd); err != nil {
			t.Fatal(err)
		}
	}
	if err := bs.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// whole writes d as one bundle with WriteJSON.
func whole(t testing.TB, d model.Dataset) []byte {
	t.Helper()
	b := NewBundle("Team <&>", uuid.Max, streamAt, ScopeAll, d)
	b.Author = uuid.Max
	var buf bytes.Buffer
	if err := WriteJSON(&buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestBundleStream_EqualsWriteJSON: streamed sprint by sprint, a bundle is
// byte for byte the one WriteJSON writes whole, on generated workspaces of
// growing history (sprints handed over in creation order, records in any
// order), with tombstones, text JSON could escape, and no sprints at all.
func TestBundleStream_EqualsWriteJSON(t *testing.T) {
	for _, n := range []int{0, 1, 9} {
		d := demo.Generate(streamAt, demo.Size{Sprints: max(n, 1), Members: 6, Objectives: 4, Stories: 5, Seed: 5})
		if n == 0 {
			d.Sprints = nil
		} else {
			sd := &d.Sprints[0]
			sd.Sprint.Goal = "ship <b> & \u2028 \"it\""
			sd.Stories[0].Deleted = true
			slices.Reverse(sd.Assessments) // the stream sorts as NewBundle does
			d.Members[0].Keys = nil
		}
		got, want := streamed(t, d), whole(t, d)
		if !bytes.Equal(got, want) {
			i := 0
			for i < min(len(got), len(want)) && got[i] == want[i] {
				i++
			}
			t.Errorf("%d sprints: streamed bundle differs from WriteJSON's at byte %d of %d/%d:\n got …%q\nwant …%q",
				n, i, len(got), len(want), got[max(0, i-40):min(len(got), i+40)], want[max(0, i-40):min(len(want), i+40)])
		}
		if n == 0 && !strings.Contains(string(got), `"sprints": []`) {
			t.Errorf("no sprints: %s", got)
		}
	}
}

// TestBundleStream_Refusals: sprints out of ID order, or twice, and a
// member's bundle are refused; a failing writer's error comes back.
func TestBundleStream_Refusals(t *testing.T) {
	d := demo.Generate(streamAt, demo.Size{Sprints: 2, Members: 2, Objectives: 1, Stories: 1, Seed: 1})
	var buf bytes.Buffer
	bs, err := StartBundle(&buf, NewBundle("T", uuid.Nil, streamAt, ScopeAll, d))
	if err != nil {
		t.Fatal(err)
	}
	later, earlier := d.Sprints[0], d.Sprints[1]
	if lessID(later.Sprint.ID, earlier.Sprint.ID) < 0 {
		later, earlier = earlier, later
	}
	if err := bs.Sprint(later); err != nil {
		t.Fatal(err)
	}
	for _, sd := range []model.SprintData{later, earlier} {
		if err := bs.Sprint(sd); err == nil || !strings.Contains(err.Error(), "comes after") {
			t.Errorf("sprint %s after %s: %v, want a refusal", sd.Sprint.ID, later.Sprint.ID, err)
		}
		bs.err = nil
	}
	if _, err := StartBundle(&buf, NewBundle("T", uuid.Nil, streamAt, ScopeMine, d)); err == nil {
		t.Error("a member's bundle was streamed")
	}
	if _, err := StartBundle(failWriter{}, NewBundle("T", uuid.Nil, streamAt, ScopeAll, d)); !errors.Is(err, errWrite) {
		t.Errorf("failing writer: %v, want %v", err, errWrite)
	}
}
