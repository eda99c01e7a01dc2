package cli

import (
	"github.com/align-team/align/model"
	"github.com/google/uuid"
	"github.com/spf13/cobra"
)

// addJSON gives status and every list command a --json flag: the command
// then prints the JSON document that produce builds instead of its table.
// It wraps the commands in place, so their own code stays as it is.
func (a *app) addJSON(root *cobra.Command) {
	producers := map[string]func(*cobra.Command) (any, error){
		"align status":         a.statusDoc,
		"align member list":    a.membersDoc,
		"align goal list":      a.goalsDoc,
		"align sprint list":    a.sprintsDoc,
		"align objective list": a.objectivesDoc,
		"align story list":     a.storiesDoc,
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if produce, ok := producers[c.CommandPath()]; ok {
			var asJSON bool
			jsonFlag(c, &asJSON)
			text := c.RunE
			c.RunE = func(cmd *cobra.Command, args []string) error {
				if !asJSON {
					return text(cmd, args)
				}
				v, err := produce(cmd)
				if err != nil {
					return err
				}
				return a.writeJSON(v)
			}
			c.Example += "\n  " + c.CommandPath() + " --json | jq ."
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// sprintFlag is the value of cmd's --sprint flag, or "current".
func sprintFlag(cmd *cobra.Command) string {
	if f := cmd.Flags().Lookup("sprint"); f != nil {
		return f.Value.String()
	}
	return "current"
}

func (a *app) statusDoc(cmd *cobra.Command) (any, error) {
	st, err := a.open(true)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	return a.statusJSON(st, sprintFlag(cmd))
}

type jsonMember struct {
	ID          string `json:"id"`
	Handle      string `json:"handle"`
	Name        string `json:"name"`
	Active      bool   `json:"active"`
	Facilitator bool   `json:"facilitator"`
	Keys        int    `json:"keys"`
}

func (a *app) membersDoc(*cobra.Command) (any, error) {
	st, err := a.open(true)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	ms, err := liveMembers(st)
	if err != nil {
		return nil, err
	}
	out := []jsonMember{}
	for _, m := range ms {
		out = append(out, jsonMember{ID: m.ID.String(), Handle: m.Handle, Name: m.Name, Active: m.Active, Facilitator: m.Facilitator, Keys: len(m.Keys)})
	}
	return out, nil
}

type jsonGoal struct {
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Archived    bool   `json:"archived"`
}

func (a *app) goalsDoc(*cobra.Command) (any, error) {
	st, err := a.open(true)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	gs, err := liveGoals(st)
	if err != nil {
		return nil, err
	}
	out := []jsonGoal{}
	for _, g := range gs {
		out = append(out, jsonGoal{ID: g.ID.String(), Title: g.Title, Description: g.Description, Archived: g.Archived})
	}
	return out, nil
}

type jsonSprintItem struct {
	jsonSprint
	Current bool `json:"current"`
}

func (a *app) sprintsDoc(*cobra.Command) (any, error) {
	st, err := a.open(true)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	sprints, err := st.Sprints()
	if err != nil {
		return nil, err
	}
	cur, _ := model.CurrentSprint(sprints, a.today())
	out := []jsonSprintItem{}
	for _, s := range sprints {
		out = append(out, jsonSprintItem{jsonSprint: sprintJSON(s), Current: s.ID == cur.ID})
	}
	return out, nil
}

type jsonObjective struct {
	ID          string   `json:"id"`
	Position    int      `json:"position"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Goal        *jsonRef `json:"goal"`
	Stories     int      `json:"stories"`
	StoriesDone int      `json:"stories_done"`
	CarriedFrom *string  `json:"carried_from"`
	Baseline    *int     `json:"baseline"`
	Sprint      jsonRef  `json:"sprint"`
}

func (a *app) objectivesDoc(cmd *cobra.Command) (any, error) {
	st, d, err := a.openSprint(true, sprintFlag(cmd))
	if err != nil {
		return nil, err
	}
	defer st.Close()
	goals, err := st.Goals()
	if err != nil {
		return nil, err
	}
	title := map[uuid.UUID]string{}
	for _, g := range goals {
		title[g.ID] = g.Title
	}
	out := []jsonObjective{}
	for i, o := range d.Objectives {
		j := jsonObjective{ID: o.ID.String(), Position: i + 1, Title: o.Title, Description: o.Description,
			Goal: refOf(o.GoalID, title[o.GoalID]), CarriedFrom: jsonID(o.CarriedFrom), Baseline: o.Baseline,
			Sprint: jsonRef{ID: d.Sprint.ID.String(), Name: d.Sprint.Name}}
		for _, s := range storiesOf(d, o.ID) {
			j.Stories++
			if s.Status == model.StoryDone {
				j.StoriesDone++
			}
		}
		out = append(out, j)
	}
	return out, nil
}

type jsonStory struct {
	ID        string  `json:"id"`
	Key       *string `json:"key"`
	Title     string  `json:"title"`
	Points    *int    `json:"points"`
	Status    string  `json:"status"`
	Objective jsonRef `json:"objective"`
	Sprint    jsonRef `json:"sprint"`
}

func (a *app) storiesDoc(cmd *cobra.Command) (any, error) {
	st, d, err := a.openSprint(true, sprintFlag(cmd))
	if err != nil {
		return nil, err
	}
	defer st.Close()
	out := []jsonStory{}
	for _, o := range d.Objectives {
		for _, s := range storiesOf(d, o.ID) {
			j := jsonStory{ID: s.ID.String(), Title: s.Title, Status: string(s.Status),
				Objective: jsonRef{ID: o.ID.String(), Name: o.Title}, Sprint: jsonRef{ID: d.Sprint.ID.String(), Name: d.Sprint.Name}}
			if s.Key != "" {
				k := s.Key
				j.Key = &k
			}
			if s.Points > 0 {
				p := s.Points
				j.Points = &p
			}
			out = append(out, j)
		}
	}
	return out, nil
}
