package export

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// golden compares got with testdata/name, or rewrites the file with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./export -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs at line %d:\n got: %q\nwant: %q\n(run go test ./export -update if the change is intended)", path, i+1, g, w)
			}
		}
		t.Fatalf("%s differs (run go test ./export -update if the change is intended)", path)
	}
}

// id returns a fixed UUIDv7-shaped id; ids sort by n, like creation order.
func id(n int) uuid.UUID {
	return uuid.MustParse(fmt.Sprintf("01950000-0000-7000-8000-%012x", n))
}

var base = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// meta is a record created at base+minutes and updated edits minutes later,
// a minute apart (its Base is the previous edit);
// odd ids get a sub-second part to prove nanoseconds survive.
func meta(n, minutes, edits int) model.Meta {
	c := base.Add(time.Duration(minutes) * time.Minute)
	if n%2 == 1 {
		c = c.Add(123456789 * time.Nanosecond)
	}
	m := model.Meta{ID: id(n), CreatedAt: c, UpdatedAt: c.Add(time.Duration(edits) * time.Minute)}
	if edits > 0 {
		m.Base = m.UpdatedAt.Add(-time.Minute) // edited from the version a minute older
	}
	return m
}

func dead(m model.Meta) model.Meta { m.Deleted = true; return m }

func intp(v int) *int { return &v }

// Fixed ids of the fixture's records.
var (
	gActivation, gChurn, gOld                      = id(0x01), id(0x02), id(0x03)
	mAlice, mBob, mCarol, mDana, mErik, mGus, mOld = id(0x11), id(0x12), id(0x13), id(0x14), id(0x15), id(0x16), id(0x17)
	s13, s14                                       = id(0x100), id(0x200)
	o13, o1, o2, o3, o4                            = id(0x101), id(0x201), id(0x202), id(0x203), id(0x204)
)

func fixtureGoals() []model.Goal {
	return []model.Goal{
		{Meta: meta(0x01, -20000, 0), Title: "Grow activation", Description: "More sign-ups become weekly users."},
		{Meta: meta(0x02, -19990, 5), Title: "Reduce churn"},
		{Meta: dead(meta(0x03, -19980, 60)), Title: "Old goal", Archived: true},
	}
}

func fixtureMembers() []model.Member {
	mem := func(n int, name, handle string, active bool) model.Member {
		return model.Member{Meta: meta(n, -20000+n, 0), Name: name, Handle: handle, Active: active}
	}
	alice := mem(0x11, "Alice Ahlberg", "alice", true)
	alice.Facilitator = true
	alice.Keys = []string{"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyOnlyForTests alice@laptop"}
	old := mem(0x17, "Old Timer", "old_timer", false)
	old.Meta = dead(old.Meta)
	return []model.Member{
		alice,
		mem(0x12, "Bob Brown", "bob", true),
		mem(0x13, "Carol Chen", "carol", true),
		mem(0x14, "Dana Diaz", "dana", true),
		mem(0x15, "Erik Eriksen", "erik", true),
		mem(0x16, "Gus Grant", "gus", false),
		old,
	}
}

// fixtureSprint13 is a closed sprint with an agreed outcome and notes that
// a spreadsheet would take for formulas.
func fixtureSprint13() model.SprintData {
	return model.SprintData{
		Sprint: model.Sprint{Meta: meta(0x100, -20160, 10), Name: "Sprint 13", Goal: "Measure sign-ups",
			Start: time.Date(2026, 2, 16, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 2, 27, 0, 0, 0, 0, time.UTC),
			State: model.StateClosed},
		Objectives: []model.Objective{
			{Meta: meta(0x101, -20150, 0), SprintID: s13, Title: "Sign-up analytics", GoalID: gActivation, Order: 1},
		},
		Stories: []model.Story{
			{Meta: meta(0x102, -20140, 3000), SprintID: s13, ObjectiveID: o13, Title: "As a PM I see daily sign-ups",
				Points: 3, Status: model.StoryDone, Key: "AN-1", Order: 1},
		},
		Assessments: []model.Assessment{
			{Meta: meta(0x103, -5000, 0), SprintID: s13, ObjectiveID: o13, MemberID: mAlice, Progress: 70, Confidence: 4,
				Note: "=SUM(A1:A9)", Submitted: true},
			{Meta: meta(0x104, -4990, 0), SprintID: s13, ObjectiveID: o13, MemberID: mBob, Progress: 50, Confidence: 3,
				Note: "-5 points lower than last time", Submitted: true},
			{Meta: meta(0x105, -4980, 0), SprintID: s13, ObjectiveID: o13, MemberID: mCarol, Abstain: true,
				Note: "@carol was away", Submitted: true},
		},
		Outcomes: []model.Outcome{
			{Meta: meta(0x106, -4000, 30), SprintID: s13, ObjectiveID: o13, Agreed: intp(60), Discussed: true, Revealed: true},
		},
	}
}

// fixtureSprint14 is the sprint under review: a split objective with an
// outlier, an aligned one whose stories disagree with the team, a divergent
// one with no goal and no stories and an abstention; dana has not submitted.
func fixtureSprint14() model.SprintData {
	as := func(n, obj int, member uuid.UUID, progress, conf int, note string) model.Assessment {
		return model.Assessment{Meta: meta(n, 60+n-0x210, 2), SprintID: s14, ObjectiveID: id(obj), MemberID: member,
			Progress: progress, Confidence: conf, Note: note, Submitted: true}
	}
	story := func(n, obj int, key, title string, points int, status model.StoryStatus) model.Story {
		return model.Story{Meta: meta(n, 10+n-0x220, 0), SprintID: s14, ObjectiveID: id(obj), Title: title,
			Points: points, Status: status, Key: key, Order: n - 0x220}
	}
	late := as(0x218, 0x202, mErik, 75, 4, "Cutover rehearsal went fine")
	late.Late = true
	abstain := as(0x21b, 0x203, mCarol, 0, 0, "Not my area")
	abstain.Abstain = true
	gone := as(0x21c, 0x201, mGus, 5, 1, "withdrawn")
	gone.Meta = dead(gone.Meta)
	deadStory := story(0x225, 0x201, "ONB-5", "Dropped: dark mode", 2, model.StoryTodo)
	deadStory.Meta = dead(deadStory.Meta)
	return model.SprintData{
		Sprint: model.Sprint{Meta: meta(0x200, 0, 7000), Name: "Sprint 14",
			Goal:  "Ship the new onboarding flow\nand move billing to the new provider",
			Start: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 3, 13, 0, 0, 0, 0, time.UTC),
			State: model.StateReview},
		Objectives: []model.Objective{
			{Meta: meta(0x201, 1, 0), SprintID: s14, Title: "Onboarding flow live", GoalID: gActivation, Order: 1,
				Description: "New users finish sign-up in under two minutes.", CarriedFrom: o13, Baseline: intp(60)},
			{Meta: meta(0x202, 2, 0), SprintID: s14, Title: "Billing migration | phase 1", GoalID: gChurn, Order: 2},
			{Meta: meta(0x203, 3, 0), SprintID: s14, Title: "Docs refresh", Order: 3},
			{Meta: dead(meta(0x204, 4, 9)), SprintID: s14, Title: "Dropped idea", Order: 4},
		},
		Stories: []model.Story{
			story(0x221, 0x201, "ONB-1", "As a new user I can sign up with my email", 3, model.StoryDone),
			story(0x222, 0x201, "ONB-2", "As a new user I see a short welcome tour", 5, model.StoryDone),
			story(0x223, 0x201, "ONB-3", "As a new user I can pay during sign-up", 8, model.StoryDoing),
			story(0x224, 0x201, "ONB-4", "As an admin I see sign-up stats", 5, model.StoryTodo),
			deadStory,
			story(0x226, 0x202, "BIL-1", "Export invoices from the old provider", 3, model.StoryDone),
			story(0x227, 0x202, "BIL-2", "Migrate subscriptions", 0, model.StoryTodo),
			story(0x228, 0x202, "BIL-3", "Switch payment webhooks", 2, model.StoryDoing),
		},
		Assessments: []model.Assessment{
			as(0x211, 0x201, mAlice, 85, 5, "Flow is live behind a flag.\nOnly the payment step is left."),
			as(0x212, 0x201, mBob, 20, 3, "Payments | checkout still failing\nsee `PAY-12` and <script>alert(1)</script>"),
			as(0x213, 0x201, mCarol, 60, 4, ""),
			as(0x214, 0x201, mErik, 65, 2, "*mostly* done, see [the board](https://example.com)"),
			as(0x215, 0x202, mAlice, 80, 4, ""),
			as(0x216, 0x202, mBob, 85, 5, "Only the webhooks are left"),
			as(0x217, 0x202, mCarol, 80, 3, ""),
			late,
			as(0x219, 0x203, mAlice, 30, 3, "# not a heading"),
			as(0x21a, 0x203, mBob, 50, 2, "snake_case_name & R&D &amp; $x$"),
			abstain,
			as(0x21d, 0x203, mErik, 40, 3, "- not a list\n1. not a list either"),
			gone,
		},
		Outcomes: []model.Outcome{
			{Meta: meta(0x231, 300, 20), SprintID: s14, ObjectiveID: o1, Agreed: intp(60), Discussed: true, Revealed: true,
				Notes: "Bob's payment concerns are real | we agreed 60.\n1. fix the flaky test first\n---\nDemo on Friday."},
			{Meta: meta(0x232, 320, 10), SprintID: s14, ObjectiveID: o2, Agreed: intp(50), Discussed: true, Revealed: true,
				Notes: "The stories say a third is done;\nthe cutover was not rehearsed with real data."},
			{Meta: meta(0x233, 340, 0), SprintID: s14, ObjectiveID: o3, Revealed: true},
		},
		Actions: []model.ActionItem{
			{Meta: meta(0x241, 310, 0), SprintID: s14, ObjectiveID: o1, Text: "Fix the flaky payment test", OwnerID: mBob},
			{Meta: meta(0x242, 330, 45), SprintID: s14, ObjectiveID: o2, Text: "Rehearse the cutover with production data",
				OwnerID: mErik, Done: true},
			{Meta: meta(0x243, 350, 0), SprintID: s14, Text: "Book the room for the next review"},
			{Meta: dead(meta(0x244, 360, 1)), SprintID: s14, ObjectiveID: o3, Text: "Withdrawn item", OwnerID: mAlice},
		},
	}
}

// fixtureDataset is the whole workspace.
func fixtureDataset() model.Dataset {
	return model.Dataset{
		Goals:   fixtureGoals(),
		Members: fixtureMembers(),
		Sprints: []model.SprintData{fixtureSprint13(), fixtureSprint14()},
	}
}

var replica = uuid.MustParse("0195aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee")

var exportedAt = time.Date(2026, 3, 13, 16, 30, 0, 500, time.UTC)
