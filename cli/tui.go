package cli

import (
	"errors"
	"fmt"
	"github.com/align-team/align/internal/lastmember"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/align-team/align/store"
	"github.com/align-team/align/views"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/term"
	"github.com/google/uuid"
)

// drainTimeout bounds the wait for the TUI's queued writes after it quits.
const drainTimeout = 5 * time.Second

// testPanicEnv names the hidden test hook of the terminal-robustness test
// (e2e/panic_test.go): set to update, command or io, the first key press in
// the TUI panics there on purpose (views.Options.TestPanic). Unset, nothing
// changes.
const testPanicEnv = "ALIGN_TEST_PANIC"

// runTUI starts the terminal UI on st, as the member with id as, resolved
// by actingMember (or the remembered member when as is uuid.Nil), reading
// keys from in and drawing to out.
//
// The colour profile and the terminal's background are detected before the
// program starts, while nothing else reads the terminal; on the process's
// own stdout Bubble Tea's init has already asked, so its answer is reused
// rather than asking the terminal a second time. Bubble Tea restores the
// terminal after a panic in Update or View; the app turns a panic in its
// commands and store jobs into an orderly quit. Either way the terminal is
// usable again and an error comes back, so align exits non-zero.
func runTUI(st *store.Store, as uuid.UUID, in io.Reader, out io.Writer) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the terminal UI failed with an internal error: %v", r)
		}
	}()
	testPanic := os.Getenv(testPanicEnv)
	switch testPanic {
	case "", "update", "command", "io":
	default:
		return fmt.Errorf("%s=%q: use update, command or io (a test hook; leave it unset)", testPanicEnv, testPanic)
	}
	renderer := lipgloss.DefaultRenderer() // asked by Bubble Tea's init when out is stdout
	if out != io.Writer(os.Stdout) {
		renderer = lipgloss.NewRenderer(out)
	}
	renderer.ColorProfile()      // NO_COLOR and the terminal's colour support
	renderer.HasDarkBackground() // queries the terminal (once): must precede Run
	w, h := terminalSize(out)
	var memory views.MemberMemory
	if path, err := lastmember.DefaultPath(); err == nil {
		memory = lastmember.Workspace{File: lastmember.File{Path: path}, DB: st.Path()}
	}
	app := views.New(views.Options{
		Store: st, Now: time.Now, As: as, Renderer: renderer,
		Width: w, Height: h, Facilitator: true, TestPanic: testPanic, Tick: time.Second,
		Memory: memory, Advice: adviceFor,
	})
	var damaged error
	p := tea.NewProgram(backupAfterFirstFrame{App: app, st: st, damaged: &damaged}, tea.WithAltScreen(), tea.WithMouseCellMotion(), tea.WithInput(in), tea.WithOutput(out))
	defer quitOnHangup(p)() // until the saves have drained
	final, runErr := p.Run()
	if w, ok := final.(backupAfterFirstFrame); ok {
		final = w.App
	}
	if damaged != nil {
		app.Close(drainTimeout)
		return damaged // the walk refused the file: nothing was read or written
	}
	st.StartAutoBackup() // if the program ended before its first frame
	if a, ok := final.(views.App); ok {
		a.Close(drainTimeout)
		if ferr := a.Err(); ferr != nil {
			return fmt.Errorf("the terminal UI stopped on an internal error (the terminal was restored): %w", ferr)
		}
	} else {
		app.Close(drainTimeout)
	}
	switch {
	case runErr == nil, errors.Is(runErr, tea.ErrInterrupted):
		return nil
	case errors.Is(runErr, tea.ErrProgramPanic):
		return errors.New("the terminal UI crashed (the terminal was restored; the details are printed above)")
	case errors.Is(runErr, tea.ErrProgramKilled):
		// Bubble Tea recovered a panic in a command it ran on its own (the
		// app guards its commands, so this is one inside a tea.Sequence).
		return errors.New("the terminal UI stopped on an internal error in a background command (the terminal was restored)")
	}
	return fmt.Errorf("running the terminal UI: %w", runErr)
}

// terminalSize returns out's size when it is a terminal, else 80×24 (the
// first WindowSizeMsg corrects it).
func terminalSize(out io.Writer) (int, int) {
	if f, ok := out.(*os.File); ok {
		if w, h, err := term.GetSize(f.Fd()); err == nil && w > 0 && h > 0 {
			return w, h
		}
	}
	return 80, 24
}

// quitOnHangup quits p in order on SIGHUP (the terminal was closed, or
// someone sent it), as Bubble Tea itself does on SIGINT and SIGTERM: the
// terminal is restored and queued saves drain before align exits, rather
// than the process dying with the terminal in raw mode and the alternate
// screen. The returned function stops listening.
func quitOnHangup(p *tea.Program) (stop func()) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		select {
		case <-hup:
			p.Quit()
		case <-done:
		}
	}()
	return func() {
		signal.Stop(hup)
		close(done)
	}
}
