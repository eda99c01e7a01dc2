// Package assess is the Assess screen, where a member privately estimates
// each objective of the sprint. It saves through the root's I/O queue
// (ui.Deps.IO) and reports each save back to the root as
// ui.AssessmentSavedMsg.
package assess

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/align-team/align/model"
	"github.com/align-team/align/views/ui"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/google/uuid"
)

// Model is the Assess screen, where a member privately estimates each objective of the
// sprint: progress, confidence, a note, or an abstention. Every change is
// saved at once through the app's ordered queue. Others' estimates stay
// hidden until the sprint is in review.
type Model struct {
	deps          ui.Deps
	keys          keyMap
	input         ui.InputKeys
	width, height int

	as         uuid.UUID // the fixed member (--as, the SSH key); uuid.Nil when none
	asResolved bool      // the fixed member was applied once
	loaded     bool
	data       ui.WorkspaceData
	objectives []model.Objective
	stories    map[uuid.UUID][]model.Story
	stats      map[uuid.UUID]model.ObjectiveStats

	member model.Member // the acting member; zero ID until chosen
	mine   map[uuid.UUID]model.Assessment
	saves  ui.Inflight // per objective
	cursor int
	first  int

	picking    bool // the member picker is shown
	pick       int
	pickFilter ui.Editor
	filtering  bool
	candidates []model.Member

	typing bool // typing an exact progress value
	number ui.Editor
	noting bool // editing the note
	note   ui.Editor
}

// New returns the Assess screen acting as the member with id as
// (uuid.Nil: remembered or chosen).
func New(d ui.Deps, as uuid.UUID) Model {
	return Model{
		deps: d, keys: newKeyMap(), input: ui.NewInputKeys(), as: as,
		mine: map[uuid.UUID]model.Assessment{}, saves: ui.NewInflight(),
		number:     ui.NewEditor(d.Styles, "Progress (0–100): ", false, 3),
		note:       ui.NewEditor(d.Styles, "│ ", true, model.MaxText),
		pickFilter: ui.NewEditor(d.Styles, "/ ", false, model.MaxName),
	}
}

// SetSize sets the content size.
func (m Model) SetSize(w, h int) Model {
	m.width, m.height = w, h
	m.number = m.number.SetSize(m.detailWidth(), 1)
	m.note = m.note.SetSize(m.detailWidth()-2, 4)
	m.pickFilter = m.pickFilter.SetSize(w, 1)
	m.first = ui.Window(m.first, m.cursor, m.listRows(), len(m.objectives))
	return m
}

// Capturing reports whether a text field has focus.
func (m Model) Capturing() bool { return m.typing || m.noting || m.filtering }

// Unsaved reports whether a typed number would be lost; notes save as typed.
func (m Model) Unsaved() bool { return m.typing && m.number.Value() != "" }

// ShortHelp returns the bindings of the short help line.
func (m Model) ShortHelp() []key.Binding {
	k := m.keys
	switch {
	case m.typing || m.filtering:
		return []key.Binding{m.input.Submit, m.input.Cancel}
	case m.noting:
		return ui.NoteHelp(m.input)
	case m.picking:
		return []key.Binding{ui.Relabel(k.Prev, "↑/↓", "member"), k.Select, k.Filter}
	}
	return []key.Binding{ui.Relabel(k.Digit, "0-9", "progress"), ui.Relabel(k.Prev, "↑/↓", "objective"),
		ui.Relabel(k.Less, "←/→", "±5"), ui.Relabel(k.ConfUp, "+/-", "confidence"), k.Note, k.Abstain,
		ui.Relabel(k.Withdraw, "d", "withdraw")}
}

// FullHelp returns the bindings of the full help.
func (m Model) FullHelp() [][]key.Binding {
	k := m.keys
	if m.Capturing() {
		return [][]key.Binding{m.ShortHelp()}
	}
	if m.picking {
		return [][]key.Binding{{k.Prev, k.Next, k.Select, k.Filter}}
	}
	member := k.Member
	member.SetEnabled(m.as == uuid.Nil) // the member is fixed (--as, or the SSH key)
	return [][]key.Binding{
		{k.Prev, k.Next},
		{k.Digit, k.Less, k.More, k.LessFine, k.MoreFine, k.Type},
		{k.ConfUp, k.ConfDown, k.Note, k.Abstain, k.Withdraw, member},
	}
}

// Update handles a message.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case ui.WorkspaceLoadedMsg:
		return m.load(msg.Data)
	case ui.AssessmentSavedMsg:
		return m.saved(msg)
	case withdrawMsg:
		return m.withdraw(msg)
	case ui.ExternalEditedMsg:
		return m.externalEdited(msg)
	case ui.MemberRememberedMsg:
		return m, nil
	case tea.KeyMsg:
		return m.key(msg)
	case tea.MouseMsg:
		return m.mouse(msg), nil
	}
	return m, nil
}

// load takes a fresh snapshot: objectives, stories, the acting member and
// their assessments (keeping local values whose saves are still in flight).
func (m Model) load(d ui.WorkspaceData) (Model, tea.Cmd) {
	keep, _ := m.current() // the cursor stays on its objective across reloads
	m.data, m.loaded = d, true
	m.objectives = model.LiveObjectives(d.Sprint)
	m.stats = map[uuid.UUID]model.ObjectiveStats{}
	for _, st := range d.Report.Objectives {
		m.stats[st.Objective.ID] = st
	}
	// The store returns stories in plan order; grouping keeps it.
	m.stories = map[uuid.UUID][]model.Story{}
	for _, s := range d.Sprint.Stories {
		if !s.Deleted {
			m.stories[s.ObjectiveID] = append(m.stories[s.ObjectiveID], s)
		}
	}
	m.candidates = d.ActiveMembers()
	var cmd tea.Cmd
	if m.as != uuid.Nil && !m.asResolved {
		m.asResolved = true
		if mem, ok := d.Member(m.as); ok && !mem.Deleted {
			m.member = mem
		} else {
			cmd = func() tea.Msg {
				return ui.FooterMsg{Text: "the member you are signed in as is no longer in the workspace: choose yourself"}
			}
		}
	}
	if m.member.ID == uuid.Nil && !m.picking {
		if mem, ok := d.Member(d.Workspace.LastMember); ok && mem.Active {
			m.member = mem
		}
	} else if mem, ok := d.Member(m.member.ID); ok {
		m.member = mem
	}
	m.picking = m.member.ID == uuid.Nil
	m = m.mergeMine(model.CurrentEstimates(d.Sprint), d.Seq)
	m.cursor = ui.Clamp(m.cursor, 0, max(0, len(m.objectives)-1))
	for i, o := range m.objectives {
		if o.ID == keep.ID && keep.ID != uuid.Nil {
			m.cursor = i
		}
	}
	m.first = ui.Window(m.first, m.cursor, m.listRows(), len(m.objectives))
	return m, cmd
}

// mergeMine replaces the member's assessments with stored ones, except for
// objectives with saves in flight, whose local value is newer.
func (m Model) mergeMine(all []model.Assessment, seq uint64) Model {
	next := map[uuid.UUID]model.Assessment{}
	// Local values win while their saves are in flight, and over a
	// snapshot read before their last save (results arrive in any order).
	stale := func(id uuid.UUID) bool { return m.saves.Stale(id, seq) }
	for id, a := range m.mine {
		if stale(id) {
			next[id] = a
		}
	}
	for _, a := range all {
		if a.MemberID == m.member.ID && !a.Deleted && !stale(a.ObjectiveID) {
			next[a.ObjectiveID] = a
		}
	}
	m.mine = next
	return m
}

// saved settles one finished save.
func (m Model) saved(msg ui.AssessmentSavedMsg) (Model, tea.Cmd) {
	id := msg.A.ObjectiveID
	idle := m.saves.Finish(id, msg.Seq, msg.Err == nil)
	if msg.Err != nil {
		err := msg.Err
		return m, func() tea.Msg { return ui.ErrMsg{Err: err} }
	}
	switch {
	case !idle || msg.A.MemberID != m.member.ID:
	case msg.A.Deleted:
		delete(m.mine, id)
	default:
		m.mine[id] = msg.A
	}
	return m, nil
}

func (m Model) key(msg tea.KeyMsg) (Model, tea.Cmd) {
	switch {
	case m.typing:
		return m.keyNumber(msg)
	case m.noting:
		return m.keyNote(msg)
	case m.filtering:
		return m.keyFilter(msg)
	case m.picking:
		return m.keyPick(msg)
	}
	k := m.keys
	n := len(m.objectives)
	var cmd tea.Cmd
	switch {
	case key.Matches(msg, k.Prev):
		m.cursor = ui.Clamp(m.cursor-1, 0, max(0, n-1))
	case key.Matches(msg, k.Next), key.Matches(msg, k.Select):
		m.cursor = ui.Clamp(m.cursor+1, 0, max(0, n-1))
	case key.Matches(msg, k.Less):
		return m.step(-5)
	case key.Matches(msg, k.More):
		return m.step(5)
	case key.Matches(msg, k.LessFine):
		return m.step(-1)
	case key.Matches(msg, k.MoreFine):
		return m.step(1)
	case key.Matches(msg, k.Digit), key.Matches(msg, k.Type):
		return m.startTyping(msg)
	case key.Matches(msg, k.Withdraw):
		return m.askWithdraw()
	case key.Matches(msg, k.Abstain):
		return m.change(func(a *model.Assessment) { a.Abstain = !a.Abstain })
	case key.Matches(msg, k.ConfUp), key.Matches(msg, k.ConfDown), key.Matches(msg, k.Note):
		return m.keyAnswered(msg)
	case key.Matches(msg, k.Member):
		m, cmd = m.switchMember()
	}
	m.first = ui.Window(m.first, m.cursor, m.listRows(), n)
	return m, cmd
}

// switchMember opens the member picker, unless the member is fixed.
func (m Model) switchMember() (Model, tea.Cmd) {
	if m.as == uuid.Nil {
		m.picking = true
		m.pick = 0
		return m, nil
	}
	as := m.member.Handle
	return m, func() tea.Msg {
		return ui.FooterMsg{Text: "you are signed in as @" + as + ": the member cannot be switched here"}
	}
}

func (m Model) keyNumber(msg tea.KeyMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.input.Cancel):
		m.typing = false
		m.number = m.number.Blur()
		return m, nil
	case key.Matches(msg, m.input.Submit):
		raw := strings.TrimSpace(m.number.Value())
		v, err := strconv.Atoi(raw)
		if err != nil || v < 0 || v > 100 {
			return m, func() tea.Msg {
				return ui.ErrMsg{Err: fmt.Errorf("progress must be a whole number from 0 to 100, not %q", raw)}
			}
		}
		m.typing = false
		m.number = m.number.Blur()
		return m.change(func(a *model.Assessment) { a.Progress, a.Abstain = v, false })
	}
	if msg.Type == tea.KeyRunes {
		// Digits only: "65%" typed (or read) at once keeps its digits.
		msg.Runes = digitsOf(msg.Runes)
		if len(msg.Runes) == 0 {
			return m, nil
		}
	}
	m.number = m.number.Update(msg)
	return m, nil
}

func (m Model) keyNote(msg tea.KeyMsg) (Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.input.Cancel), key.Matches(msg, m.input.Submit):
		m.noting = false
		m.note = m.note.Blur()
		return m, nil
	case key.Matches(msg, m.input.External):
		o, _ := m.current()
		return m, m.deps.ExternalEdit("assess-note", o.ID, m.note.Value())
	}
	before := m.note.Value()
	m.note = m.note.Update(msg)
	if v := m.note.Value(); v != before {
		return m.change(func(a *model.Assessment) { a.Note = v })
	}
	return m, nil
}

// editable reports whether the sprint accepts assessments.
func (m Model) editable() bool {
	return m.data.HasSprint && model.CanAssess(m.data.Sprint.Sprint.State) && m.member.ID != uuid.Nil
}

// current returns the objective under the cursor.
func (m Model) current() (model.Objective, bool) {
	if m.cursor < 0 || m.cursor >= len(m.objectives) {
		return model.Objective{}, false
	}
	return m.objectives[m.cursor], true
}

// change applies f to the member's assessment of the current objective
// (creating it from the baseline when there is none) and saves it at once.
func (m Model) change(f func(a *model.Assessment)) (Model, tea.Cmd) {
	o, ok, cmd := m.answerable()
	if !ok {
		return m, cmd
	}
	now := m.deps.Now()
	a, exists := m.mine[o.ID]
	if !exists {
		a = m.newEstimate(o, now)
	} else {
		a.Touch(now)
	}
	f(&a)
	a.Submitted = true
	m.mine[o.ID] = a
	m.saves.Start(o.ID)
	st, q, saving := m.deps.Store, m.deps.IO, a
	saving.Meta = model.Meta{} // one per member and objective: the store finds it
	return m, m.deps.IO.Submit(func() tea.Msg {
		stored, err := st.SaveAssessment(saving)
		if err != nil {
			return ui.AssessmentSavedMsg{A: saving, Err: fmt.Errorf("saving your estimate: %w", err)}
		}
		return ui.AssessmentSavedMsg{A: stored, Seq: q.Seq()}
	})
}

// digitsOf returns the ASCII digits of rs, in order.
func digitsOf(rs []rune) []rune {
	var out []rune
	for _, r := range rs {
		if r >= '0' && r <= '9' {
			out = append(out, r)
		}
	}
	return out
}
