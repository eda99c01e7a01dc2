package model

import (
	"errors"
	"testing"

	"github.com/google/uuid"
)

func TestMarkUncertain(t *testing.T) {
	owner := fxID(7)
	revealed := Outcome{Revealed: true, Agreed: fxInt(60)}
	var re *RoundError
	if _, err := MarkUncertain(Outcome{}, "Search", "Is p95 measured?", owner); !errors.As(err, &re) {
		t.Errorf("before the reveal: %v", err)
	}
	o, err := MarkUncertain(revealed, "Search", "  Is p95\nmeasured?  ", owner)
	if err != nil || !o.Uncertain || o.Agreed != nil || o.QuestionOwner != owner || o.Question != "Is p95 measured?" {
		t.Fatalf("uncertain: %+v, %v", o, err)
	}
	var fe *FieldError
	if _, err := MarkUncertain(revealed, "Search", "   ", uuid.Nil); !errors.As(err, &fe) || fe.Field != "question" {
		t.Errorf("empty question: %v", err)
	}
	a := Agree(o, 55)
	if a.Uncertain || a.Question != "" || a.QuestionOwner != uuid.Nil || a.Agreed == nil || *a.Agreed != 55 {
		t.Errorf("agreeing after uncertain: %+v", a)
	}
	for _, tc := range []struct {
		name  string
		o     Outcome
		field string
	}{
		{"a question without uncertain", Outcome{Question: "why?"}, "question"},
		{"uncertain with a number", Outcome{Uncertain: true, Question: "why?", Agreed: fxInt(3)}, "agreed"},
		{"uncertain without a question", Outcome{Uncertain: true}, "question"},
	} {
		if err := tc.o.Validate(); !errors.As(err, &fe) || fe.Field != tc.field {
			t.Errorf("%s: %v, want a %s error", tc.name, err, tc.field)
		}
	}
}
