package model

import (
	"slices"

	"github.com/google/uuid"
)

// Reminder is who has not assessed what in one sprint: the reminder a
// facilitator sends before the review, or a script acts on.
type Reminder struct {
	Sprint Sprint
	// Answered and Expected count the active members who have answered
	// every objective (an estimate or an abstention), and all of them.
	Answered, Expected int
	// Pending are the active members with something left, by handle.
	Pending []Pending
	// Objectives is how many live objectives the sprint has.
	Objectives int
}

// Pending is one member who has not answered some objectives yet.
type Pending struct {
	Handle, Name string
	// Objectives are the objectives left, in plan order.
	Objectives []Objective
}

// Done reports whether everyone expected has answered everything.
func (r Reminder) Done() bool { return len(r.Pending) == 0 }

// Remind turns a sprint's analysis into a reminder: it inverts r.Missing
// (per objective, who is missing) into per member, what is left, so that
// the reminder and every other view agree on who is missing.
func Remind(r SprintReport, members []Member) Reminder {
	out := Reminder{Sprint: r.Sprint, Answered: r.Submitted, Expected: r.Expected, Objectives: len(r.Objectives)}
	objs := make(map[uuid.UUID]Objective, len(r.Objectives))
	for _, st := range r.Objectives {
		objs[st.Objective.ID] = st.Objective
	}
	names := make(map[string]string, len(members))
	for _, m := range members {
		if m.Expected() {
			names[m.Handle] = m.Name
		}
	}
	left := map[string][]Objective{}
	for _, miss := range r.Missing { // plan order
		for _, h := range miss.Handles {
			left[h] = append(left[h], objs[miss.ObjectiveID])
		}
	}
	for _, h := range r.NotSubmitted { // sorted by handle
		out.Pending = append(out.Pending, Pending{Handle: h, Name: names[h], Objectives: left[h]})
	}
	return out
}

// Participation is how a sprint's members answered, for the history and
// the export: how many answered every objective, of how many expected, and
// who answered late (an estimate first saved while the sprint was in
// review, after the others had been revealed).
type Participation struct {
	Answered, Expected int
	Late               []string // handles, sorted
}

// Participation of the report's sprint.
func (r SprintReport) Participation() Participation {
	return Participation{Answered: r.Submitted, Expected: r.Expected, Late: r.Late}
}

// lateHandles lists, sorted and once each, the members with a live late
// estimate among as; a member unknown to byID is named by a short ID.
func lateHandles(as []Assessment, byID map[uuid.UUID]Member) []string {
	seen := map[uuid.UUID]bool{}
	var out []string
	for _, a := range as {
		if a.Deleted || !a.Late || seen[a.MemberID] {
			continue
		}
		seen[a.MemberID] = true
		h := "member " + a.MemberID.String()[:8]
		if m, ok := byID[a.MemberID]; ok {
			h = m.Handle
		}
		out = append(out, h)
	}
	slices.Sort(out)
	return out
}
