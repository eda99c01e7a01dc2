package model

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// Text length caps, in runes.
const (
	MaxTitle  = 200
	MaxName   = 80
	MaxHandle = 24
	MaxText   = 4000 // descriptions, notes, sprint goal
	MaxKey    = 64
	MaxPoints = 1000
	MaxSSHKey = 16384
)

// MaxMinutes is the most minutes an outcome may record for one
// objective's discussion: a whole day.
const MaxMinutes = 24 * 60

// FieldError reports an invalid field value in terms a user can act on.
type FieldError struct {
	Record string // e.g. "objective"
	Field  string // e.g. "progress"
	Msg    string // what is wrong and what is allowed
}

func (e *FieldError) Error() string {
	return fmt.Sprintf("%s %s: %s", e.Record, e.Field, e.Msg)
}

func fieldErr(record, field, format string, args ...any) error {
	return &FieldError{Record: record, Field: field, Msg: fmt.Sprintf(format, args...)}
}

func checkText(record, field, s string, max int, required bool) error {
	if required && strings.TrimSpace(s) == "" {
		return fieldErr(record, field, "must not be empty")
	}
	if n := utf8.RuneCountInString(s); n > max {
		return fieldErr(record, field, "is %d characters long; at most %d allowed", n, max)
	}
	return nil
}

var handleRE = regexp.MustCompile(`^[a-z][a-z0-9_-]*$`)

// ValidHandle reports whether h is a well-formed member handle: 1–24
// characters, lower-case letters, digits, '-' or '_', starting with a letter.
func ValidHandle(h string) error {
	if h == "" {
		return fieldErr("member", "handle", "must not be empty")
	}
	if utf8.RuneCountInString(h) > MaxHandle {
		return fieldErr("member", "handle", "%q is longer than %d characters", h, MaxHandle)
	}
	if !handleRE.MatchString(h) {
		return fieldErr("member", "handle", "%q is not allowed: use lower-case letters, digits, '-' or '_', starting with a letter", h)
	}
	return nil
}

// Normalize sanitises every text field of the goal in place.
func (g *Goal) Normalize() {
	g.Title = Sanitize(g.Title, false)
	g.Description = Sanitize(g.Description, true)
}

// Validate reports the first invalid field of the goal.
func (g Goal) Validate() error {
	if err := checkText("goal", "title", g.Title, MaxTitle, true); err != nil {
		return err
	}
	return checkText("goal", "description", g.Description, MaxText, false)
}

// Normalize sanitises every text field of the member in place.
func (m *Member) Normalize() {
	m.Name = Sanitize(m.Name, false)
	m.Handle = strings.ToLower(Sanitize(m.Handle, false))
	for i, k := range m.Keys {
		m.Keys[i] = Sanitize(k, false)
	}
}

// Validate reports the first invalid field of the member. Uniqueness of the
// handle is checked against the workspace by the store.
func (m Member) Validate() error {
	if err := checkText("member", "name", m.Name, MaxName, true); err != nil {
		return err
	}
	if err := CheckName(m.Name); err != nil {
		return err
	}
	if err := ValidHandle(m.Handle); err != nil {
		return err
	}
	for _, k := range m.Keys {
		if err := checkText("member", "key", k, MaxSSHKey, true); err != nil {
			return err
		}
	}
	return nil
}

// ParseSprintState parses a state name.
func ParseSprintState(s string) (SprintState, error) {
	for _, st := range SprintStates {
		if strings.EqualFold(s, string(st)) {
			return st, nil
		}
	}
	return "", fieldErr("sprint", "state", "%q is not a state; use planning, assessing, review or closed", s)
}

// Normalize sanitises every text field of the sprint in place and truncates
// its dates to calendar days.
func (s *Sprint) Normalize() {
	s.Name = Sanitize(s.Name, false)
	s.Goal = Sanitize(s.Goal, true)
	s.Start = Day(s.Start)
	s.End = Day(s.End)
}

// Validate reports the first invalid field of the sprint.
func (s Sprint) Validate() error {
	if err := checkText("sprint", "name", s.Name, MaxTitle, true); err != nil {
		return err
	}
	if err := checkText("sprint", "goal", s.Goal, MaxText, false); err != nil {
		return err
	}
	if s.Start.IsZero() || s.End.IsZero() {
		return fieldErr("sprint", "dates", "start and end dates are required (YYYY-MM-DD)")
	}
	if s.End.Before(s.Start) {
		return fieldErr("sprint", "end", "%s is before the start date %s", s.End.Format(DateLayout), s.Start.Format(DateLayout))
	}
	if _, err := ParseSprintState(string(s.State)); err != nil {
		return err
	}
	return nil
}

// DateLayout is the date format used on the command line and in exports.
const DateLayout = "2006-01-02"

// Day truncates t to midnight UTC of its calendar day.
func Day(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// ParseDate parses a YYYY-MM-DD date for the named field.
func ParseDate(field, s string) (time.Time, error) {
	t, err := time.Parse(DateLayout, strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, fieldErr("sprint", field, "%q is not a date; use YYYY-MM-DD", s)
	}
	return t, nil
}

// Normalize sanitises every text field of the objective in place.
func (o *Objective) Normalize() {
	o.Title = Sanitize(o.Title, false)
	o.Description = Sanitize(o.Description, true)
}

// Validate reports the first invalid field of the objective.
func (o Objective) Validate() error {
	if err := checkText("objective", "title", o.Title, MaxTitle, true); err != nil {
		return err
	}
	if err := checkText("objective", "description", o.Description, MaxText, false); err != nil {
		return err
	}
	if o.Baseline != nil && (*o.Baseline < 0 || *o.Baseline > 100) {
		return fieldErr("objective", "baseline", "%d is outside 0–100", *o.Baseline)
	}
	return nil
}

// ParseStoryStatus parses a story status.
func ParseStoryStatus(s string) (StoryStatus, error) {
	for _, st := range StoryStatuses {
		if strings.EqualFold(strings.TrimSpace(s), string(st)) {
			return st, nil
		}
	}
	return "", fieldErr("story", "status", "%q is not a status; use todo, doing or done", s)
}

// Normalize sanitises every text field of the story in place.
func (s *Story) Normalize() {
	s.Title = Sanitize(s.Title, false)
	s.Key = Sanitize(s.Key, false)
}

// Validate reports the first invalid field of the story.
func (s Story) Validate() error {
	if err := checkText("story", "title", s.Title, MaxTitle, true); err != nil {
		return err
	}
	if err := checkText("story", "key", s.Key, MaxKey, false); err != nil {
		return err
	}
	if s.Points < 0 || s.Points > MaxPoints {
		return fieldErr("story", "points", "%d is outside 0–%d", s.Points, MaxPoints)
	}
	if _, err := ParseStoryStatus(string(s.Status)); err != nil {
		return err
	}
	return nil
}

// Normalize sanitises every text field of the assessment in place.
func (a *Assessment) Normalize() { a.Note = Sanitize(a.Note, true) }

// Validate reports the first invalid field of the assessment.
func (a Assessment) Validate() error {
	if !a.Abstain {
		if a.Progress < 0 || a.Progress > 100 {
			return fieldErr("assessment", "progress", "%d is outside 0–100", a.Progress)
		}
		if a.Confidence < 1 || a.Confidence > 5 {
			return fieldErr("assessment", "confidence", "%d is outside 1–5", a.Confidence)
		}
	} else if a.Progress < 0 || a.Progress > 100 || a.Confidence < 0 || a.Confidence > 5 {
		return fieldErr("assessment", "progress", "values out of range on an abstention")
	}
	return checkText("assessment", "note", a.Note, MaxText, false)
}

// Normalize sanitises every text field of the outcome in place.
func (o *Outcome) Normalize() {
	o.Notes = Sanitize(o.Notes, true)
	o.Question = Sanitize(o.Question, false)
}

// Validate reports the first invalid field of the outcome.
func (o Outcome) Validate() error {
	if o.Agreed != nil && (*o.Agreed < 0 || *o.Agreed > 100) {
		return fieldErr("outcome", "agreed", "%d is outside 0–100", *o.Agreed)
	}
	if o.Minutes < 0 || o.Minutes > MaxMinutes {
		return fieldErr("outcome", "minutes", "%d is outside 0–%d", o.Minutes, MaxMinutes)
	}
	if err := validUncertain(o); err != nil {
		return err
	}
	return checkText("outcome", "notes", o.Notes, MaxText, false)
}

// Normalize sanitises every text field of the action item in place.
func (a *ActionItem) Normalize() {
	a.Text = Sanitize(a.Text, false)
	if !a.Due.IsZero() {
		a.Due = Day(a.Due.UTC())
	}
}

// Validate reports the first invalid field of the action item.
func (a ActionItem) Validate() error {
	return checkText("action item", "text", a.Text, MaxTitle*2, true)
}

// Validate reports the first invalid setting.
func (s Settings) Validate() error {
	switch {
	case s.AlignedBelow < 1 || s.AlignedBelow > 100:
		return fieldErr("settings", "aligned-below", "%d is outside 1–100", s.AlignedBelow)
	case s.SplitAt < s.AlignedBelow || s.SplitAt > 101:
		return fieldErr("settings", "split-at", "split-at (%d) must be at least aligned-below (%d) and at most 101", s.SplitAt, s.AlignedBelow)
	case s.OutlierDistance < 1 || s.OutlierDistance > 100:
		return fieldErr("settings", "outlier-distance", "%d is outside 1–100", s.OutlierDistance)
	case s.EvidenceGap < 1 || s.EvidenceGap > 100:
		return fieldErr("settings", "evidence-gap", "%d is outside 1–100", s.EvidenceGap)
	case s.TimeboxMinutes < 0 || s.TimeboxMinutes > 240:
		return fieldErr("settings", "timebox-minutes", "%d is outside 0–240 (0: no time box)", s.TimeboxMinutes)
	}
	return nil
}

// CanEditPlan reports whether objectives and stories may change in state s.
func CanEditPlan(s SprintState) bool { return s == StatePlanning || s == StateAssessing }

// CanAssess reports whether members may save estimates in state s.
func CanAssess(s SprintState) bool { return s != StateClosed }

// CanReview reports whether outcomes and action items may change in state s.
func CanReview(s SprintState) bool { return s != StateClosed }
