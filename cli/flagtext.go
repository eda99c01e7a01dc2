package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// textLikeFlag explains an unknown flag that is probably text: a title such
// as "-2+3" or "--draft--" that starts with a dash. It says how to pass it
// (after --), or returns nil when err is no unknown flag.
func textLikeFlag(cmd *cobra.Command, err error) error {
	var ne *pflag.NotExistError
	if !errors.As(err, &ne) {
		return nil
	}
	arg := "--" + ne.GetSpecifiedName()
	if short := ne.GetSpecifiedShortnames(); short != "" {
		arg = "-" + short
	}
	if strings.Contains(err.Error(), "unknown flag: --"+ne.GetSpecifiedName()) && isWordy(ne.GetSpecifiedName()) {
		return nil // a mistyped long flag, such as --bogus: the usual message
	}
	return fmt.Errorf("%v; if %q is text (a title, a note), not a flag, put -- before it, after the flags: %s -- %s (see %s --help)",
		err, arg, cmd.CommandPath(), shellWord(arg), cmd.CommandPath())
}

// isWordy reports whether name looks like a flag name: letters and dashes.
func isWordy(name string) bool {
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-') {
			return false
		}
	}
	return name != ""
}

// shellWord quotes s for a POSIX shell when it holds anything but plain
// characters.
func shellWord(s string) string {
	if strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-+_.,/:=@%", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
