// Package review is the Review screen: last sprint's open action items,
// then the agenda most disputed first, the reveal, the agreed outcome, the
// discussion timer and the wrap-up. Its saves run in the root's I/O queue
// (ui.Deps.IO) and come back to the root as ui.OutcomeSavedMsg,
// ui.ActionSavedMsg and ui.AnonymousSavedMsg; over align serve it follows
// the facilitator through ui.FollowMsg.
package review

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/align-team/align/model"
	"github.com/align-team/align/views/ui"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/google/uuid"
)

// reviewMode is what the Review screen's keys currently drive.
type reviewMode int

const (
	modeAgenda     reviewMode = iota // walking the agenda
	modeActions                      // ticking off last sprint's action items
	modeAgree                        // typing the agreed value
	modeNotes                        // writing the discussion notes
	modeNewAction                    // writing an action item and picking its owner
	modeWrapUp                       // the wrap-up after the last objective (wrapup.go)
	modeEditAction                   // editing an action item's text or due date (actions.go)
)

// Model is the Review screen; it runs the review: last sprint's open action items first, then the
// agenda most disputed first. An objective's estimates stay hidden ("n of m
// submitted") until it is revealed; the reveal persists in its Outcome.
type Model struct {
	deps          ui.Deps
	keys          keyMap
	input         ui.InputKeys
	width, height int

	loaded     bool
	data       ui.WorkspaceData
	agenda     []model.ObjectiveStats
	outcomes   map[uuid.UUID]model.Outcome // by objective, with local changes
	saves      ui.Inflight                 // outcome saves, per objective
	actions    []model.ActionItem          // this sprint's live action items
	prev       []model.ActionItem          // earlier sprints' open items shown for ticking
	prevFrom   map[uuid.UUID]model.Sprint  // the sprint each of prev comes from
	ticked     map[uuid.UUID]bool          // previous items ticked this session
	anonymous  bool                        // the review's anonymous mode (see anon.go)
	anonSaving int                         // saves of the mode in flight
	anonSeq    uint64                      // I/O sequence of the last one that finished
	// unnamed holds each objective's estimates in the order the notes list
	// shows them in anonymous mode: by estimate, then confidence and note,
	// never by handle (the analysis breaks ties by handle, which would
	// tell who wrote which note).
	unnamed map[uuid.UUID][]model.Estimate
	started bool // the first load happened (opening focus, anonymity)

	mode   reviewMode
	cursor int
	first  int
	// scroll is how far the detail pane's body is scrolled (pgup/pgdn,
	// the wheel); scrollFor is the objective it belongs to, so that
	// another objective starts at the top.
	scroll    int
	scrollFor uuid.UUID
	act       int       // cursor in last sprint's actions
	focusOn   uuid.UUID // objective to focus after the next load

	// Live review (serve): where the facilitator's review is, and what this
	// facilitator last told the others.
	lead      uuid.UUID // the facilitator's objective; members follow it
	leadOn    uuid.UUID // the sprint of lead
	published uuid.UUID // the objective this facilitator last published
	leadSince time.Time // when lead became the review's current objective
	steering  bool      // this session published lead (it records its minutes)

	agree ui.Editor
	// asking: the action editor is taking an uncertain outcome's question.
	asking bool
	notes  ui.Editor
	action ui.Editor
	owner  int // index into the active members; -1 for no owner

	timer reviewTimer // how long the current objective is discussed (timer.go)

	wrapKeys wrapUpKeys
	wrote    string // the file the wrap-up last wrote the summary to

	actKeys  actionKeys
	actEdit  ui.Editor        // the text or due date being edited
	actField string           // "text" or "due"
	editing  model.ActionItem // the item being edited
}

// New returns the Review screen.
func New(d ui.Deps) Model {
	return Model{
		deps: d, keys: newKeyMap(), input: ui.NewInputKeys(),
		outcomes: map[uuid.UUID]model.Outcome{}, saves: ui.NewInflight(), ticked: map[uuid.UUID]bool{},
		agree:    ui.NewEditor(d.Styles, "Agreed progress (0–100): ", false, 3),
		notes:    ui.NewEditor(d.Styles, "│ ", true, model.MaxText),
		action:   ui.NewEditor(d.Styles, "Action: ", false, model.MaxTitle),
		owner:    -1,
		timer:    newReviewTimer(d.Tick),
		wrapKeys: newWrapUpKeys(),
		actKeys:  newActionKeys(),
		actEdit:  ui.NewEditor(d.Styles, "", false, model.MaxTitle*2),
	}
}

// SetSize sets the content size.
func (m Model) SetSize(w, h int) Model {
	m.width, m.height = w, h
	dw := m.detailWidth()
	m.agree = m.agree.SetSize(dw, 1)
	m.notes = m.notes.SetSize(dw, 3)
	m.action = m.action.SetSize(dw, 1)
	m.first = ui.Window(m.first, m.cursor, m.listRows(), len(m.agenda))
	if _, ok := m.current(); ok && m.scroll > 0 {
		m.scroll = ui.Clamp(m.scroll, 0, m.maxScroll())
	}
	return m
}

// Capturing reports whether a text field has focus.
func (m Model) Capturing() bool {
	return m.mode == modeAgree || m.mode == modeNotes || m.mode == modeNewAction || m.mode == modeEditAction
}

// Unsaved reports whether typed input would be lost (notes save as typed).
func (m Model) Unsaved() bool {
	return (m.mode == modeAgree && m.agree.Value() != "") || (m.mode == modeNewAction && m.action.Value() != "")
}

// ShortHelp returns the bindings of the short help line. The facilitator's
// keys are hidden from members (see facilitated).
func (m Model) ShortHelp() []key.Binding {
	k := m.keys
	f := m.facilitated
	switch m.mode {
	case modeAgree:
		return []key.Binding{m.input.Submit, m.input.Cancel}
	case modeNewAction:
		return []key.Binding{m.input.Submit, k.Owner, m.input.Cancel}
	case modeNotes:
		return ui.NoteHelp(m.input)
	case modeActions:
		ak := m.actKeys
		return []key.Binding{ui.Relabel(k.Up, "↑/↓", "item"), f(k.Tick), f(ak.Owner), f(ak.Due), f(ak.Edit), f(ak.Delete), k.Continue}
	case modeEditAction:
		return []key.Binding{m.input.Submit, m.input.Cancel}
	case modeWrapUp:
		return []key.Binding{m.wrapKeys.Write, f(m.wrapKeys.Close), m.wrapKeys.Back}
	}
	if !m.revealable() {
		return []key.Binding{ui.Relabel(k.Up, "↑/↓", "objective"), f(k.ToReview)}
	}
	if !m.deps.Facilitator {
		return []key.Binding{ui.Relabel(k.Up, "↑/↓", "objective")}
	}
	return []key.Binding{k.Reveal, m.discussable(ui.Relabel(k.Discussed, "enter", "done, next")), ui.Relabel(k.Agree, "v", "agree"),
		ui.Relabel(k.Action, "a", "action"), k.Notes, k.Anonymous}
}

// discussable returns b as help shows it: hidden while the objective under
// the cursor is unrevealed (enter then says to reveal it first).
func (m Model) discussable(b key.Binding) key.Binding {
	if st, ok := m.current(); ok && !m.revealed(st.Objective.ID) {
		b.SetEnabled(false)
	}
	return b
}

// FullHelp returns the bindings of the full help.
func (m Model) FullHelp() [][]key.Binding {
	k := m.keys
	f := m.facilitated
	if m.mode == modeActions {
		ak := m.actKeys
		return [][]key.Binding{{k.Up, k.Down, f(k.Tick), k.Continue}, {f(ak.Owner), f(ak.Due), f(ak.Edit), f(ak.Delete)}}
	}
	if m.mode != modeAgenda {
		return [][]key.Binding{m.ShortHelp()}
	}
	toReview := f(k.ToReview)
	if m.revealable() || m.data.Sprint.Sprint.State == model.StateClosed {
		toReview.SetEnabled(false) // R moves a planned or assessing sprint only
	}
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown},
		{m.discussable(f(k.Discussed)), k.Actions, f(k.Reveal), f(k.Round2), f(k.Anonymous), toReview},
		{f(k.Agree), f(k.Uncertain), f(k.Notes), f(k.Action), k.WrapUp},
	}
}

// revealable reports whether the sprint's state allows reveals.
func (m Model) revealable() bool {
	return m.data.HasSprint && m.data.Sprint.Sprint.State == model.StateReview
}

// recording reports whether outcomes may be recorded here now.
func (m Model) recording() bool { return m.revealable() && m.deps.Facilitator }

// Update handles a message.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	var cmd tea.Cmd
	if tick, ok := msg.(TimerTickMsg); ok {
		m = m.tickTimer(tick)
	} else {
		m, cmd = m.update(msg)
	}
	m, timed := m.sync().retime()
	return m, tea.Batch(cmd, timed)
}

func (m Model) update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case ui.WorkspaceLoadedMsg:
		return m.load(msg.Data), nil
	case ui.NavigateMsg:
		m = m.showTimer()
		if msg.Objective != uuid.Nil {
			m.focusOn = msg.Objective
			m = m.focus()
		}
		return m.announce()
	case ui.FollowMsg:
		return m.follow(msg), nil
	case ui.OutcomeSavedMsg:
		return m.outcomeSaved(msg)
	case ui.ActionSavedMsg:
		return m.actionSaved(msg)
	case toReviewConfirmedMsg:
		return m, m.moveToReview(msg.id)
	case closeConfirmedMsg:
		return m, m.closeSprint(msg.id)
	case actionDeleteMsg:
		del := msg.a
		del.Deleted = true
		return m, m.saveAction(del)
	case summaryWrittenMsg:
		if msg.err != nil {
			return m, func() tea.Msg { return ui.ErrMsg{Err: fmt.Errorf("writing the summary: %w", msg.err)} }
		}
		m.wrote = msg.path
		return m, ui.Footer("summary written to " + msg.path)
	case ui.AnonymousSavedMsg:
		return m.anonymousSaved(msg)
	case ui.ExternalEditedMsg:
		return m.externalEdited(msg)
	case tea.KeyMsg:
		m, cmd := m.key(msg)
		m, pub := m.announce()
		return m, tea.Batch(cmd, pub)
	case tea.MouseMsg:
		return m.mouse(msg).announce()
	}
	return m, nil
}

// sync fits the state to the objective under the cursor: the detail starts
// at the top on another objective, and help says whether space reveals or
// hides it again.
func (m Model) sync() Model {
	st, ok := m.current()
	if st.Objective.ID != m.scrollFor {
		m.scroll, m.scrollFor = 0, st.Objective.ID
	}
	if ok && m.scroll > 0 {
		m.scroll = ui.Clamp(m.scroll, 0, m.maxScroll())
	}
	// space reveals a hidden objective and hides a revealed one again
	// (during the review; once closed, everything shows).
	m.keys.Reveal.SetHelp("space", "reveal")
	if ok && m.revealed(st.Objective.ID) {
		m.keys.Reveal.SetHelp("space", "hide again")
	}
	if ok && model.EstimateRound2([]model.Outcome{m.outcomes[st.Objective.ID]}, st.Objective.ID) {
		m.keys.Reveal.SetHelp("space", "reveal round 2")
	}
	m.keys.Reveal.SetEnabled(!ok || m.data.Sprint.Sprint.State != model.StateClosed)
	return m
}

// load takes a fresh snapshot, keeping local outcomes whose saves are in
// flight.
func (m Model) load(d ui.WorkspaceData) Model {
	m = m.loadAnonymous(d)
	// The agenda re-sorts as estimates change: the cursor stays on its
	// objective, not on its row.
	var keep uuid.UUID
	if st, ok := m.current(); ok && st.Objective.SprintID == d.Sprint.Sprint.ID {
		keep = st.Objective.ID
	}
	m.data, m.loaded = d, true
	m.agenda = d.Report.Agenda
	m.unnamed = map[uuid.UUID][]model.Estimate{}
	for _, st := range m.agenda {
		es := slices.Clone(st.Estimates)
		slices.SortStableFunc(es, func(a, b model.Estimate) int {
			return cmp.Or(cmp.Compare(a.Progress, b.Progress), cmp.Compare(a.Confidence, b.Confidence), strings.Compare(a.Note, b.Note))
		})
		m.unnamed[st.Objective.ID] = es
	}
	// Local outcomes win while their saves are in flight, and over a
	// snapshot read before their last save (results arrive in any order).
	stale := func(id uuid.UUID) bool { return m.saves.Stale(id, d.Seq) }
	next := map[uuid.UUID]model.Outcome{}
	for id, o := range m.outcomes {
		if stale(id) {
			next[id] = o
		}
	}
	for _, o := range d.Sprint.Outcomes {
		if !o.Deleted && !stale(o.ObjectiveID) {
			next[o.ObjectiveID] = o
		}
	}
	m.outcomes = next
	m.actions = m.actions[:0:0]
	for _, a := range d.Sprint.Actions {
		if !a.Deleted {
			m.actions = append(m.actions, a)
		}
	}
	m.prev, m.prevFrom = earlierItems(d.Earlier, m.prev, m.prevFrom, m.ticked)
	if !m.started {
		m.started = true
		if len(m.prev) > 0 {
			m.mode = modeActions
		}
	}
	if m.mode == modeActions && len(m.actionRows()) == 0 {
		m.mode = modeAgenda
	}
	m.act = ui.Clamp(m.act, 0, max(0, len(m.actionRows())-1))
	m.cursor = ui.Clamp(m.cursor, 0, max(0, len(m.agenda)-1))
	for i, st := range m.agenda {
		if st.Objective.ID == keep {
			m.cursor = i
		}
	}
	return m.focus()
}

// focus moves the cursor to the objective asked for by navigation.
func (m Model) focus() Model {
	if m.focusOn != uuid.Nil {
		for i, st := range m.agenda {
			if st.Objective.ID == m.focusOn {
				m.cursor, m.focusOn = i, uuid.Nil
				if m.mode == modeActions {
					m.mode = modeAgenda
				}
			}
		}
	}
	m.first = ui.Window(m.first, m.cursor, m.listRows(), len(m.agenda))
	return m
}

// current returns the agenda item under the cursor.
func (m Model) current() (model.ObjectiveStats, bool) {
	if m.cursor < 0 || m.cursor >= len(m.agenda) {
		return model.ObjectiveStats{}, false
	}
	return m.agenda[m.cursor], true
}

// revealed reports whether objective id's estimates show: revealed in its
// outcome, or the sprint is closed (the review is over).
func (m Model) revealed(id uuid.UUID) bool {
	if m.data.Sprint.Sprint.State == model.StateClosed {
		return true
	}
	return m.outcomes[id].Revealed
}

// ownerName returns the handle of the action item's owner.
func (m Model) ownerName(id uuid.UUID) string {
	if mem, ok := m.data.Member(id); ok {
		return mem.Handle
	}
	return "unowned"
}
