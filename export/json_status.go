package export

import (
	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// JSONStatus is align status --json.
type JSONStatus struct {
	Team         string          `json:"team"`
	Sprint       JSONSprint      `json:"sprint"`
	Submitted    int             `json:"submitted"`
	Expected     int             `json:"expected"`
	NotSubmitted []string        `json:"not_submitted"`
	Late         []string        `json:"late"`
	Score        *float64        `json:"score"`
	Agenda       []JSONObjStatus `json:"agenda"`
	Actions      []JSONAction    `json:"actions"`
}

// JSONObjStatus is one objective of the agenda, most disputed first.
type JSONObjStatus struct {
	ID          string         `json:"id"`
	Title       string         `json:"title"`
	Goal        *JSONRef       `json:"goal"`
	Level       string         `json:"level"`
	Responses   int            `json:"responses"`
	Abstained   int            `json:"abstained"`
	Median      *float64       `json:"median"`
	Min         *int           `json:"min"`
	Max         *int           `json:"max"`
	Spread      *int           `json:"spread"`
	Estimates   []JSONEstimate `json:"estimates"`
	Outliers    []string       `json:"outliers"`
	Missing     []string       `json:"missing"`
	Stories     int            `json:"stories"`
	StoriesDone int            `json:"stories_done"`
	Points      int            `json:"points"`
	PointsDone  int            `json:"points_done"`
	Baseline    *int           `json:"baseline"`
	Agreed      *int           `json:"agreed"`
	Discussed   bool           `json:"discussed"`
	Notes       string         `json:"notes"`
	Minutes     int            `json:"minutes"`
}

// JSONEstimate is one member's estimate.
type JSONEstimate struct {
	Member     string `json:"member"`
	Progress   int    `json:"progress"`
	Confidence int    `json:"confidence"`
	Note       string `json:"note"`
	Late       bool   `json:"late"`
}

// StatusJSON builds align status --json of team from r (the ranked
// analysis of one sprint, whose agenda order it keeps), the workspace's
// goals (for the agenda's goal references) and the sprint's action list
// (ActionsJSON).
func StatusJSON(team string, r model.SprintReport, goals []model.Goal, actions []JSONAction) JSONStatus {
	out := JSONStatus{Team: team, Sprint: sprintJSON(r.Sprint), Submitted: r.Submitted, Expected: r.Expected,
		NotSubmitted: nonNil(r.NotSubmitted), Late: nonNil(r.Late), Agenda: []JSONObjStatus{}, Actions: actions}
	if r.HasScore {
		s := r.Score
		out.Score = &s
	}
	goalTitle := goalTitles(goals)
	missing := map[uuid.UUID][]string{}
	for _, m := range r.Missing {
		missing[m.ObjectiveID] = m.Handles
	}
	for _, s := range r.Agenda {
		out.Agenda = append(out.Agenda, objStatusJSON(s, goalTitle, missing[s.Objective.ID]))
	}
	return out
}

func objStatusJSON(s model.ObjectiveStats, goalTitle map[uuid.UUID]string, missing []string) JSONObjStatus {
	o := JSONObjStatus{ID: s.Objective.ID.String(), Title: s.Objective.Title, Goal: refOf(s.Objective.GoalID, goalTitle[s.Objective.GoalID]),
		Level: string(s.Level), Responses: s.Responses, Abstained: s.Abstained, Estimates: []JSONEstimate{},
		Outliers: nonNil(s.Outliers), Missing: nonNil(missing), Stories: s.Evidence.Stories, StoriesDone: s.Evidence.StoriesDone,
		Points: s.Evidence.Points, PointsDone: s.Evidence.PointsDone, Baseline: s.Objective.Baseline}
	if s.Responses > 0 {
		med, lo, hi, sp := s.Median, s.Min, s.Max, s.Spread
		o.Median, o.Min, o.Max, o.Spread = &med, &lo, &hi, &sp
	}
	for _, e := range s.Estimates {
		o.Estimates = append(o.Estimates, JSONEstimate{Member: e.Handle, Progress: e.Progress, Confidence: e.Confidence, Note: e.Note, Late: e.Late})
	}
	if oc := s.Outcome; oc != nil {
		o.Agreed, o.Discussed, o.Notes, o.Minutes = oc.Agreed, oc.Discussed, oc.Notes, oc.Minutes
	}
	return o
}
