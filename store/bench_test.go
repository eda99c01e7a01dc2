package store

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/align-team/align/model"
	"github.com/align-team/align/store/internal/filesafe"
	"github.com/google/uuid"
)

// benchDataset builds a workspace of n two-week sprints, each with 10
// objectives, 20 stories per objective and an assessment by each of 8
// members per objective. IDs are UUIDv7, stamps follow a fixed clock.
func benchDataset(n int) model.Dataset {
	clock := newClock()
	meta := func() model.Meta { return model.NewMeta(clock.Now()) }
	var d model.Dataset
	for i := range 8 {
		d.Members = append(d.Members, model.Member{Meta: meta(), Name: fmt.Sprintf("Member %d", i), Handle: fmt.Sprintf("m%d", i), Active: true})
	}
	for s := range n {
		start := t0.AddDate(0, 0, 14*s)
		sp := model.Sprint{Meta: meta(), Name: fmt.Sprintf("Sprint %d", s+1), Start: start, End: start.AddDate(0, 0, 13), State: model.StateClosed}
		sd := model.SprintData{Sprint: sp}
		for o := range 10 {
			obj := model.Objective{Meta: meta(), SprintID: sp.ID, Title: fmt.Sprintf("Objective %d", o), Order: o}
			sd.Objectives = append(sd.Objectives, obj)
			for k := range 20 {
				sd.Stories = append(sd.Stories, model.Story{Meta: meta(), SprintID: sp.ID, ObjectiveID: obj.ID,
					Title: fmt.Sprintf("Story %d", k), Points: 3, Status: model.StoryDone, Order: k})
			}
			for _, m := range d.Members {
				sd.Assessments = append(sd.Assessments, model.Assessment{Meta: meta(), SprintID: sp.ID, ObjectiveID: obj.ID,
					MemberID: m.ID, Progress: (o * 7) % 101, Confidence: 3, Note: "steady"})
			}
		}
		d.Sprints = append(d.Sprints, sd)
	}
	return d
}

// BenchmarkStore_SprintData loads the newest sprint from workspaces of
// growing history: the time per load should stay flat.
func BenchmarkStore_SprintData(b *testing.B) {
	for _, n := range []int{10, 200} {
		b.Run(fmt.Sprintf("sprints=%d", n), func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "align.db")
			s, err := Open(path, Options{Timeout: time.Second})
			if err != nil {
				b.Fatal(err)
			}
			defer func() { _ = s.Close() }()
			d := benchDataset(n)
			if err := s.Apply(d); err != nil {
				b.Fatal(err)
			}
			last := d.Sprints[n-1].Sprint.ID
			b.ResetTimer()
			for b.Loop() {
				sd, err := s.SprintData(last)
				if err != nil || len(sd.Stories) != 200 {
					b.Fatalf("SprintData = %d stories, %v", len(sd.Stories), err)
				}
			}
		})
	}
}

// TestStore_Apply_LargeWorkspace applies a large generated workspace and
// checks it, to keep Apply and Check usable at the size of years of history.
func TestStore_Apply_LargeWorkspace(t *testing.T) {
	if testing.Short() {
		t.Skip("large workspace")
	}
	s := newTestStore(t)
	d := benchDataset(60)
	start := time.Now()
	if err := s.Apply(d); err != nil {
		t.Fatal(err)
	}
	t.Logf("applied %d sprints in %v", len(d.Sprints), time.Since(start))
	sd, err := s.SprintData(d.Sprints[59].Sprint.ID)
	if err != nil || len(sd.Objectives) != 10 || sd.Objectives[0].ID != d.Sprints[59].Objectives[0].ID {
		t.Fatalf("SprintData = %d objectives, %v", len(sd.Objectives), err)
	}
	var zero uuid.UUID
	if all, err := s.Dataset(DatasetOptions{Sprint: zero}); err != nil || len(all.Sprints) != 60 {
		t.Fatalf("Dataset = %d sprints, %v", len(all.Sprints), err)
	}
}

// BenchmarkOpen_Guard measures the structural check every Open runs before
// bbolt maps the file (filesafe.Guard), and a whole read-only Open, on a
// workspace of 130 sprints (five years of history).
func BenchmarkOpen_Guard(b *testing.B) {
	path := filepath.Join(b.TempDir(), "align.db")
	s, err := Open(path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Apply(benchDataset(130)); err != nil {
		b.Fatal(err)
	}
	_ = s.Close()
	b.Run("guard", func(b *testing.B) {
		for b.Loop() {
			if err := filesafe.Guard(path, time.Second); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("open-readonly", func(b *testing.B) {
		for b.Loop() {
			s, err := Open(path, Options{ReadOnly: true})
			if err != nil {
				b.Fatal(err)
			}
			_ = s.Close()
		}
	})
	b.Run("open-write", func(b *testing.B) {
		for b.Loop() {
			s, err := Open(path, Options{NoAutoBackup: true})
			if err != nil {
				b.Fatal(err)
			}
			_ = s.Close()
		}
	})
}
