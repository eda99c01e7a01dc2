package model

import "github.com/google/uuid"

// MaxQuestion is the longest question an uncertain outcome may carry.
const MaxQuestion = 2 * MaxTitle

// validUncertain checks an outcome's "uncertain: needs information" fields:
// a question only with Uncertain, and an uncertain outcome with a question
// and no agreed value.
func validUncertain(o Outcome) error {
	switch {
	case !o.Uncertain && (o.Question != "" || o.QuestionOwner != uuid.Nil):
		return fieldErr("outcome", "question", "is set on an outcome that is not uncertain")
	case o.Uncertain && o.Agreed != nil:
		return fieldErr("outcome", "agreed", "is set on an uncertain outcome: it closes with a question instead of a number")
	case !o.Uncertain:
		return nil
	}
	return checkText("outcome", "question", o.Question, MaxQuestion, true)
}

// MarkUncertain returns o closed as "uncertain: needs information", with
// question to answer and its owner (uuid.Nil: unowned). Its agreed value is
// cleared: the team records that it does not know rather than a number
// nobody believes. Round 1 must have been revealed: the team cannot know
// that it disagrees before it has seen the estimates.
func MarkUncertain(o Outcome, title, question string, owner uuid.UUID) (Outcome, error) {
	if !Round1Sealed(o) {
		return o, &RoundError{Msg: "reveal " + quote(title) + " first: an objective is uncertain once the team has seen that it disagrees"}
	}
	o.Uncertain, o.Question, o.QuestionOwner, o.Agreed = true, question, owner, nil
	o.Normalize()
	if err := o.Validate(); err != nil {
		return o, err
	}
	return o, nil
}

// Agree returns o with agreed progress v: a number replaces an uncertain
// close and its question.
func Agree(o Outcome, v int) Outcome {
	o.Agreed, o.Uncertain, o.Question, o.QuestionOwner = &v, false, "", uuid.Nil
	return o
}
