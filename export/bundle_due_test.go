package export

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// An action item's due date travels in the bundle and comes back the same;
// an item without one writes no "due" key, so older readers are not upset.
func TestBundle_ActionDue_RoundTrip(t *testing.T) {
	in := fixtureDataset()
	due := time.Date(2025, 3, 20, 0, 0, 0, 0, time.UTC)
	set := false
	for i := range in.Sprints {
		if len(in.Sprints[i].Actions) > 0 && !set {
			in.Sprints[i].Actions[0].Due, set = due, true
		}
	}
	if !set {
		t.Fatal("the fixture has no action item")
	}
	data := writeJSON(t, NewBundle("T", replica, exportedAt, ScopeAll, in))
	if n := strings.Count(string(data), `"due": "2025-03-20"`); n != 1 {
		t.Fatalf("bundle holds %d due keys, want 1:\n%s", n, data)
	}
	b, err := DecodeBundle(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	out, err := b.Dataset()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, sd := range out.Sprints {
		for _, a := range sd.Actions {
			if !a.Due.IsZero() {
				n++
				if !a.Due.Equal(due) {
					t.Errorf("due = %v, want %v", a.Due, due)
				}
			}
		}
	}
	if n != 1 {
		t.Errorf("%d items came back with a due date, want 1", n)
	}
	bad := strings.Replace(string(data), `"due": "2025-03-20"`, `"due": "soon"`, 1)
	if _, err := DecodeBundle(strings.NewReader(bad)); err == nil || !strings.Contains(err.Error(), "due") {
		t.Errorf("a bad due date: err = %v, want one naming due", err)
	}
}
