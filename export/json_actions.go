package export

import (
	"github.com/align-team/align/model"
	"github.com/google/uuid"
)

// JSONAction is one action item in align action list --json and in status
// --json's actions.
type JSONAction struct {
	ID        string   `json:"id"`
	Text      string   `json:"text"`
	Done      bool     `json:"done"`
	Owner     *string  `json:"owner"` // handle
	Due       *string  `json:"due"`   // YYYY-MM-DD
	Objective *JSONRef `json:"objective"`
	Sprint    JSONRef  `json:"sprint"`
	// Earlier is true for an open item of an earlier sprint.
	Earlier bool `json:"earlier"`
}

// ActionRow is one listed action item with the sprint it belongs to, as
// align action list shows it.
type ActionRow struct {
	Item   model.ActionItem
	Sprint model.SprintData
	// Earlier is true for an open item of an earlier sprint.
	Earlier bool
}

// ActionsJSON is align action list --json of rows, in their order, naming
// owners by their handle among ms.
func ActionsJSON(rows []ActionRow, ms []model.Member) []JSONAction {
	out := make([]JSONAction, 0, len(rows))
	for _, r := range rows {
		it := r.Item
		j := JSONAction{ID: it.ID.String(), Text: it.Text, Done: it.Done, Due: JSONDate(it.Due),
			Objective: refOf(it.ObjectiveID, ObjectiveTitle(r.Sprint, it.ObjectiveID)),
			Sprint:    sprintRef(r.Sprint), Earlier: r.Earlier}
		if it.OwnerID != uuid.Nil {
			h := HandleOf(ms, it.OwnerID)
			j.Owner = &h
		}
		out = append(out, j)
	}
	return out
}

// ObjectiveTitle is the title of objective id in d, or "" when d has none
// with that id.
func ObjectiveTitle(d model.SprintData, id uuid.UUID) string {
	for _, o := range d.Objectives {
		if o.ID == id {
			return o.Title
		}
	}
	return ""
}

// HandleOf is the handle of member id among ms, or "" when none has it.
func HandleOf(ms []model.Member, id uuid.UUID) string {
	for _, m := range ms {
		if m.ID == id {
			return m.Handle
		}
	}
	return ""
}
