// Command align runs a product team's sprint review in the terminal: members
// privately estimate each objective's progress, and the review walks through
// the objectives the team disagrees on most.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/align-team/align/cli"
	tea "github.com/charmbracelet/bubbletea"
)

func main() {
	if err := run(); err != nil {
		var status cli.ExitStatus
		if errors.As(err, &status) { // a result, such as remind's, not an error
			os.Exit(int(status))
		}
		fmt.Fprintln(os.Stderr, "align: "+err.Error())
		os.Exit(1)
	}
}

// run wires the process to the command line, with debug logging to the file
// named by ALIGN_DEBUG (align-debug.log when it is just "1" or "true"),
// since stdout belongs to the terminal UI.
func run() error {
	if path := os.Getenv("ALIGN_DEBUG"); path != "" {
		if path == "1" || path == "true" {
			path = "align-debug.log"
		}
		f, err := tea.LogToFile(path, "align")
		if err != nil {
			return fmt.Errorf("cannot open the debug log %s (from ALIGN_DEBUG): %v", path, err)
		}
		defer f.Close()
	}
	return cli.Execute(context.Background(), os.Args[1:]...)
}
