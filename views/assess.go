package views

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/align-team/align/model"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/google/uuid"
)

// Assess is where a member privately estimates each objective of the
// sprint: progress, confidence, a note, or an abstention. Every change is
// saved at once through the app's ordered queue. Others' estimates stay
// hidden until the sprint is in review.
type Assess struct {
	deps          deps
	keys          assessKeys
	input         inputKeys
	width, height int

	as         uuid.UUID // the fixed member (--as, the SSH key); uuid.Nil when none
	asResolved bool      // the fixed member was applied once
	loaded     bool
	data       workspaceData
	objectives []model.Objective
	stories    map[uuid.UUID][]model.Story
	stats      map[uuid.UUID]model.ObjectiveStats

	member model.Member // the acting member; zero ID until chosen
	mine   map[uuid.UUID]model.Assessment
	saves  inflight // per objective
	cursor int
	first  int

	picking    bool // the member picker is shown
	pick       int
	pickFilter editor
	filtering  bool
	candidates []model.Member

	typing bool // typing an exact progress value
	number editor
	noting bool // editing the note
	note   editor
}

// NewAssess returns the Assess screen acting as the member with id as
// (uuid.Nil: remembered or chosen).
func NewAssess(d deps, as uuid.UUID) Assess {
	return Assess{
		deps: d, keys: newAssessKeys(), input: newInputKeys(), as: as,
		mine: map[uuid.UUID]model.Assessment{}, saves: newInflight(),
		number:     newEditor(d.styles, "Progress (0–100): ", false, 3),
		note:       newEditor(d.styles, "│ ", true, model.MaxText),
		pickFilter: newEditor(d.styles, "/ ", false, model.MaxName),
	}
}

// SetSize sets the content size.
func (m Assess) SetSize(w, h int) Assess {
	m.width, m.height = w, h
	m.number = m.number.SetSize(m.detailWidth(), 1)
	m.note = m.note.SetSize(m.detailWidth()-2, 4)
	m.pickFilter = m.pickFilter.SetSize(w, 1)
	m.first = window(m.first, m.cursor, m.listRows(), len(m.objectives))
	return m
}

// Capturing reports whether a text field has focus.
func (m Assess) Capturing() bool { return m.typing || m.noting || m.filtering }

// Unsaved reports whether a typed number would be lost; notes save as typed.
func (m Assess) Unsaved() bool { return m.typing && m.number.Value() != "" }

// ShortHelp returns the bindings of the short help line.
func (m Assess) ShortHelp() []key.Binding {
	k := m.keys
	switch {
	case m.typing || m.filtering:
		return []key.Binding{m.input.Submit, m.input.Cancel}
	case m.noting:
		return noteHelp(m.input)
	case m.picking:
		return []key.Binding{relabel(k.Prev, "↑/↓", "member"), k.Select, k.Filter}
	}
	return []key.Binding{relabel(k.Digit, "0-9", "progress"), relabel(k.Prev, "↑/↓", "objective"),
		relabel(k.Less, "←/→", "±5"), relabel(k.ConfUp, "+/-", "confidence"), k.Note, k.Abstain,
		relabel(k.Withdraw, "d", "withdraw")}
}

// FullHelp returns the bindings of the full help.
func (m Assess) FullHelp() [][]key.Binding {
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
func (m Assess) Update(msg tea.Msg) (Assess, tea.Cmd) {
	switch msg := msg.(type) {
	case workspaceLoadedMsg:
		return m.load(msg.data)
	case assessmentSavedMsg:
		return m.saved(msg)
	case withdrawMsg:
		return m.withdraw(msg)
	case externalEditedMsg:
		return m.externalEdited(msg)
	case memberRememberedMsg:
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
func (m Assess) load(d workspaceData) (Assess, tea.Cmd) {
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
	m.candidates = d.activeMembers()
	var cmd tea.Cmd
	if m.as != uuid.Nil && !m.asResolved {
		m.asResolved = true
		if mem, ok := d.member(m.as); ok && !mem.Deleted {
			m.member = mem
		} else {
			cmd = func() tea.Msg {
				return footerMsg{text: "the member you are signed in as is no longer in the workspace: choose yourself"}
			}
		}
	}
	if m.member.ID == uuid.Nil && !m.picking {
		if mem, ok := d.member(d.Workspace.LastMember); ok && mem.Active {
			m.member = mem
		}
	} else if mem, ok := d.member(m.member.ID); ok {
		m.member = mem
	}
	m.picking = m.member.ID == uuid.Nil
	m = m.mergeMine(model.CurrentEstimates(d.Sprint), d.seq)
	m.cursor = clamp(m.cursor, 0, max(0, len(m.objectives)-1))
	for i, o := range m.objectives {
		if o.ID == keep.ID && keep.ID != uuid.Nil {
			m.cursor = i
		}
	}
	m.first = window(m.first, m.cursor, m.listRows(), len(m.objectives))
	return m, cmd
}

// mergeMine replaces the member's assessments with stored ones, except for
// objectives with saves in flight, whose local value is newer.
func (m Assess) mergeMine(all []model.Assessment, seq uint64) Assess {
	next := map[uuid.UUID]model.Assessment{}
	// Local values win while their saves are in flight, and over a
	// snapshot read before their last save (results arrive in any order).
	stale := func(id uuid.UUID) bool { return m.saves.stale(id, seq) }
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
func (m Assess) saved(msg assessmentSavedMsg) (Assess, tea.Cmd) {
	id := msg.a.ObjectiveID
	idle := m.saves.finish(id, msg.seq, msg.err == nil)
	if msg.err != nil {
		err := msg.err
		return m, func() tea.Msg { return errMsg{err: err} }
	}
	switch {
	case !idle || msg.a.MemberID != m.member.ID:
	case msg.a.Deleted:
		delete(m.mine, id)
	default:
		m.mine[id] = msg.a
	}
	return m, nil
}

func (m Assess) key(msg tea.KeyMsg) (Assess, tea.Cmd) {
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
		m.cursor = clamp(m.cursor-1, 0, max(0, n-1))
	case key.Matches(msg, k.Next), key.Matches(msg, k.Select):
		m.cursor = clamp(m.cursor+1, 0, max(0, n-1))
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
	m.first = window(m.first, m.cursor, m.listRows(), n)
	return m, cmd
}

// switchMember opens the member picker, unless the member is fixed.
func (m Assess) switchMember() (Assess, tea.Cmd) {
	if m.as == uuid.Nil {
		m.picking = true
		m.pick = 0
		return m, nil
	}
	as := m.member.Handle
	return m, func() tea.Msg {
		return footerMsg{text: "you are signed in as @" + as + ": the member cannot be switched here"}
	}
}

func (m Assess) keyNumber(msg tea.KeyMsg) (Assess, tea.Cmd) {
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
				return errMsg{err: fmt.Errorf("progress must be a whole number from 0 to 100, not %q", raw)}
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

func (m Assess) keyNote(msg tea.KeyMsg) (Assess, tea.Cmd) {
	switch {
	case key.Matches(msg, m.input.Cancel), key.Matches(msg, m.input.Submit):
		m.noting = false
		m.note = m.note.Blur()
		return m, nil
	case key.Matches(msg, m.input.External):
		o, _ := m.current()
		return m, m.deps.externalEdit("assess-note", o.ID, m.note.Value())
	}
	before := m.note.Value()
	m.note = m.note.Update(msg)
	if v := m.note.Value(); v != before {
		return m.change(func(a *model.Assessment) { a.Note = v })
	}
	return m, nil
}

// editable reports whether the sprint accepts assessments.
func (m Assess) editable() bool {
	return m.data.HasSprint && model.CanAssess(m.data.Sprint.Sprint.State) && m.member.ID != uuid.Nil
}

// current returns the objective under the cursor.
func (m Assess) current() (model.Objective, bool) {
	if m.cursor < 0 || m.cursor >= len(m.objectives) {
		return model.Objective{}, false
	}
	return m.objectives[m.cursor], true
}

// change applies f to the member's assessment of the current objective
// (creating it from the baseline when there is none) and saves it at once.
func (m Assess) change(f func(a *model.Assessment)) (Assess, tea.Cmd) {
	o, ok, cmd := m.answerable()
	if !ok {
		return m, cmd
	}
	now := m.deps.now()
	a, exists := m.mine[o.ID]
	if !exists {
		a = m.newEstimate(o, now)
	} else {
		a.Touch(now)
	}
	f(&a)
	a.Submitted = true
	m.mine[o.ID] = a
	m.saves.start(o.ID)
	st, q, saving := m.deps.store, m.deps.io, a
	saving.Meta = model.Meta{} // one per member and objective: the store finds it
	return m, m.deps.io.submit(func() tea.Msg {
		stored, err := st.SaveAssessment(saving)
		if err != nil {
			return assessmentSavedMsg{a: saving, err: fmt.Errorf("saving your estimate: %w", err)}
		}
		return assessmentSavedMsg{a: stored, seq: q.seq()}
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
