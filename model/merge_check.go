package model

// Checks of incoming records against the workspace.

import "github.com/google/uuid"

// mrgCheckAgainstLocal rejects incoming versions whose type differs from
// the local record with the same ID, or that move a record.
func mrgCheckAgainstLocal(loc *mrgLocal, inc *mrgIncoming) error {
	for _, e := range inc.list {
		l := loc.byID[e.meta.ID]
		if l == nil {
			continue
		}
		if l.kind != e.kind {
			return e.fail("id", "is already used by %s %q in this workspace", l.kind.name(), mrgOwnLabel(l.rec))
		}
		if e.sprint != l.sprint {
			return e.fail("sprint", "moves it from sprint %s to %s; a record never changes sprint", l.sprint, e.sprint)
		}
		switch r := e.rec.(type) {
		case Assessment:
			lr := l.rec.(Assessment)
			if r.ObjectiveID != lr.ObjectiveID {
				return e.fail("objective", "moves it from objective %s to %s; an assessment never changes objective", lr.ObjectiveID, r.ObjectiveID)
			}
			if r.MemberID != lr.MemberID {
				return e.fail("member", "moves it from member %s to %s; an assessment never changes member", lr.MemberID, r.MemberID)
			}
			if r.Round2 != lr.Round2 {
				return e.fail("round", "moves it from one round to the other; an assessment never changes round")
			}
		case Outcome:
			lr := l.rec.(Outcome)
			if r.ObjectiveID != lr.ObjectiveID {
				return e.fail("objective", "moves it from objective %s to %s; an outcome never changes objective", lr.ObjectiveID, r.ObjectiveID)
			}
		}
	}
	return nil
}

// mrgCheckRefs checks that every reference of an incoming record resolves,
// in the incoming set or locally, to a record of the right type and sprint.
func mrgCheckRefs(loc *mrgLocal, inc *mrgIncoming) error {
	find := func(id uuid.UUID) *mrgEntry {
		if e := inc.byID[id]; e != nil {
			return e
		}
		return loc.byID[id]
	}
	ref := func(e *mrgEntry, field string, id uuid.UUID, want mrgKind, required bool) error {
		if id == uuid.Nil {
			if required {
				return e.fail(field, "is missing; a %s needs its %s", e.kind.name(), want.name())
			}
			return nil
		}
		t := find(id)
		switch {
		case t == nil:
			return e.fail(field, "%s %s is neither in the bundle nor in this workspace", want.name(), id)
		case t.kind != want:
			return e.fail(field, "%s is %s %q, not a %s", id, t.kind.name(), mrgOwnLabel(t.rec), want.name())
		case want == mrgObjective && t.sprint != e.sprint:
			return e.fail(field, "objective %q belongs to sprint %s, not to this %s's sprint %s", mrgOwnLabel(t.rec), t.sprint, e.kind.name(), e.sprint)
		}
		return nil
	}
	for _, e := range inc.list {
		var err error
		switch r := e.rec.(type) {
		case Objective:
			err = ref(e, "goal", r.GoalID, mrgGoal, false)
		case Story:
			err = ref(e, "objective", r.ObjectiveID, mrgObjective, true)
		case Assessment:
			if err = ref(e, "objective", r.ObjectiveID, mrgObjective, true); err == nil {
				err = ref(e, "member", r.MemberID, mrgMember, true)
			}
		case Outcome:
			if err = ref(e, "objective", r.ObjectiveID, mrgObjective, true); err == nil {
				err = ref(e, "question_owner", r.QuestionOwner, mrgMember, false)
			}
		case ActionItem:
			if err = ref(e, "objective", r.ObjectiveID, mrgObjective, false); err == nil {
				err = ref(e, "owner", r.OwnerID, mrgMember, false)
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}
