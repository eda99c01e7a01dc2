package cli

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/align-team/align/model"
	"github.com/align-team/align/views/rollup"
	"github.com/align-team/align/views/ui"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// runRollupTUI shows r on the roll-up screen until the user quits. Bubble
// Tea restores the terminal after a panic in Update or View; a panic here
// comes back as an error, so align exits non-zero with the terminal usable.
func runRollupTUI(r model.Rollup, in io.Reader, out io.Writer) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("the roll-up screen failed with an internal error: %v", p)
		}
	}()
	renderer := lipgloss.DefaultRenderer()
	if out != io.Writer(os.Stdout) {
		renderer = lipgloss.NewRenderer(out)
	}
	renderer.ColorProfile()
	renderer.HasDarkBackground()
	w, h := terminalSize(out)
	screen := rollup.New(r, ui.NewStyles(renderer), w, h)
	p := tea.NewProgram(rollup.Program{Screen: screen}, tea.WithAltScreen(), tea.WithInput(in), tea.WithOutput(out))
	_, runErr := p.Run()
	switch {
	case runErr == nil, errors.Is(runErr, tea.ErrInterrupted):
		return nil
	case errors.Is(runErr, tea.ErrProgramPanic):
		return errors.New("the roll-up screen crashed (the terminal was restored; the details are printed above)")
	}
	return fmt.Errorf("running the roll-up screen: %w", runErr)
}
