package model

import (
	"testing"
	"time"
)

// fxAt is sec seconds after fxNow.
func fxAt(sec int) time.Time { return fxNow.Add(time.Duration(sec) * time.Second) }

func TestMeta_Touch_RecordsBase(t *testing.T) {
	m := NewMeta(fxAt(0))
	if !m.Base.IsZero() {
		t.Fatalf("new Meta has Base %v, want zero", m.Base)
	}
	m.Touch(fxAt(10))
	if !m.Base.Equal(fxAt(0)) || !m.UpdatedAt.Equal(fxAt(10)) {
		t.Errorf("after one edit: Base %v UpdatedAt %v, want %v %v", m.Base, m.UpdatedAt, fxAt(0), fxAt(10))
	}
	m.Touch(fxAt(5)) // a clock behind the last update
	if !m.Base.Equal(fxAt(10)) || !m.UpdatedAt.After(fxAt(10)) {
		t.Errorf("after a second edit: Base %v UpdatedAt %v, want Base %v and UpdatedAt after it", m.Base, m.UpdatedAt, fxAt(10))
	}
}
