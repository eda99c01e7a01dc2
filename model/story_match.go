package model

// Matching the rows of a tracker export (Jira, Linear, GitHub, CSV) to a
// sprint's objectives and stories: what align story import adds, updates
// and leaves alone.

import (
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
)

// StoryRow is one usable row of a tracker export. Its fields are those of
// the export package's TrackerRow, so that one converts to the other.
type StoryRow struct {
	// Line is the 1-based line (or item) of the file where the row starts.
	Line int
	// Key is the tracker's issue key ("PROJ-12"), or "" when none.
	Key string
	// Title is the story's title.
	Title string
	// Status is the tracker's status mapped to todo, doing or done.
	Status StoryStatus
	// Points is the estimate, 0 when blank.
	Points int
	// Parent is the epic, project or parent title ("" when none), matched
	// to an objective by title.
	Parent string
	// KeepPoints is true when the input says nothing about points: a story
	// it updates keeps its points.
	KeepPoints bool
}

// StoryChange is what importing one row does to one story.
type StoryChange struct {
	// Kind is ChangeAdded, ChangeUpdated or ChangeUnchanged.
	Kind ChangeKind
	// Row is the index of the row in the rows matched.
	Row int
	// Story is the story as written (or as it stays).
	Story Story
	// Detail lists an update's changes: "status doing → done, points 2 → 3".
	Detail string
	// Objective is the title of the objective an added story goes to.
	Objective string
}

// RowProblem is a row that cannot be placed, by its line.
type RowProblem struct {
	Line int
	Msg  string
}

// StoryMatch is the outcome of MatchStories.
type StoryMatch struct {
	Changes  []StoryChange
	Problems []RowProblem
	// Write holds the stories to write: the added and the updated.
	Write []Story
}

// MatchStories matches every row to an objective of d and to an existing
// story of d (pass live records only), and decides what to write:
//   - the objective is fixed when given (--objective), else the one whose
//     title equals the row's parent ignoring case; no match, or more than
//     one, is a problem;
//   - a row with a key updates the story with that key (ignoring case),
//     and a key held by two stories is a problem; a row without a key
//     updates a story without a key of the same title that no earlier row
//     took; otherwise the row adds a story, last in its objective;
//   - an update changes title, status, points (unless the row keeps them)
//     and objective (the story goes last in its new objective), and is
//     unchanged when none differs.
//
// now stamps new and updated stories.
func MatchStories(d SprintData, rows []StoryRow, fixed *Objective, now time.Time) StoryMatch {
	m := newStoryMatcher(d, fixed)
	for i, row := range rows {
		m.row(i, row, now)
	}
	return m.out
}

// storyMatcher holds the indexes MatchStories matches against.
type storyMatcher struct {
	d         SprintData
	fixed     *Objective
	byTitle   map[string][]Objective
	titles    map[uuid.UUID]string
	byKey     map[string][]Story
	nextOrder map[uuid.UUID]int
	claimed   map[uuid.UUID]bool
	out       StoryMatch
}

func newStoryMatcher(d SprintData, fixed *Objective) *storyMatcher {
	m := &storyMatcher{d: d, fixed: fixed, byTitle: map[string][]Objective{}, titles: make(map[uuid.UUID]string, len(d.Objectives)),
		byKey: map[string][]Story{}, nextOrder: map[uuid.UUID]int{}, claimed: map[uuid.UUID]bool{}}
	for _, o := range d.Objectives {
		k := strings.ToLower(o.Title)
		m.byTitle[k] = append(m.byTitle[k], o)
		m.titles[o.ID] = o.Title
	}
	for _, s := range d.Stories {
		if s.Key != "" {
			k := strings.ToLower(s.Key)
			m.byKey[k] = append(m.byKey[k], s)
		}
		m.nextOrder[s.ObjectiveID] = max(m.nextOrder[s.ObjectiveID], s.Order+1)
	}
	return m
}

func (m *storyMatcher) bad(line int, format string, args ...any) {
	m.out.Problems = append(m.out.Problems, RowProblem{Line: line, Msg: fmt.Sprintf(format, args...)})
}

// row matches one row.
func (m *storyMatcher) row(i int, row StoryRow, now time.Time) {
	obj, ok := m.objective(row)
	if !ok {
		return
	}
	old, found, ok := m.story(row)
	if !ok {
		return
	}
	if !found {
		s := Story{Meta: NewMeta(now), SprintID: m.d.Sprint.ID, ObjectiveID: obj.ID,
			Title: row.Title, Points: row.Points, Status: row.Status, Key: row.Key, Order: m.nextOrder[obj.ID]}
		s.Normalize()
		if err := s.Validate(); err != nil {
			m.bad(row.Line, "%v", err)
			return
		}
		m.nextOrder[obj.ID]++
		m.out.Write = append(m.out.Write, s)
		m.out.Changes = append(m.out.Changes, StoryChange{Kind: ChangeAdded, Row: i, Story: s, Objective: obj.Title})
		return
	}
	m.claimed[old.ID] = true
	s, diffs := old, []string(nil)
	if s.Title != row.Title {
		diffs = append(diffs, fmt.Sprintf("title %q → %q", s.Title, row.Title))
		s.Title = row.Title
	}
	if s.Status != row.Status {
		diffs = append(diffs, fmt.Sprintf("status %s → %s", s.Status, row.Status))
		s.Status = row.Status
	}
	if !row.KeepPoints && s.Points != row.Points {
		diffs = append(diffs, fmt.Sprintf("points %d → %d", s.Points, row.Points))
		s.Points = row.Points
	}
	if s.ObjectiveID != obj.ID {
		diffs = append(diffs, fmt.Sprintf("objective %q → %q", m.titles[s.ObjectiveID], obj.Title))
		s.ObjectiveID, s.Order = obj.ID, m.nextOrder[obj.ID]
		m.nextOrder[obj.ID]++
	}
	if len(diffs) == 0 {
		m.out.Changes = append(m.out.Changes, StoryChange{Kind: ChangeUnchanged, Row: i, Story: s})
		return
	}
	s.Touch(now)
	m.out.Write = append(m.out.Write, s)
	m.out.Changes = append(m.out.Changes, StoryChange{Kind: ChangeUpdated, Row: i, Story: s, Detail: strings.Join(diffs, ", ")})
}

// objective finds the objective a row goes to: the fixed one, else the one
// whose title matches the row's parent ignoring case.
func (m *storyMatcher) objective(row StoryRow) (Objective, bool) {
	if m.fixed != nil {
		return *m.fixed, true
	}
	if row.Parent == "" {
		m.bad(row.Line, "names no epic or parent to match an objective; pass --objective O")
		return Objective{}, false
	}
	sprint := m.d.Sprint.Name
	switch objs := m.byTitle[strings.ToLower(row.Parent)]; len(objs) {
	case 1:
		return objs[0], true
	case 0:
		m.bad(row.Line, "parent %q matches no objective of sprint %q; rename one of them to match, or pass --objective O", row.Parent, sprint)
	default:
		m.bad(row.Line, "parent %q matches %d objectives of sprint %q; pass --objective O", row.Parent, len(objs), sprint)
	}
	return Objective{}, false
}

// story finds the live story a row updates: by key, or for a row without
// a key, a story without a key with the same title that no earlier row
// took. found is false for a new story; ok is false for a problem.
func (m *storyMatcher) story(row StoryRow) (s Story, found, ok bool) {
	if row.Key != "" {
		switch ss := m.byKey[strings.ToLower(row.Key)]; len(ss) {
		case 0:
			return Story{}, false, true
		case 1:
			return ss[0], true, true
		default:
			m.bad(row.Line, "key %s is on %d stories of sprint %q already; keep one of them (see `align story list`)", row.Key, len(ss), m.d.Sprint.Name)
			return Story{}, false, false
		}
	}
	for _, s := range m.d.Stories {
		if s.Key == "" && !m.claimed[s.ID] && strings.EqualFold(s.Title, row.Title) {
			return s, true, true
		}
	}
	return Story{}, false, true
}
