package model

import (
	"math"
	"testing"
	"time"

	"github.com/google/uuid"
)

// fxNow is the fixed clock of every model test.
var fxNow = time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC)

// fxID returns a distinct, stable ID; larger n sorts later.
func fxID(n int) uuid.UUID {
	var id uuid.UUID
	id[14], id[15] = byte(n>>8), byte(n)
	return id
}

func fxMeta(n int) Meta {
	return Meta{ID: fxID(n), CreatedAt: fxNow, UpdatedAt: fxNow}
}

func fxMember(n int, handle string, active bool) Member {
	return Member{Meta: fxMeta(n), Name: handle, Handle: handle, Active: active}
}

func fxObjective(n, order int) Objective {
	return Objective{Meta: fxMeta(n), Title: "objective", Order: order}
}

// est is a member's estimate of an objective.
func fxEst(m Member, o Objective, progress, confidence int) Assessment {
	return Assessment{
		Meta:        fxMeta(1000 + int(m.ID[15])*50 + int(o.ID[15])),
		ObjectiveID: o.ID, SprintID: o.SprintID, MemberID: m.ID,
		Progress: progress, Confidence: confidence, Submitted: true,
	}
}

// abstain is a member's abstention on an objective.
func fxAbstain(m Member, o Objective) Assessment {
	a := fxEst(m, o, 0, 0)
	a.Abstain = true
	return a
}

func fxStory(n int, o Objective, points int, status StoryStatus) Story {
	return Story{Meta: fxMeta(n), SprintID: o.SprintID, ObjectiveID: o.ID, Title: "story", Points: points, Status: status}
}

// team returns members "a", "b", … and their estimates of o at the given
// progress values, all with confidence 3.
func fxTeam(o Objective, progress ...int) ([]Assessment, map[uuid.UUID]Member) {
	var as []Assessment
	var ms []Member
	for i, p := range progress {
		m := fxMember(i+1, string(rune('a'+i)), true)
		ms = append(ms, m)
		as = append(as, fxEst(m, o, p, 3))
	}
	return as, fxMembers(ms...)
}

func fxMembers(ms ...Member) map[uuid.UUID]Member {
	out := make(map[uuid.UUID]Member, len(ms))
	for _, m := range ms {
		out[m.ID] = m
	}
	return out
}

func fxInt(v int) *int { return &v }

func fxApprox(t *testing.T, name string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-9 {
		t.Errorf("%s = %v, want %v", name, got, want)
	}
}
