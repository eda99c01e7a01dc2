package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/align-team/align/store"
	"github.com/align-team/align/views"
	tea "github.com/charmbracelet/bubbletea"
)

// tuiKeys drives the terminal UI on db synchronously, as the Bubble Tea
// loop would: each key, then every command it leads to, in a bounded loop.
func tuiKeys(t *testing.T, db string, keys ...string) {
	t.Helper()
	if v := tuiScreen(t, db, keys...); strings.Contains(v, "✗") {
		t.Fatalf("the TUI shows an error:\n%s", v)
	}
}

// tuiScreen drives the terminal UI on db as tuiKeys does and returns the
// last screen.
func tuiScreen(t *testing.T, db string, keys ...string) string {
	t.Helper()
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	app := views.New(views.Options{Store: st, Now: func() time.Time { return testNow }, Width: 100, Height: 30, Facilitator: true})
	defer app.Close(5 * time.Second)
	var m tea.Model = app
	drive := func(cmd tea.Cmd) {
		queue := []tea.Cmd{cmd}
		for steps := 0; len(queue) > 0; steps++ {
			if steps > 1000 {
				t.Fatal("the TUI did not settle")
			}
			c := queue[0]
			queue = queue[1:]
			if c == nil {
				continue
			}
			switch msg := c().(type) {
			case nil, tea.QuitMsg:
			case tea.BatchMsg:
				queue = append(queue, msg...)
			default:
				var next tea.Cmd
				m, next = m.Update(msg)
				queue = append(queue, next)
			}
		}
	}
	drive(m.Init())
	for _, k := range keys {
		var msg tea.KeyMsg
		switch k {
		case "enter":
			msg = tea.KeyMsg{Type: tea.KeyEnter}
		case "esc":
			msg = tea.KeyMsg{Type: tea.KeyEscape}
		case "tab":
			msg = tea.KeyMsg{Type: tea.KeyTab}
		case "ctrl+j":
			msg = tea.KeyMsg{Type: tea.KeyCtrlJ}
		case " ":
			msg = tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
		default:
			msg = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
		}
		var cmd tea.Cmd
		m, cmd = m.Update(msg)
		drive(cmd)
	}
	return m.View()
}

func typed(s string) []string { return strings.Split(s, "") }

// The same review, once from the shell alone and once from the TUI alone,
// on the same team data, gives the same markdown summary.
func TestReview_ShellAndTUIExportsAgree(t *testing.T) {
	shell, tui := newWorkspace(t), newWorkspace(t)
	for _, db := range []string{shell, tui} {
		seedSprint(t, db)
		mustRun(t, db, "sprint", "state", "Sprint 14", "review")
	}
	mustRun(t, shell, "outcome", "set", "Checkout in three steps", "--agreed", "40", "--discussed")
	mustRun(t, shell, "note", "add", "Checkout in three steps", "The address step is still there")
	mustRun(t, shell, "note", "add", "Checkout in three steps", "Payments API slipped a week")
	mustID(t, shell, "action", "add", "Fix the flaky checkout test", "--owner", "bo", "--objective", "Checkout in three steps")
	mustRun(t, shell, "outcome", "set", "Faster search", "--agreed", "100", "--discussed")

	// In the TUI: the agenda puts Checkout first (split), Faster search
	// second, Docs refresh last.
	keys := []string{"3", " ", "v", "4", "0", "enter", "n"}
	keys = append(keys, typed("The address step is still there")...)
	keys = append(keys, "ctrl+j")
	keys = append(keys, typed("Payments API slipped a week")...)
	keys = append(keys, "esc", "a")
	keys = append(keys, typed("Fix the flaky checkout test")...)
	keys = append(keys, "tab", "tab", "enter", "enter", " ", "v", "1", "0", "0", "enter", "enter")
	tuiKeys(t, tui, keys...)

	a, b := mustRun(t, shell, "export"), mustRun(t, tui, "export")
	if a != b {
		t.Errorf("the exports differ:\n--- shell:\n%s\n--- tui:\n%s", a, b)
	}
	for _, want := range []string{"Payments API slipped a week", "- [ ] Fix the flaky checkout test (owner: bo; objective: Checkout in three steps)"} {
		if !strings.Contains(b, want) {
			t.Errorf("the TUI's export lacks %q:\n%s", want, b)
		}
	}

	// The wrap-up writes the same summary to a file.
	dir := t.TempDir()
	t.Chdir(dir)
	tuiKeys(t, tui, "3", "w", "e")
	got, err := os.ReadFile(filepath.Join(dir, "sprint-14-review.md"))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != a {
		t.Errorf("the wrap-up's file differs from the shell's export:\n%s", got)
	}
}
