package cli

import (
	"bufio"
	"io"
)

// toStdout reports whether the -o value output means standard output.
func toStdout(output string) bool { return output == "" || output == "-" }

// writeOutput runs write against standard output, buffered, when output
// is "" or "-", else against the file output, which it replaces whole or
// not at all (writeFileAtomic).
func (a *app) writeOutput(output string, write func(io.Writer) error) error {
	if !toStdout(output) {
		return writeFileAtomic(output, write)
	}
	bw := bufio.NewWriter(a.out())
	if err := write(bw); err != nil {
		return err
	}
	return bw.Flush()
}
