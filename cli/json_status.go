package cli

import (
	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	"github.com/google/uuid"
)

// jsonSprint is a sprint's header, in status and sprint list --json.
type jsonSprint struct {
	ID    string  `json:"id"`
	Name  string  `json:"name"`
	Goal  string  `json:"goal"`
	Start *string `json:"start"`
	End   *string `json:"end"`
	State string  `json:"state"`
}

func sprintJSON(sp model.Sprint) jsonSprint {
	return jsonSprint{ID: sp.ID.String(), Name: sp.Name, Goal: sp.Goal, Start: jsonDate(sp.Start), End: jsonDate(sp.End), State: string(sp.State)}
}

// jsonStatus is align status --json.
type jsonStatus struct {
	Team         string          `json:"team"`
	Sprint       jsonSprint      `json:"sprint"`
	Submitted    int             `json:"submitted"`
	Expected     int             `json:"expected"`
	NotSubmitted []string        `json:"not_submitted"`
	Late         []string        `json:"late"`
	Score        *float64        `json:"score"`
	Agenda       []jsonObjStatus `json:"agenda"`
	Actions      []jsonAction    `json:"actions"`
}

// jsonObjStatus is one objective of the agenda, most disputed first.
type jsonObjStatus struct {
	ID          string         `json:"id"`
	Title       string         `json:"title"`
	Goal        *jsonRef       `json:"goal"`
	Level       string         `json:"level"`
	Responses   int            `json:"responses"`
	Abstained   int            `json:"abstained"`
	Median      *float64       `json:"median"`
	Min         *int           `json:"min"`
	Max         *int           `json:"max"`
	Spread      *int           `json:"spread"`
	Estimates   []jsonEstimate `json:"estimates"`
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

// jsonEstimate is one member's estimate.
type jsonEstimate struct {
	Member     string `json:"member"`
	Progress   int    `json:"progress"`
	Confidence int    `json:"confidence"`
	Note       string `json:"note"`
	Late       bool   `json:"late"`
}

// statusJSON loads and builds align status --json for the sprint ref names.
func (a *app) statusJSON(st *store.Store, ref string) (jsonStatus, error) {
	ws, err := st.Workspace()
	if err != nil {
		return jsonStatus{}, err
	}
	d, err := a.loadSprint(st, ref)
	if err != nil {
		return jsonStatus{}, err
	}
	ms, err := liveMembers(st)
	if err != nil {
		return jsonStatus{}, err
	}
	goals, err := st.Goals()
	if err != nil {
		return jsonStatus{}, err
	}
	rows, all, err := actionRows(st, d)
	if err != nil {
		return jsonStatus{}, err
	}
	offsets, err := pastOffsets(st, d.Sprint.ID)
	if err != nil {
		return jsonStatus{}, err
	}
	r := model.Rank(model.Analyze(d, ms, ws.Settings), ws.Settings, offsets)
	out := jsonStatus{Team: ws.Team, Sprint: sprintJSON(d.Sprint), Submitted: r.Submitted, Expected: r.Expected,
		NotSubmitted: nonNil(r.NotSubmitted), Late: nonNil(r.Late), Agenda: []jsonObjStatus{}, Actions: actionsJSON(rows, all)}
	if r.HasScore {
		s := r.Score
		out.Score = &s
	}
	goalTitle := map[uuid.UUID]string{}
	for _, g := range goals {
		goalTitle[g.ID] = g.Title
	}
	missing := map[uuid.UUID][]string{}
	for _, m := range r.Missing {
		missing[m.ObjectiveID] = m.Handles
	}
	for _, s := range r.Agenda {
		out.Agenda = append(out.Agenda, objStatusJSON(s, goalTitle, missing[s.Objective.ID]))
	}
	return out, nil
}

func objStatusJSON(s model.ObjectiveStats, goalTitle map[uuid.UUID]string, missing []string) jsonObjStatus {
	o := jsonObjStatus{ID: s.Objective.ID.String(), Title: s.Objective.Title, Goal: refOf(s.Objective.GoalID, goalTitle[s.Objective.GoalID]),
		Level: string(s.Level), Responses: s.Responses, Abstained: s.Abstained, Estimates: []jsonEstimate{},
		Outliers: nonNil(s.Outliers), Missing: nonNil(missing), Stories: s.Evidence.Stories, StoriesDone: s.Evidence.StoriesDone,
		Points: s.Evidence.Points, PointsDone: s.Evidence.PointsDone, Baseline: s.Objective.Baseline}
	if s.Responses > 0 {
		med, lo, hi, sp := s.Median, s.Min, s.Max, s.Spread
		o.Median, o.Min, o.Max, o.Spread = &med, &lo, &hi, &sp
	}
	for _, e := range s.Estimates {
		o.Estimates = append(o.Estimates, jsonEstimate{Member: e.Handle, Progress: e.Progress, Confidence: e.Confidence, Note: e.Note, Late: e.Late})
	}
	if oc := s.Outcome; oc != nil {
		o.Agreed, o.Discussed, o.Notes, o.Minutes = oc.Agreed, oc.Discussed, oc.Notes, oc.Minutes
	}
	return o
}

// nonNil returns s, or an empty slice for nil, so that JSON shows [].
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
