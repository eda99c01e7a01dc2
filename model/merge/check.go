package merge

// Checks of incoming records against the workspace.

import (
	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// checkAgainstLocal rejects incoming versions whose type differs from
// the local record with the same ID, or that move a record.
func checkAgainstLocal(loc *localIndex, inc *incomingSet) error {
	for _, e := range inc.list {
		l := loc.byID[e.meta.ID]
		if l == nil {
			continue
		}
		if l.kind != e.kind {
			return e.fail("id", "is already used by %s %q in this workspace", l.kind.String(), model.RecordLabel(l.rec))
		}
		if e.sprint != l.sprint {
			return e.fail("sprint", "moves it from sprint %s to %s; a record never changes sprint", l.sprint, e.sprint)
		}
		switch r := e.rec.(type) {
		case model.Assessment:
			lr := l.rec.(model.Assessment)
			if r.ObjectiveID != lr.ObjectiveID {
				return e.fail("objective", "moves it from objective %s to %s; an assessment never changes objective", lr.ObjectiveID, r.ObjectiveID)
			}
			if r.MemberID != lr.MemberID {
				return e.fail("member", "moves it from member %s to %s; an assessment never changes member", lr.MemberID, r.MemberID)
			}
			if r.Round2 != lr.Round2 {
				return e.fail("round", "moves it from one round to the other; an assessment never changes round")
			}
		case model.Outcome:
			lr := l.rec.(model.Outcome)
			if r.ObjectiveID != lr.ObjectiveID {
				return e.fail("objective", "moves it from objective %s to %s; an outcome never changes objective", lr.ObjectiveID, r.ObjectiveID)
			}
		}
	}
	return nil
}

// checkRefs checks that every reference of an incoming record resolves,
// in the incoming set or locally, to a record of the right type and sprint.
func checkRefs(loc *localIndex, inc *incomingSet) error {
	find := func(id uuid.UUID) *entry {
		if e := inc.byID[id]; e != nil {
			return e
		}
		return loc.byID[id]
	}
	ref := func(e *entry, field string, id uuid.UUID, want model.RecordKind, required bool) error {
		if id == uuid.Nil {
			if required {
				return e.fail(field, "is missing; a %s needs its %s", e.kind.String(), want.String())
			}
			return nil
		}
		t := find(id)
		switch {
		case t == nil:
			return e.fail(field, "%s %s is neither in the bundle nor in this workspace", want.String(), id)
		case t.kind != want:
			return e.fail(field, "%s is %s %q, not a %s", id, t.kind.String(), model.RecordLabel(t.rec), want.String())
		case want == model.KindObjective && t.sprint != e.sprint:
			return e.fail(field, "objective %q belongs to sprint %s, not to this %s's sprint %s", model.RecordLabel(t.rec), t.sprint, e.kind.String(), e.sprint)
		}
		return nil
	}
	for _, e := range inc.list {
		var err error
		switch r := e.rec.(type) {
		case model.Objective:
			err = ref(e, "goal", r.GoalID, model.KindGoal, false)
		case model.Story:
			err = ref(e, "objective", r.ObjectiveID, model.KindObjective, true)
		case model.Assessment:
			if err = ref(e, "objective", r.ObjectiveID, model.KindObjective, true); err == nil {
				err = ref(e, "member", r.MemberID, model.KindMember, true)
			}
		case model.Outcome:
			if err = ref(e, "objective", r.ObjectiveID, model.KindObjective, true); err == nil {
				err = ref(e, "question_owner", r.QuestionOwner, model.KindMember, false)
			}
		case model.ActionItem:
			if err = ref(e, "objective", r.ObjectiveID, model.KindObjective, false); err == nil {
				err = ref(e, "owner", r.OwnerID, model.KindMember, false)
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}
