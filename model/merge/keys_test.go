package merge

import (
	"fmt"
	"strings"
	"testing"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// mtWithAssessment returns the workspace with its assessment replaced by one
// of ann on the objective with the given ID, progress and update time.
func mtWithAssessment(n, progress, sec int) model.Dataset {
	d := mtWorkspace()
	a := d.Sprints[0].Assessments[0]
	a.Meta, a.Progress = mtMeta(n, sec), progress
	d.Sprints[0].Assessments = []model.Assessment{a}
	return d
}

func TestMerge_AssessmentKeyCollision_OrderIndependent(t *testing.T) {
	// x is edited last, y created last: the greater ID (y) survives.
	x, y := mtWithAssessment(50, 70, 30), mtWithAssessment(60, 40, 10)
	xy := mtMerge(t, x, y)
	yx := mtMerge(t, y, x)
	afterXY, afterYX := model.ApplyToDataset(x, xy.Write), model.ApplyToDataset(y, yx.Write)
	if mtCanon(afterXY) != mtCanon(afterYX) {
		t.Fatalf("import order changes the result:\n%s\n%s", mtCanon(afterXY), mtCanon(afterYX))
	}
	live := 0
	for _, a := range afterXY.Sprints[0].Assessments {
		if !a.Deleted {
			live++
			if a.ID != mtID(60) {
				t.Errorf("survivor %s, want %s", a.ID, mtID(60))
			}
		}
	}
	if live != 1 {
		t.Errorf("%d live assessments, want 1", live)
	}
	for _, res := range []Result{xy, yx} {
		c := mtChange(t, res, mtID(50))
		if c.Kind != model.ChangeConflict || c.Label != "ann on Checkout" {
			t.Errorf("change %+v, want a conflict on ann on Checkout", c)
		}
		if !strings.Contains(c.Local+c.Incoming, "progress=70") || !strings.Contains(c.Local+c.Incoming, "progress=40") {
			t.Errorf("conflict does not show both values: %q / %q", c.Local, c.Incoming)
		}
		if !strings.Contains(c.Note, "same member and objective") {
			t.Errorf("note %q", c.Note)
		}
	}
	if c := mtChange(t, xy, mtID(60)); c.Kind != model.ChangeAdded {
		t.Errorf("survivor change %+v, want added", c)
	}
	// Both sides converge: importing the merged result back changes nothing.
	if again := mtMerge(t, afterXY, afterYX); !again.Empty() {
		t.Errorf("re-import writes %+v", again.Write)
	}
}

func TestMerge_AssessmentKeyCollision_DeletedSurvivor(t *testing.T) {
	x, y := mtWithAssessment(50, 70, 30), mtWithAssessment(60, 40, 10)
	y.Sprints[0].Assessments[0].Deleted = true
	after := model.ApplyToDataset(x, mtMerge(t, x, y).Write)
	for _, a := range after.Sprints[0].Assessments {
		if !a.Deleted {
			t.Errorf("assessment %s is live; a deleted survivor takes the whole key", a.ID)
		}
	}
}

func TestMerge_OutcomeKeyCollision_OrderIndependent(t *testing.T) {
	mk := func(n, sec int, notes string) model.Dataset {
		d := mtWorkspace()
		o := d.Sprints[0].Outcomes[0]
		o.Meta, o.Notes = mtMeta(n, sec), notes
		d.Sprints[0].Outcomes = []model.Outcome{o}
		return d
	}
	a, b := mk(70, 5, "from a"), mk(71, 5, "from b")
	ab := model.ApplyToDataset(a, mtMerge(t, a, b).Write)
	ba := model.ApplyToDataset(b, mtMerge(t, b, a).Write)
	if mtCanon(ab) != mtCanon(ba) {
		t.Fatalf("import order changes the result:\n%s\n%s", mtCanon(ab), mtCanon(ba))
	}
	for _, o := range ab.Sprints[0].Outcomes {
		if o.Deleted != (o.ID == mtID(70)) {
			t.Errorf("outcome %s deleted=%v", o.ID, o.Deleted)
		}
	}
}

func TestMerge_HandleReusedAfterDeletion(t *testing.T) {
	local, incoming := mtWorkspace(), mtWorkspace()
	local.Members[1].Deleted, local.Members[1].UpdatedAt = true, mtAt(5)
	incoming.Members = append(incoming.Members, model.Member{Meta: mtMeta(110, 6), Name: "Bob Two", Handle: "bob", Active: true})
	incoming.Members[1].Deleted, incoming.Members[1].UpdatedAt = true, mtAt(5)
	res := mtMerge(t, local, incoming)
	if c := mtChange(t, res, mtID(110)); c.Kind != model.ChangeAdded {
		t.Errorf("change %+v, want added", c)
	}
}

func TestMerge_RendersReferencesByLabel(t *testing.T) {
	local, incoming := mtWorkspace(), mtWorkspace()
	a := &incoming.Sprints[0].Actions[0]
	a.OwnerID, a.UpdatedAt = mtID(mtAnn), mtAt(10)
	c := mtChange(t, mtMerge(t, local, incoming), mtID(mtAction))
	if c.Kind != model.ChangeUpdated || !strings.HasPrefix(c.Local, `owner="bob"`) || !strings.HasPrefix(c.Incoming, `owner="ann"`) {
		t.Errorf("change %+v, want owner bob → ann", c)
	}
	if !strings.HasSuffix(c.Incoming, "updated 2025-04-01 09:00:10 UTC") {
		t.Errorf("Incoming %q does not end with its update time", c.Incoming)
	}
}

// mtLargeWorkspace has sprints × 10 objectives, each with 20 stories and an
// assessment by each of 8 members.
func mtLargeWorkspace(sprints int) model.Dataset {
	n := 1000
	next := func() model.Meta { n++; return model.Meta{ID: mtID(n), CreatedAt: mtBase, UpdatedAt: mtBase} }
	var d model.Dataset
	for m := range 8 {
		d.Members = append(d.Members, model.Member{Meta: next(), Name: "M", Handle: fmt.Sprintf("m%d", m), Active: true})
	}
	for range sprints {
		sd := model.SprintData{Sprint: model.Sprint{Meta: next(), Name: "S", Start: model.Day(mtBase), End: model.Day(mtBase), State: model.StateClosed}}
		for range 10 {
			o := model.Objective{Meta: next(), SprintID: sd.Sprint.ID, Title: "objective"}
			sd.Objectives = append(sd.Objectives, o)
			for range 20 {
				sd.Stories = append(sd.Stories, model.Story{Meta: next(), SprintID: o.SprintID, ObjectiveID: o.ID, Title: "story", Status: model.StoryDone})
			}
			for _, m := range d.Members {
				sd.Assessments = append(sd.Assessments, model.Assessment{Meta: next(), SprintID: o.SprintID, ObjectiveID: o.ID, MemberID: m.ID, Progress: 50, Confidence: 3})
			}
		}
		d.Sprints = append(d.Sprints, sd)
	}
	return d
}

// BenchmarkMerge_Reimport merges a workspace of about 29,000 records into
// itself: the common case of a bundle that changes little.
func BenchmarkMerge_Reimport(b *testing.B) {
	d := mtLargeWorkspace(100)
	for b.Loop() {
		if res, err := Merge(d, d, mtNow, 0); err != nil || !res.Empty() {
			b.Fatal(err, res.Counts)
		}
	}
}

// BenchmarkCheckAuthority_Reimport checks a member's authority over a
// workspace of about 29,000 records brought back unchanged (the worst
// case: every record compared, none changed), next to
// BenchmarkMerge_Reimport, the merge the check follows.
func BenchmarkCheckAuthority_Reimport(b *testing.B) {
	d := mtLargeWorkspace(100)
	if len(d.Members) == 0 {
		b.Fatal("no members")
	}
	author := model.Author{ID: d.Members[len(d.Members)-1].ID}
	for b.Loop() {
		if rs := model.CheckAuthority(d, d, author); len(rs) != 0 {
			b.Fatal(rs)
		}
	}
}

func mtChange(t *testing.T, res Result, id uuid.UUID) model.Change {
	t.Helper()
	for _, c := range res.Changes {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("no change for %s in %+v", id, res.Changes)
	return model.Change{}
}

func mtStoryOf(d model.Dataset) *model.Story { return &d.Sprints[0].Stories[0] }

func intPtrMT(v int) *int { return &v }
