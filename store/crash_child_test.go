package store

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// crashChild is the writer the crash test kills. It opens $ALIGN_PATH (new,
// version 1 or version 2, as the parent prepared it), then writes a seeded
// mix of records through the real API until it is killed. Before each write
// it prints "try N"; after the call returned nil (committed) it prints
// "ack N KIND JSON" for every record the write stored, "ack N backup PATH"
// for a backup and "ack N open" once Open (with any creation or migration)
// is done. Output goes straight to the pipe, one write per line.
func crashChild() int {
	path := os.Getenv("ALIGN_PATH")
	seed, _ := strconv.ParseUint(os.Getenv("ALIGN_SEED"), 10, 64)
	c := &crashWriter{rng: rand.New(rand.NewPCG(seed, 7)), dir: filepath.Dir(path)}
	deadline := time.Now().Add(5 * time.Second) // never outlive a dead parent for long

	c.try()
	s, err := Open(path, Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "crash child: open:", err)
		return 1
	}
	c.s = s
	c.ack("open", nil)
	if err := c.setUp(); err != nil {
		fmt.Fprintln(os.Stderr, "crash child: set up:", err)
		return 1
	}
	for time.Now().Before(deadline) {
		if err := c.step(); err != nil {
			fmt.Fprintln(os.Stderr, "crash child:", err)
			return 1
		}
	}
	return 0
}

type crashWriter struct {
	s       *Store
	rng     *rand.Rand
	dir     string
	n       int // sequence number of the current write
	members []model.Member
	sprint  model.Sprint
	objs    []model.Objective
	backups int
}

func (c *crashWriter) try() {
	c.n++
	fmt.Fprintf(os.Stdout, "try %d\n", c.n)
}

// ack prints one acknowledged record (v nil: just the kind).
func (c *crashWriter) ack(kind string, v any) {
	if v == nil {
		fmt.Fprintf(os.Stdout, "ack %d %s\n", c.n, kind)
		return
	}
	data, _ := json.Marshal(v)
	fmt.Fprintf(os.Stdout, "ack %d %s %s\n", c.n, kind, data)
}

// setUp finds or creates the members, sprint and objectives the writes use.
func (c *crashWriter) setUp() error {
	ms, err := c.s.Members()
	if err != nil {
		return err
	}
	c.members = ms
	for len(c.members) < 3 {
		c.try()
		h := fmt.Sprintf("m%d", len(c.members))
		m, err := c.s.SaveMember(model.Member{Name: "Member " + h, Handle: h, Active: true})
		if err != nil {
			return err
		}
		c.ack("member", m)
		c.members = append(c.members, m)
	}
	sps, err := c.s.Sprints()
	if err != nil {
		return err
	}
	for _, sp := range sps {
		if sp.State == model.StateAssessing {
			c.sprint = sp
		}
	}
	if c.sprint.ID == uuid.Nil {
		c.try()
		sp, err := c.s.SaveSprint(model.Sprint{Name: "Crash sprint", Start: t0, End: t0.AddDate(0, 0, 13), State: model.StateAssessing})
		if err != nil {
			return err
		}
		c.ack("sprint", sp)
		c.sprint = sp
	}
	d, err := c.s.SprintData(c.sprint.ID)
	if err != nil {
		return err
	}
	c.objs = d.Objectives
	for len(c.objs) < 3 {
		c.try()
		o, err := c.s.SaveObjective(model.Objective{SprintID: c.sprint.ID, Title: fmt.Sprintf("Objective %d", len(c.objs))})
		if err != nil {
			return err
		}
		c.ack("objective", o)
		c.objs = append(c.objs, o)
	}
	return nil
}

// step does one seeded write.
func (c *crashWriter) step() error {
	obj := c.objs[c.rng.IntN(len(c.objs))]
	member := c.members[c.rng.IntN(len(c.members))]
	c.try()
	switch r := c.rng.IntN(100); {
	case r < 40:
		a, err := c.s.SaveAssessment(model.Assessment{ObjectiveID: obj.ID, MemberID: member.ID,
			Progress: c.rng.IntN(101), Confidence: 1 + c.rng.IntN(5), Note: fmt.Sprintf("write %d", c.n)})
		if err != nil {
			return err
		}
		c.ack("assessment", a)
	case r < 55:
		agreed := c.rng.IntN(101)
		o, err := c.s.SaveOutcome(model.Outcome{ObjectiveID: obj.ID, Agreed: &agreed, Notes: fmt.Sprintf("write %d", c.n)})
		if err != nil {
			return err
		}
		c.ack("outcome", o)
	case r < 70:
		a, err := c.s.SaveAction(model.ActionItem{SprintID: c.sprint.ID, ObjectiveID: obj.ID, OwnerID: member.ID, Text: fmt.Sprintf("Action %d", c.n)})
		if err != nil {
			return err
		}
		c.ack("action", a)
	case r < 85:
		st, err := c.s.SaveStory(model.Story{ObjectiveID: obj.ID, Title: fmt.Sprintf("Story %d", c.n), Status: model.StoryTodo, Points: 1 + c.rng.IntN(8)})
		if err != nil {
			return err
		}
		c.ack("story", st)
	case r < 95:
		d := crashBundle(c.members, time.Now().UTC(), c.n)
		if err := c.s.Apply(d); err != nil {
			return err
		}
		for _, sd := range d.Sprints {
			c.ack("sprint", sd.Sprint)
			for _, o := range sd.Objectives {
				c.ack("objective", o)
			}
			for _, st := range sd.Stories {
				c.ack("story", st)
			}
			for _, a := range sd.Assessments {
				c.ack("assessment", a)
			}
		}
	default:
		c.backups++
		dest := filepath.Join(c.dir, fmt.Sprintf("backup-%d.db", c.backups))
		if err := c.s.Backup(dest, false); err != nil {
			return err
		}
		c.ack("backup "+dest, nil)
	}
	return nil
}

// crashBundle is a bundle-sized dataset: a closed sprint with 5 objectives,
// 20 stories and an assessment of every objective by every member.
func crashBundle(members []model.Member, now time.Time, n int) model.Dataset {
	meta := func() model.Meta { return model.NewMeta(now) }
	start := model.Day(t0).AddDate(0, 0, -14*(n+1))
	sp := model.Sprint{Meta: meta(), Name: fmt.Sprintf("Imported %d", n), Start: start, End: start.AddDate(0, 0, 13), State: model.StateClosed}
	sd := model.SprintData{Sprint: sp}
	for o := range 5 {
		obj := model.Objective{Meta: meta(), SprintID: sp.ID, Title: fmt.Sprintf("Imported objective %d", o), Order: o}
		sd.Objectives = append(sd.Objectives, obj)
		for k := range 4 {
			sd.Stories = append(sd.Stories, model.Story{Meta: meta(), SprintID: sp.ID, ObjectiveID: obj.ID,
				Title: fmt.Sprintf("Imported story %d", k), Status: model.StoryDone, Points: 2, Order: k})
		}
		for _, m := range members {
			sd.Assessments = append(sd.Assessments, model.Assessment{Meta: meta(), SprintID: sp.ID, ObjectiveID: obj.ID,
				MemberID: m.ID, Progress: 10 * o, Confidence: 3, Note: "imported"})
		}
	}
	return model.Dataset{Sprints: []model.SprintData{sd}}
}
