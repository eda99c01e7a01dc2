package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	"github.com/google/uuid"
)

// findSprint resolves a sprint reference against the workspace. The current
// sprint comes from the store's sprint index, without decoding every header;
// any other reference (and the messages when there is no current sprint)
// goes through resolveSprint.
func (a *app) findSprint(st *store.Store, ref string) (model.Sprint, error) {
	if r := strings.TrimSpace(ref); r == "" || strings.EqualFold(r, "current") {
		if sp, ok, err := st.CurrentSprint(a.today()); err != nil || ok {
			return sp, err
		}
	}
	sprints, err := st.Sprints()
	if err != nil {
		return model.Sprint{}, err
	}
	return resolveSprint(ref, sprints, a.today())
}

// openSprint opens the workspace (read-only when ro) and loads the sprint
// that ref names; the caller closes the store, which is nil on an error.
func (a *app) openSprint(ro bool, ref string) (*store.Store, model.SprintData, error) {
	st, err := a.open(ro)
	if err != nil {
		return nil, model.SprintData{}, err
	}
	d, err := a.loadSprint(st, ref)
	if err != nil {
		st.Close()
		return nil, model.SprintData{}, err
	}
	return st, d, nil
}

// loadSprint resolves a sprint reference and loads that sprint's live
// records.
func (a *app) loadSprint(st *store.Store, ref string) (model.SprintData, error) {
	sp, err := a.findSprint(st, ref)
	if err != nil {
		return model.SprintData{}, err
	}
	d, err := st.SprintData(sp.ID)
	if err != nil {
		return model.SprintData{}, err
	}
	return liveData(d), nil
}

// liveData drops tombstoned records from d and puts objectives in plan
// order, so that commands never show or match deleted records.
func liveData(d model.SprintData) model.SprintData {
	d.Objectives = model.LiveObjectives(d)
	d.Stories = live(d.Stories, func(s model.Story) bool { return s.Deleted })
	d.Assessments = live(d.Assessments, func(s model.Assessment) bool { return s.Deleted })
	d.Round2 = live(d.Round2, func(s model.Assessment) bool { return s.Deleted })
	d.Outcomes = live(d.Outcomes, func(s model.Outcome) bool { return s.Deleted })
	d.Actions = live(d.Actions, func(s model.ActionItem) bool { return s.Deleted })
	return d
}

func live[T any](xs []T, deleted func(T) bool) []T {
	out := make([]T, 0, len(xs))
	for _, x := range xs {
		if !deleted(x) {
			out = append(out, x)
		}
	}
	return out
}

// liveMembers returns the members that are not deleted.
func liveMembers(st *store.Store) ([]model.Member, error) {
	ms, err := st.Members()
	if err != nil {
		return nil, err
	}
	return live(ms, func(m model.Member) bool { return m.Deleted }), nil
}

// liveGoals returns the goals that are not deleted.
func liveGoals(st *store.Store) ([]model.Goal, error) {
	gs, err := st.Goals()
	if err != nil {
		return nil, err
	}
	return live(gs, func(g model.Goal) bool { return g.Deleted }), nil
}

// storiesOf returns the stories of objective id, in their order.
func storiesOf(d model.SprintData, id uuid.UUID) []model.Story {
	var out []model.Story
	for _, s := range d.Stories {
		if s.ObjectiveID == id {
			out = append(out, s)
		}
	}
	return out
}

// printID writes a new record's id alone on a line, for scripts to capture.
func (a *app) printID(id uuid.UUID) {
	fmt.Fprintln(a.out(), id.String())
}

// hint writes a note for people to standard error, keeping stdout clean for
// pipes.
func (a *app) hint(format string, args ...any) {
	fmt.Fprintf(a.env.Stderr, format+"\n", args...)
}

// table returns a writer on w that aligns tab-separated columns by display
// width; call Flush when done.
func table(w io.Writer) *widthTable { return newWidthTable(w) }

// planGuard refuses plan edits (objectives, stories) in states that do not
// allow them, naming the state and the way out.
func planGuard(sp model.Sprint) error {
	if model.CanEditPlan(sp.State) {
		return nil
	}
	if sp.State == model.StateClosed {
		return fmt.Errorf("sprint %q is closed and read-only", sp.Name)
	}
	return fmt.Errorf("sprint %q is in %s: objectives and stories can change only in planning or assessing (move it with `align sprint state %q planning`)",
		sp.Name, sp.State, sp.Name)
}

// idsOf returns the short ids of xs, long enough to tell them apart.
func idsOf[T any](xs []T, meta func(T) model.Meta) map[uuid.UUID]string {
	ids := make([]uuid.UUID, len(xs))
	for i, x := range xs {
		ids[i] = meta(x).ID
	}
	return shortIDs(ids)
}

// equalFold compares two titles ignoring case and surrounding space.
func equalFold(a, b string) bool {
	return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
}
