package export

import (
	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// JSONMember is one member in align member list --json.
type JSONMember struct {
	ID          string `json:"id"`
	Handle      string `json:"handle"`
	Name        string `json:"name"`
	Active      bool   `json:"active"`
	Facilitator bool   `json:"facilitator"`
	Keys        int    `json:"keys"` // how many SSH keys
}

// MembersJSON is align member list --json of ms, in their order.
func MembersJSON(ms []model.Member) []JSONMember {
	out := []JSONMember{}
	for _, m := range ms {
		out = append(out, JSONMember{ID: m.ID.String(), Handle: m.Handle, Name: m.Name, Active: m.Active, Facilitator: m.Facilitator, Keys: len(m.Keys)})
	}
	return out
}

// JSONGoal is one goal in align goal list --json.
type JSONGoal struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Archived    bool   `json:"archived"`
}

// GoalsJSON is align goal list --json of gs, in their order.
func GoalsJSON(gs []model.Goal) []JSONGoal {
	out := []JSONGoal{}
	for _, g := range gs {
		out = append(out, JSONGoal{ID: g.ID.String(), Title: g.Title, Description: g.Description, Archived: g.Archived})
	}
	return out
}

// JSONSprintItem is one sprint in align sprint list --json: its header and
// whether it is the current one.
type JSONSprintItem struct {
	JSONSprint
	Current bool `json:"current"`
}

// SprintsJSON is align sprint list --json of sprints, in their order;
// current is the id of the current sprint (uuid.Nil for none).
func SprintsJSON(sprints []model.Sprint, current uuid.UUID) []JSONSprintItem {
	out := []JSONSprintItem{}
	for _, s := range sprints {
		out = append(out, JSONSprintItem{JSONSprint: sprintJSON(s), Current: s.ID == current})
	}
	return out
}

// JSONObjective is one objective in align objective list --json.
type JSONObjective struct {
	ID          string   `json:"id"`
	Position    int      `json:"position"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Goal        *JSONRef `json:"goal"`
	Stories     int      `json:"stories"`
	StoriesDone int      `json:"stories_done"`
	CarriedFrom *string  `json:"carried_from"`
	Baseline    *int     `json:"baseline"`
	Sprint      JSONRef  `json:"sprint"`
}

// ObjectivesJSON is align objective list --json of sprint d's objectives,
// in plan order, naming their goals from goals.
func ObjectivesJSON(d model.SprintData, goals []model.Goal) []JSONObjective {
	title := goalTitles(goals)
	out := []JSONObjective{}
	for i, o := range d.Objectives {
		j := JSONObjective{ID: o.ID.String(), Position: i + 1, Title: o.Title, Description: o.Description,
			Goal: refOf(o.GoalID, title[o.GoalID]), CarriedFrom: jsonID(o.CarriedFrom), Baseline: o.Baseline,
			Sprint: sprintRef(d)}
		for _, s := range d.Stories {
			if s.ObjectiveID != o.ID {
				continue
			}
			j.Stories++
			if s.Status == model.StoryDone {
				j.StoriesDone++
			}
		}
		out = append(out, j)
	}
	return out
}

// JSONStory is one story in align story list --json.
type JSONStory struct {
	ID        string  `json:"id"`
	Key       *string `json:"key"`
	Title     string  `json:"title"`
	Points    *int    `json:"points"`
	Status    string  `json:"status"`
	Objective JSONRef `json:"objective"`
	Sprint    JSONRef `json:"sprint"`
}

// StoriesJSON is align story list --json of sprint d: the stories of each
// objective in plan order, each objective's in their order.
func StoriesJSON(d model.SprintData) []JSONStory {
	out := []JSONStory{}
	for _, o := range d.Objectives {
		for _, s := range d.Stories {
			if s.ObjectiveID == o.ID {
				out = append(out, storyJSON(s, JSONRef{ID: o.ID.String(), Name: o.Title}, sprintRef(d)))
			}
		}
	}
	return out
}

func storyJSON(s model.Story, objective, sprint JSONRef) JSONStory {
	j := JSONStory{ID: s.ID.String(), Title: s.Title, Status: string(s.Status), Objective: objective, Sprint: sprint}
	if s.Key != "" {
		k := s.Key
		j.Key = &k
	}
	if s.Points > 0 {
		p := s.Points
		j.Points = &p
	}
	return j
}
