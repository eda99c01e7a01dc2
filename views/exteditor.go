package views

import (
	"errors"
	"fmt"
	"os"
	"os/exec"

	"github.com/align-team/align/views/ui"
	tea "github.com/charmbracelet/bubbletea"
)

// runExternal hands the terminal to the editor and reads the file back.
func runExternal(msg ui.ExternalReadyMsg) tea.Cmd {
	c := exec.Command(msg.Argv[0], append(msg.Argv[1:], msg.Path)...)
	return tea.ExecProcess(c, func(err error) tea.Msg {
		defer os.Remove(msg.Path)
		out := ui.ExternalEditedMsg{Field: msg.Field, ID: msg.ID}
		if err != nil {
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				out.Err = fmt.Errorf("the editor %s exited with status %d: the text is unchanged", msg.Argv[0], ee.ExitCode())
			} else {
				out.Err = fmt.Errorf("running the editor %s: %w (set $EDITOR)", msg.Argv[0], err)
			}
			return out
		}
		b, err := os.ReadFile(msg.Path)
		if err != nil {
			out.Err = fmt.Errorf("reading back the edited text: %w", err)
			return out
		}
		out.Text = ui.EditedText(string(b))
		return out
	})
}

// external runs the editor for a prepared file, or hands the edited text
// to the screen that asked (an editor's failure goes to the footer).
func (a App) external(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case ui.ExternalReadyMsg:
		return a, runExternal(msg)
	case ui.ExternalEditedMsg:
		if msg.Err != nil {
			a.footer, a.footerErr = msg.Err.Error(), true
			return a, nil
		}
	}
	return a.updateActive(msg)
}
