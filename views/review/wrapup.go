package review

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/align-team/align/store"
	"github.com/align-team/align/views/ui"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/google/uuid"
)

// The wrap-up: after the last objective, what the review agreed, the action
// items and their owners, and what was not discussed; from there the
// facilitator closes the sprint and writes the markdown summary to a file.

// wrapUpKeys are the wrap-up's keys.
type wrapUpKeys struct {
	Close, Write, Back key.Binding
}

func newWrapUpKeys() wrapUpKeys {
	return wrapUpKeys{
		Close: key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "close the sprint")),
		Write: key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "write the summary")),
		Back:  key.NewBinding(key.WithKeys("esc", "enter"), key.WithHelp("esc", "back to the agenda")),
	}
}

// closeConfirmedMsg is the confirmed request to close sprint id.
type closeConfirmedMsg struct{ id uuid.UUID }

// summaryWrittenMsg reports the file the summary was written to.
type summaryWrittenMsg struct {
	path string
	err  error
}

// summaryPath is where the wrap-up writes sprint sp's summary: in the
// working directory, named after the sprint ("sprint-14-review.md").
func summaryPath(sp model.Sprint) string {
	dir, err := os.Getwd()
	if err != nil {
		dir = "."
	}
	return filepath.Join(dir, summaryFile(sp))
}

// summaryFile is the file name of sprint sp's summary.
func summaryFile(sp model.Sprint) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(sp.Name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	name := strings.Trim(b.String(), "-")
	if name == "" {
		name = "sprint"
	}
	return name + "-review.md"
}

// wrapUpKey handles a key in the wrap-up.
func (m Model) wrapUpKey(msg tea.KeyMsg) (Model, tea.Cmd) {
	k := m.wrapKeys
	sp := m.data.Sprint.Sprint
	switch {
	case key.Matches(msg, k.Back):
		m.mode = modeAgenda
	case key.Matches(msg, k.Close):
		switch {
		case !m.deps.Facilitator:
			return m, onlyFacilitator("close the sprint")
		case sp.State == model.StateClosed:
			return m, ui.Footer(sp.Name + " is already closed")
		case sp.State != model.StateReview:
			return m, ui.Footer(fmt.Sprintf("%s is %s: a sprint closes after its review", sp.Name, sp.State))
		}
		prompt := fmt.Sprintf("Close %s? A closed sprint is read-only for good; its open action items come back at the next review.", sp.Name)
		return m, func() tea.Msg { return ui.ConfirmMsg{Prompt: prompt, Yes: closeConfirmedMsg{id: sp.ID}} }
	case key.Matches(msg, k.Write):
		if m.deps.Hub != nil {
			return m, ui.Footer("over ssh the summary stays on the server: run align export there")
		}
		return m, m.writeSummary(summaryPath(sp))
	}
	return m, nil
}

// closeSprint saves the sprint closed.
func (m Model) closeSprint(id uuid.UUID) tea.Cmd {
	if !m.data.HasSprint || m.data.Sprint.Sprint.ID != id {
		return nil
	}
	sp := m.data.Sprint.Sprint
	sp.State = model.StateClosed
	st := m.deps.Store
	return m.deps.IO.Submit(func() tea.Msg {
		if _, err := st.SaveSprint(sp); err != nil {
			return ui.ErrMsg{Err: fmt.Errorf("closing %s: %w", sp.Name, err)}
		}
		return ui.SavedMsg{Text: sp.Name + " is closed: e writes its summary"}
	})
}

// writeSummary writes the markdown summary of the shown sprint to path,
// read fresh from the store, exactly as align export writes it.
func (m Model) writeSummary(path string) tea.Cmd {
	st, id := m.deps.Store, m.data.Sprint.Sprint.ID
	return m.deps.IO.Submit(func() tea.Msg {
		sum, err := SummaryOf(st, id)
		if err == nil {
			err = writeFileAtomic(path, func(w *bufio.Writer) error { return export.Markdown(w, sum) })
		}
		return summaryWrittenMsg{path: path, err: err}
	})
}

// SummaryOf reads what the markdown summary of sprint id is made from.
func SummaryOf(st *store.Store, id uuid.UUID) (export.Summary, error) {
	ws, err := st.Workspace()
	if err != nil {
		return export.Summary{}, err
	}
	d, err := st.SprintData(id)
	if err != nil {
		return export.Summary{}, err
	}
	d.Objectives = model.LiveObjectives(d)
	ms, err := st.Members()
	if err != nil {
		return export.Summary{}, err
	}
	goals, err := st.Goals()
	if err != nil {
		return export.Summary{}, err
	}
	earlier, err := st.OpenActionsBefore(d.Sprint)
	if err != nil {
		return export.Summary{}, err
	}
	return export.Summary{Team: ws.Team, Sprint: d, Members: ms, Goals: goals, Settings: ws.Settings, Earlier: earlier}, nil
}

// writeFileAtomic writes path through a temporary file in its directory,
// synced and renamed into place, readable by the user alone.
func writeFileAtomic(path string, write func(*bufio.Writer) error) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), ".align-summary-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	bw := bufio.NewWriter(f)
	if err = write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// wrapUpView renders the wrap-up.
func (m Model) wrapUpView() string {
	s := m.deps.Styles
	w := m.width
	sp := m.data.Sprint.Sprint
	lines := []string{s.Title.Render(ui.Truncate("Wrap-up · "+sp.Name+" ("+string(sp.State)+")", w)), ""}
	lines = append(lines, s.Bold.Render("Agreed"))
	titleW := 0
	for _, st := range m.agenda {
		titleW = max(titleW, len([]rune(st.Objective.Title)))
	}
	titleW = ui.Clamp(titleW, 1, max(1, w-24))
	var notDiscussed []string
	for _, st := range m.agenda {
		o := m.outcomes[st.Objective.ID]
		agreed := s.Faint.Render("not agreed")
		if o.Agreed != nil {
			agreed = s.Success.Render(fmt.Sprintf("%3d%%", *o.Agreed))
		}
		mark := "  "
		if o.Discussed {
			mark = s.Success.Render(DiscussedMark) + " "
		} else {
			notDiscussed = append(notDiscussed, st.Objective.Title)
		}
		lines = append(lines, ui.Truncate("  "+mark+ui.PadRight(ui.Truncate(st.Objective.Title, titleW), titleW)+"  "+agreed, w))
	}
	lines = append(lines, "", s.Bold.Render(fmt.Sprintf("Action items (%d)", len(m.actions))))
	if len(m.actions) == 0 {
		lines = append(lines, s.Faint.Render("  none recorded: a adds one on the agenda"))
	}
	for _, a := range m.actions {
		box := "[ ]"
		if a.Done {
			box = "[x]"
		}
		tail := " — " + m.ownerName(a.OwnerID)
		if !a.Due.IsZero() {
			tail += " · due " + ui.DateText(a.Due)
		}
		lines = append(lines, ui.Truncate("  "+box+" "+a.Text+s.Faint.Render(tail), w))
	}
	if n := len(m.prev); n > 0 {
		lines = append(lines, s.Faint.Render(ui.Truncate(fmt.Sprintf("  and %s still open from earlier sprints (p lists them)", export.Plural(n, "item", "items")), w)))
	}
	lines = append(lines, "")
	if len(notDiscussed) == 0 {
		lines = append(lines, s.Success.Render("Every objective was discussed."))
	} else {
		lines = append(lines, ui.Truncate(s.Marker.Render("Not discussed: ")+strings.Join(notDiscussed, ", "), w))
	}
	lines = append(lines, "")
	if m.wrote != "" {
		lines = append(lines, ui.Truncate(s.Success.Render("Summary written to ")+m.wrote, w))
	} else {
		lines = append(lines, ui.Truncate(s.Faint.Render("e writes the summary to ./")+summaryFile(sp)+s.Faint.Render(" · C closes the sprint"), w))
	}
	return ui.Fit(strings.Join(lines, "\n"), w, m.height)
}
