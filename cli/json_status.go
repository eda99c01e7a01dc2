package cli

import (
	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
)

// statusJSON loads the sprint ref names and builds its align status --json
// (export.StatusJSON).
func (a *app) statusJSON(st *store.Store, ref string) (export.JSONStatus, error) {
	ws, err := st.Workspace()
	if err != nil {
		return export.JSONStatus{}, err
	}
	d, err := a.loadSprint(st, ref)
	if err != nil {
		return export.JSONStatus{}, err
	}
	ms, err := liveMembers(st)
	if err != nil {
		return export.JSONStatus{}, err
	}
	goals, err := st.Goals()
	if err != nil {
		return export.JSONStatus{}, err
	}
	rows, all, err := actionRows(st, d)
	if err != nil {
		return export.JSONStatus{}, err
	}
	offsets, err := pastOffsets(st, d.Sprint.ID)
	if err != nil {
		return export.JSONStatus{}, err
	}
	r := model.Rank(model.Analyze(d, ms, ws.Settings), ws.Settings, offsets)
	return export.StatusJSON(ws.Team, r, goals, export.ActionsJSON(rows, all)), nil
}
