package model

import (
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

func TestCheckMeta(t *testing.T) {
	sid, other := fxID(3), fxID(30)
	now, skew := fxNow.Add(2*time.Hour), 5*time.Minute
	story := func(edit func(*Story)) Story {
		s := Story{Meta: fxMeta(5), SprintID: sid, ObjectiveID: fxID(4), Title: "Pay"}
		s.UpdatedAt = s.CreatedAt.Add(time.Hour)
		edit(&s)
		return s
	}
	tests := []struct {
		name        string
		rec         any
		listedUnder uuid.UUID
		now         time.Time
		field, msg  string // "" field: no fault
	}{
		{"valid", story(func(*Story) {}), sid, now, "", ""},
		{"valid goal, no clock", Goal{Meta: fxMeta(1), Title: "g"}, uuid.Nil, time.Time{}, "", ""},
		{"valid base", story(func(s *Story) { s.Base = s.CreatedAt }), sid, now, "", ""},
		{"a sprint is listed under itself", Sprint{Meta: fxMeta(3), Name: "S"}, sid, now, "", ""},
		{"nil id", story(func(s *Story) { s.ID = uuid.Nil; s.CreatedAt = time.Time{} }), sid, now, "id", "the nil UUID is not allowed"},
		{"no creation time", story(func(s *Story) { s.CreatedAt = time.Time{} }), sid, now, "created_at", "created and updated times are required"},
		{"no times: creation first", story(func(s *Story) { s.CreatedAt, s.UpdatedAt = time.Time{}, time.Time{} }), sid, now, "created_at", "is missing"},
		{"no update time", story(func(s *Story) { s.UpdatedAt = time.Time{} }), sid, now, "updated_at", "is missing"},
		{"creation in the future", story(func(s *Story) { s.CreatedAt = now.Add(24 * time.Hour) }), sid, now, "created_at", "in the future"},
		{"update in the future", story(func(s *Story) { s.UpdatedAt = now.Add(skew + time.Second) }), sid, now, "updated_at", "allows at most 5m0s ahead"},
		{"within the skew", story(func(s *Story) { s.UpdatedAt = now.Add(skew) }), sid, now, "", ""},
		{"future unchecked without a clock", story(func(s *Story) { s.UpdatedAt = now.Add(48 * time.Hour) }), sid, time.Time{}, "", ""},
		{"update before creation", story(func(s *Story) { s.UpdatedAt = s.CreatedAt.Add(-1) }), sid, now, "updated_at", "is before created_at"},
		{"base at the update", story(func(s *Story) { s.Base = s.UpdatedAt }), sid, now, "base", "is not between created_at"},
		{"base before creation", story(func(s *Story) { s.Base = s.CreatedAt.Add(-1) }), sid, now, "base", "is not between created_at"},
		{"another sprint", story(func(*Story) {}), other, now, "sprint", "it says sprint " + sid.String() + " but is listed under sprint " + other.String()},
		{"no sprint", story(func(s *Story) { s.SprintID = uuid.Nil }), sid, now, "sprint", "is missing; it must be the sprint the record is listed under"},
		{"not a record", 42, uuid.Nil, now, "id", "int is not a record"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := CheckMeta(tt.rec, tt.listedUnder, tt.now, skew, BundleMetaNames)
			if tt.field == "" {
				if f != nil {
					t.Fatalf("fault %v, want none", f)
				}
				return
			}
			if f == nil || f.Field != tt.field || !strings.Contains(f.Msg, tt.msg) {
				t.Fatalf("fault %v, want field %q containing %q", f, tt.field, tt.msg)
			}
		})
	}
}

func TestCheckMeta_Names(t *testing.T) {
	names := MetaNames{ID: "ID", Created: "created-at", Updated: "updated-at", Base: "base", Sprint: "sprint"}
	g := Goal{Meta: fxMeta(1), Title: "g"}
	g.CreatedAt = g.UpdatedAt.Add(time.Second)
	f := CheckMeta(g, uuid.Nil, time.Time{}, 0, names)
	if f == nil || f.Field != "updated-at" || !strings.Contains(f.Msg, "before created-at") || f.Error() != "updated-at: "+f.Msg {
		t.Fatalf("fault %v, want updated-at before created-at", f)
	}
}

func TestIndexByID(t *testing.T) {
	a, b := fxMember(1, "ana", true), fxMember(2, "bob", true)
	later := fxMember(1, "ann", true)
	got := IndexByID([]Member{a, b, later})
	if len(got) != 2 || got[a.ID].Handle != "ann" || got[b.ID].Handle != "bob" {
		t.Fatalf("IndexByID = %v", got)
	}
	if got := IndexByID([]Goal(nil)); len(got) != 0 {
		t.Fatalf("IndexByID(nil) = %v", got)
	}
}
