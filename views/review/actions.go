package review

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/align-team/align/model"
	"github.com/align-team/align/views/ui"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/google/uuid"
)

// The Review screen's action list (p, and at the start of a review): the
// open items of earlier sprints, then this sprint's items. The facilitator
// ticks them off and back, reassigns them, sets or clears a due date, edits
// the text and deletes an item recorded by mistake.

// actionKeys edit the item under the cursor.
type actionKeys struct {
	Owner, Due, Edit, Delete key.Binding
}

func newActionKeys() actionKeys {
	return actionKeys{
		Owner:  key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "next owner")),
		Due:    key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "due date")),
		Edit:   key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit text")),
		Delete: key.NewBinding(key.WithKeys("D"), key.WithHelp("D", "delete")),
	}
}

// actionDeleteMsg is the confirmed request to delete an action item.
type actionDeleteMsg struct{ a model.ActionItem }

// actionRows is the list: earlier sprints' items, then this sprint's.
func (m Model) actionRows() []model.ActionItem {
	rows := make([]model.ActionItem, 0, len(m.prev)+len(m.actions))
	return append(append(rows, m.prev...), m.actions...)
}

// fromName names the sprint an item of the list comes from.
func (m Model) fromName(a model.ActionItem) string {
	if sp, ok := m.prevFrom[a.ID]; ok {
		return sp.Name
	}
	return m.data.Sprint.Sprint.Name
}

// putAction replaces the listed item with a's ID by a.
func (m *Model) putAction(a model.ActionItem) {
	for _, list := range [][]model.ActionItem{m.prev, m.actions} {
		for i := range list {
			if list[i].ID == a.ID {
				list[i] = a
			}
		}
	}
}

func (m Model) keyActions(msg tea.KeyMsg) (Model, tea.Cmd) {
	k, ak := m.keys, m.actKeys
	rows := m.actionRows()
	switch {
	case key.Matches(msg, k.Up):
		m.act = ui.Clamp(m.act-1, 0, max(0, len(rows)-1))
		return m, nil
	case key.Matches(msg, k.Down):
		m.act = ui.Clamp(m.act+1, 0, max(0, len(rows)-1))
		return m, nil
	case key.Matches(msg, k.Continue), key.Matches(msg, m.input.Cancel):
		m.mode = modeAgenda
		return m, nil
	}
	if m.act >= len(rows) {
		return m, nil
	}
	a := rows[m.act]
	if !m.deps.Facilitator && (key.Matches(msg, k.Tick) || key.Matches(msg, ak.Owner) || key.Matches(msg, ak.Due) || key.Matches(msg, ak.Edit) || key.Matches(msg, ak.Delete)) {
		return m, onlyFacilitator("change action items")
	}
	switch {
	case key.Matches(msg, k.Tick):
		a.Done = !a.Done
		m.ticked[a.ID] = true
	case key.Matches(msg, ak.Owner):
		a.OwnerID = m.nextOwner(a.OwnerID)
	case key.Matches(msg, ak.Due):
		v := ""
		if !a.Due.IsZero() {
			v = a.Due.Format(model.DateLayout)
		}
		m.mode, m.actField, m.editing = modeEditAction, "due", a
		m.actEdit = m.actEdit.SetPrompt("Due (YYYY-MM-DD, or none): ").SetValue(v).Focus()
		return m, nil
	case key.Matches(msg, ak.Edit):
		if m.fromName(a) != m.data.Sprint.Sprint.Name {
			return m, ui.Footer("an earlier sprint's item keeps its text: tick it off, or add a new one")
		}
		m.mode, m.actField, m.editing = modeEditAction, "text", a
		m.actEdit = m.actEdit.SetPrompt("Action: ").SetValue(a.Text).Focus()
		return m, nil
	case key.Matches(msg, ak.Delete):
		if m.fromName(a) != m.data.Sprint.Sprint.Name {
			return m, ui.Footer("an earlier sprint's item is ticked off, not deleted")
		}
		prompt := fmt.Sprintf("Delete the action item %q?", ui.Truncate(a.Text, 40))
		return m, func() tea.Msg { return ui.ConfirmMsg{Prompt: prompt, Yes: actionDeleteMsg{a: a}} }
	default:
		return m, nil
	}
	m.putAction(a)
	return m, m.saveAction(a)
}

// nextOwner is the active member after id in handle order, then nobody.
func (m Model) nextOwner(id uuid.UUID) uuid.UUID {
	members := m.data.ActiveMembers()
	for i, mem := range members {
		if mem.ID == id {
			if i+1 < len(members) {
				return members[i+1].ID
			}
			return uuid.Nil
		}
	}
	if len(members) > 0 {
		return members[0].ID
	}
	return uuid.Nil
}

func (m Model) keyEditAction(msg tea.KeyMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.input.Cancel):
		m.mode, m.actEdit = modeActions, m.actEdit.Blur()
		return m, nil
	case key.Matches(msg, m.input.Submit):
		a, raw := m.editing, strings.TrimSpace(m.actEdit.Value())
		switch m.actField {
		case "text":
			if raw == "" {
				return m, ui.Footer("an action item needs some text (esc cancels; D deletes it)")
			}
			a.Text = raw
		case "due":
			d, err := model.ParseDue(raw)
			if err != nil {
				return m, func() tea.Msg { return ui.ErrMsg{Err: err} }
			}
			a.Due = d
		}
		m.mode, m.actEdit = modeActions, m.actEdit.Blur()
		m.putAction(a)
		return m, m.saveAction(a)
	}
	m.actEdit = m.actEdit.Update(msg)
	return m, nil
}

// actionsView: the open items of earlier sprints, then this sprint's.
func (m Model) actionsView() string {
	s := m.deps.Styles
	hint := "The facilitator ticks off what is done; enter for the agenda."
	if m.deps.Facilitator {
		hint = "Tick off what is done (space); o owner, d due, e edit, D delete; enter: agenda."
	}
	lines := []string{
		s.Title.Render(ui.Truncate("Before the agenda: action items open from earlier sprints, then "+m.data.Sprint.Sprint.Name+"'s", m.width)),
		s.Faint.Render(ui.Truncate(hint, m.width)),
	}
	if m.mode == modeEditAction {
		lines = append(lines, ui.Truncate(m.actEdit.View(), m.width))
	} else {
		lines = append(lines, "")
	}
	rows := m.actionRows()
	room := max(1, m.height-len(lines))
	first := ui.Window(0, m.act, room, len(rows))
	for i := first; i < min(len(rows), first+room); i++ {
		a := rows[i]
		box := "[ ]"
		if a.Done {
			box = s.Success.Render("[x]")
		}
		tail := " — " + m.ownerName(a.OwnerID) + " · " + m.fromName(a)
		if !a.Due.IsZero() {
			tail += " · due " + ui.DateText(a.Due)
		}
		line := box + " " + a.Text + s.Faint.Render(tail)
		if i == m.act {
			line = s.Accent.Render("▸ ") + line
		} else {
			line = "  " + line
		}
		lines = append(lines, ui.Truncate(line, m.width))
	}
	return strings.Join(lines, "\n")
}

// earlierItems returns the open items of earlier sprints to show at the
// start of the review, and the sprint of each: those still open, and those
// ticked this session (shown ticked, so that a slip can be undone), oldest
// sprint first, then in creation order.
func earlierItems(open []model.OpenAction, shown []model.ActionItem, from map[uuid.UUID]model.Sprint, ticked map[uuid.UUID]bool) ([]model.ActionItem, map[uuid.UUID]model.Sprint) {
	type row struct {
		item model.ActionItem
		from model.Sprint
	}
	var rows []row
	seen := map[uuid.UUID]bool{}
	for _, oa := range open {
		rows = append(rows, row{oa.Item, oa.From})
		seen[oa.Item.ID] = true
	}
	for _, a := range shown {
		if ticked[a.ID] && !seen[a.ID] {
			rows = append(rows, row{a, from[a.ID]})
		}
	}
	slices.SortStableFunc(rows, func(a, b row) int {
		return cmp.Or(a.from.Start.Compare(b.from.Start), a.item.CreatedAt.Compare(b.item.CreatedAt), strings.Compare(a.item.ID.String(), b.item.ID.String()))
	})
	items, byID := make([]model.ActionItem, 0, len(rows)), make(map[uuid.UUID]model.Sprint, len(rows))
	for _, r := range rows {
		items = append(items, r.item)
		byID[r.item.ID] = r.from
	}
	return items, byID
}
