package store

import (
	"errors"
	"fmt"
	"slices"

	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// The integrity rules shared by Check (over the stored file) and Apply (over
// the workspace as it would be after applying a dataset).

// errInvalid classifies findings about a record whose fields do not validate.
var errInvalid = errors.New("invalid record")

// finding is a Problem together with the sentinel error it stands for, so
// that Apply can turn it into an error callers test with errors.Is.
type finding struct {
	Problem
	kind error
}

func found(kind error, where, format string, args ...any) finding {
	return finding{Problem{Where: where, What: fmt.Sprintf(format, args...)}, kind}
}

// refs says which goals and members exist (tombstones included: a record
// may keep pointing at a goal or member deleted after the fact).
type refs struct {
	goals   map[uuid.UUID]bool
	members map[uuid.UUID]bool
}

// checkMembers reports live members sharing a handle.
func checkMembers(ms []model.Member) []finding {
	var fs []finding
	seen := map[string]model.Member{}
	for _, m := range ms {
		if m.Deleted {
			continue
		}
		if o, dup := seen[m.Handle]; dup {
			fs = append(fs, found(ErrDuplicate, "members/"+m.ID.String(),
				"member %q has the handle %q, already taken by live member %s", m.Name, m.Handle, o.ID))
			continue
		}
		seen[m.Handle] = m
	}
	return fs
}

// checkSprintView checks one sprint's records against its header, each
// other, and the workspace's goals and members. prefix names the sprint's
// bucket in each finding's Where.
func checkSprintView(d model.SprintData, r refs, prefix string) []finding {
	var fs []finding
	sp := d.Sprint
	objs := make(map[uuid.UUID]model.Objective, len(d.Objectives))
	for _, o := range d.Objectives {
		objs[o.ID] = o
	}
	// common checks every sprint-scoped record gets; parent is its
	// objective (uuid.Nil when it has none).
	common := func(m model.Meta, name, sub string, sprintID, parent uuid.UUID, needParent bool, valid error) string {
		where := fmt.Sprintf("%s/%s/%s", prefix, sub, m.ID)
		if sprintID != sp.ID {
			fs = append(fs, found(ErrReference, where, "%s is in the wrong sprint bucket: it says sprint %s", name, sprintID))
		}
		if valid != nil {
			fs = append(fs, found(errInvalid, where, "%s does not validate: %v", name, valid))
		}
		if !m.Deleted && sp.Deleted {
			fs = append(fs, found(ErrReference, where, "%s is live but its sprint %q is deleted", name, sp.Name))
		}
		if parent == uuid.Nil {
			if needParent {
				fs = append(fs, found(ErrReference, where, "%s has no objective", name))
			}
			return where
		}
		o, ok := objs[parent]
		switch {
		case !ok:
			fs = append(fs, found(ErrReference, where, "%s refers to objective %s, which is not in this sprint", name, parent))
		case !m.Deleted && o.Deleted:
			fs = append(fs, found(ErrReference, where, "%s is live but its objective %q is deleted", name, o.Title))
		}
		return where
	}
	member := func(where, name, field string, id uuid.UUID) {
		if id != uuid.Nil && !r.members[id] {
			fs = append(fs, found(ErrReference, where, "%s's %s %s does not exist", name, field, id))
		}
	}
	for _, o := range d.Objectives {
		where := common(o.Meta, fmt.Sprintf("objective %q", o.Title), subObjectives, o.SprintID, uuid.Nil, false, o.Validate())
		if o.GoalID != uuid.Nil && !r.goals[o.GoalID] {
			fs = append(fs, found(ErrReference, where, "objective %q refers to goal %s, which does not exist", o.Title, o.GoalID))
		}
	}
	for _, st := range d.Stories {
		common(st.Meta, fmt.Sprintf("story %q", st.Title), subStories, st.SprintID, st.ObjectiveID, true, st.Validate())
	}
	// common and member append to fs themselves: call first, then append.
	more := checkAssessments(slices.Concat(d.Assessments, d.Round2), common, member)
	fs = append(fs, more...)
	perObjective := map[uuid.UUID]uuid.UUID{}
	for _, o := range d.Outcomes {
		where := common(o.Meta, "outcome", subOutcomes, o.SprintID, o.ObjectiveID, true, o.Validate())
		member(where, "outcome", "question owner", o.QuestionOwner)
		if o.Deleted {
			continue
		}
		if other, dup := perObjective[o.ObjectiveID]; dup {
			fs = append(fs, found(ErrDuplicate, where, "objective %s has a second live outcome (the other is %s)", o.ObjectiveID, other))
		}
		perObjective[o.ObjectiveID] = o.ID
	}
	for _, a := range d.Actions {
		where := common(a.Meta, fmt.Sprintf("action item %q", a.Text), subActions, a.SprintID, a.ObjectiveID, false, a.Validate())
		member(where, "action item", "owner", a.OwnerID)
	}
	return fs
}

// roundKey is the natural key of an assessment: one live estimate per
// objective, member and round.
type roundKey struct {
	objective, member uuid.UUID
	round2            bool
}

// checkAssessments checks a sprint's estimates of both rounds with
// checkSprintView's common and member checks, and their natural key.
func checkAssessments(as []model.Assessment, common func(model.Meta, string, string, uuid.UUID, uuid.UUID, bool, error) string,
	member func(where, name, field string, id uuid.UUID)) []finding {
	var fs []finding
	perMember := map[roundKey]uuid.UUID{}
	for _, a := range as {
		where := common(a.Meta, "assessment", subAssessments, a.SprintID, a.ObjectiveID, true, a.Validate())
		if a.MemberID == uuid.Nil {
			fs = append(fs, found(ErrReference, where, "assessment has no member"))
		}
		member(where, "assessment", "member", a.MemberID)
		if a.Deleted {
			continue
		}
		key := roundKey{a.ObjectiveID, a.MemberID, a.Round2}
		if other, dup := perMember[key]; dup {
			fs = append(fs, found(ErrDuplicate, where, "member %s has a second live assessment of objective %s (the other is %s)", a.MemberID, a.ObjectiveID, other))
		}
		perMember[key] = a.ID
	}
	return fs
}
