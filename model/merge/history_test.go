package merge

import (
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/model"
)

// mtVersion sets the workspace story's title and history: edited from the
// version updated at second base (-1: never edited, so updated is 0) and
// updated at second updated.
func mtVersion(title string, base, updated int, deleted bool) func(*model.Dataset) {
	return func(d *model.Dataset) {
		s := mtStoryOf(*d)
		s.Title, s.UpdatedAt, s.Deleted = title, mtAt(updated), deleted
		s.Base = time.Time{}
		if base >= 0 {
			s.Base = mtAt(base)
		}
	}
}

func TestMerge_History_Conflicts(t *testing.T) {
	const created = -1
	tests := []struct {
		name       string
		local, inc func(*model.Dataset)
		want       model.ChangeKind
		wantTitle  string
		wantDel    bool
		written    bool
		note       string // substring of the note; "" wants none
		bothValues bool   // Local and Incoming show both titles
	}{
		{name: "fast-forward from the created version",
			local: mtVersion("Pay by card", created, 0, false), inc: mtVersion("Pay by link", 0, 10, false),
			want: model.ChangeUpdated, wantTitle: "Pay by link", written: true, bothValues: true},
		{name: "fast-forward from an edited version",
			local: mtVersion("Pay by QR", 0, 10, false), inc: mtVersion("Pay by link", 10, 20, false),
			want: model.ChangeUpdated, wantTitle: "Pay by link", written: true, bothValues: true},
		{name: "fast-forward past a version this side never saw",
			local: mtVersion("Pay by QR", 0, 10, false), inc: mtVersion("Pay by link", 15, 20, false),
			want: model.ChangeUpdated, wantTitle: "Pay by link", written: true},
		{name: "incoming is the local version's base",
			local: mtVersion("Pay by link", 10, 20, false), inc: mtVersion("Pay by QR", 0, 10, false),
			want: model.ChangeUnchanged, wantTitle: "Pay by link", note: "newer version", bothValues: true},
		{name: "incoming is older than the local version's base",
			local: mtVersion("Pay by link", 20, 30, false), inc: mtVersion("Pay by QR", 0, 10, false),
			want: model.ChangeUnchanged, wantTitle: "Pay by link", note: "newer version"},
		{name: "both edited one version, incoming later wins",
			local: mtVersion("Pay by QR", 0, 10, false), inc: mtVersion("Pay by link", 0, 20, false),
			want: model.ChangeConflict, wantTitle: "Pay by link", written: true, note: "kept the later, incoming one", bothValues: true},
		{name: "both edited one version, local later wins without a write",
			local: mtVersion("Pay by QR", 0, 20, false), inc: mtVersion("Pay by link", 0, 10, false),
			want: model.ChangeConflict, wantTitle: "Pay by QR", note: "kept the later, local one", bothValues: true},
		{name: "both edited from different versions neither side has",
			local: mtVersion("Pay by QR", 5, 20, false), inc: mtVersion("Pay by link", 10, 30, false),
			want: model.ChangeConflict, wantTitle: "Pay by link", written: true, note: "neither from the other's version", bothValues: true},
		{name: "edit without a base is no proof",
			local: mtVersion("Pay by QR", created, 10, false), inc: mtVersion("Pay by link", 0, 20, false),
			want: model.ChangeUpdated, wantTitle: "Pay by link", written: true, bothValues: true},
		{name: "deletion of the local edit",
			local: mtVersion("Pay by QR", 0, 10, false), inc: mtVersion("Pay by QR", 10, 20, true),
			want: model.ChangeDeleted, wantTitle: "Pay by QR", wantDel: true, written: true},
		{name: "deletion alongside an older edit",
			local: mtVersion("Pay by QR", 0, 10, false), inc: mtVersion("Pay by card", 0, 20, true),
			want: model.ChangeConflict, wantTitle: "Pay by card", wantDel: true, written: true, note: "and deleted on the other"},
		{name: "edit after a deletion stays a conflict",
			local: mtVersion("Pay by card", 0, 10, true), inc: mtVersion("Pay by link", 0, 20, false),
			want: model.ChangeConflict, wantTitle: "Pay by link", wantDel: true, written: true, note: "after it was deleted"},
		{name: "tie stays a conflict",
			local: mtVersion("Pay by QR", 0, 10, false), inc: mtVersion("Pay by link", 0, 10, false),
			want: model.ChangeConflict, wantTitle: "Pay by QR", note: "same moment", bothValues: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			local, incoming := mtWorkspace(), mtWorkspace()
			tt.local(&local)
			tt.inc(&incoming)
			res := mtMerge(t, local, incoming)
			c := mtChange(t, res, mtID(mtStory))
			if c.Kind != tt.want {
				t.Errorf("kind = %s, want %s (change %+v)", c.Kind, tt.want, c)
			}
			if tt.note == "" && c.Note != "" || !strings.Contains(c.Note, tt.note) {
				t.Errorf("note = %q, want %q", c.Note, tt.note)
			}
			ls, is := mtStoryOf(local).Title, mtStoryOf(incoming).Title
			if tt.bothValues && (!strings.Contains(c.Local, ls) || !strings.Contains(c.Incoming, is)) {
				t.Errorf("Local %q, Incoming %q: want %q and %q", c.Local, c.Incoming, ls, is)
			}
			if wrote := !res.Empty(); wrote != tt.written {
				t.Errorf("written = %v, want %v", wrote, tt.written)
			}
			got := *mtStoryOf(model.ApplyToDataset(local, res.Write))
			if got.Title != tt.wantTitle || got.Deleted != tt.wantDel {
				t.Errorf("after apply: %q deleted %v, want %q %v", got.Title, got.Deleted, tt.wantTitle, tt.wantDel)
			}
			// Merged records keep their Base: the winner is written verbatim.
			if tt.written && !got.Base.Equal(mtStoryOf(incoming).Base) {
				t.Errorf("after apply: Base %v, want the incoming %v", got.Base, mtStoryOf(incoming).Base)
			}
		})
	}
}

// TestMerge_History_ConflictBothWays: two members edit the same version on
// two machines; each import reports the conflict, and both machines keep the
// later edit.
func TestMerge_History_ConflictBothWays(t *testing.T) {
	a, b := mtWorkspace(), mtWorkspace()
	sa, sb := mtStoryOf(a), mtStoryOf(b)
	sa.Title = "Pay by QR"
	sa.Touch(mtAt(10))
	sb.Title = "Pay by link"
	sb.Touch(mtAt(20))
	ab, ba := mtMerge(t, a, b), mtMerge(t, b, a)
	for _, res := range []Result{ab, ba} {
		if n := res.Counts[model.ChangeConflict]; n != 1 {
			t.Errorf("conflicts = %d, want 1 (%+v)", n, res.Changes)
		}
	}
	ma, mb := model.ApplyToDataset(a, ab.Write), model.ApplyToDataset(b, ba.Write)
	if mtCanon(ma) != mtCanon(mb) {
		t.Errorf("the two machines differ after exchanging:\n%s\n%s", mtCanon(ma), mtCanon(mb))
	}
	if got := mtStoryOf(ma).Title; got != "Pay by link" {
		t.Errorf("title = %q, want the later edit", got)
	}
	// Once both hold the winner, an edit of it fast-forwards.
	next := ma
	ns := mtStoryOf(next)
	ns.Title = "Pay by wire"
	ns.Touch(mtAt(30))
	if c := mtChange(t, mtMerge(t, mb, next), mtID(mtStory)); c.Kind != model.ChangeUpdated {
		t.Errorf("edit of the merged version: %s, want updated (%+v)", c.Kind, c)
	}
}

func TestMerge_History_RejectsBadBase(t *testing.T) {
	tests := []struct {
		name string
		base time.Time
	}{
		{"base at the update time", mtAt(10)},
		{"base after the update time", mtAt(11)},
		{"base before creation", mtAt(-1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mtWorkspace()
			s := mtStoryOf(d)
			s.UpdatedAt, s.Base = mtAt(10), tt.base
			_, err := Merge(mtWorkspace(), d, mtNow, mtSkew)
			if err == nil || !strings.Contains(err.Error(), "base") || !strings.Contains(err.Error(), mtID(mtStory).String()) {
				t.Errorf("err = %v, want one naming the story and its base", err)
			}
		})
	}
}
