// Package cli is align's command line: a cobra command tree over the store,
// the analysis and the exports. Every command that changes data opens the
// workspace writable for the one transaction it needs; reports open it
// read-only. Errors come back as one sentence the user can act on, and main
// prints them once.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Env is everything a run of align takes from its surroundings, so that tests
// can run the whole command tree in-process with their own streams and clock.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Getenv reads an environment variable; nil means os.Getenv.
	Getenv func(string) string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Execute runs align with args on the process's own streams and environment.
func Execute(ctx context.Context, args ...string) error {
	return Run(ctx, Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}, args)
}

// Run runs align with args in env. The returned error is meant to be printed
// as it is, after "align: ", on standard error.
func Run(ctx context.Context, env Env, args []string) error {
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	if env.Now == nil {
		env.Now = time.Now
	}
	if env.Stdin == nil {
		env.Stdin = os.Stdin
	}
	if env.Stdout == nil {
		env.Stdout = io.Discard
	}
	if env.Stderr == nil {
		env.Stderr = io.Discard
	}
	a := &app{env: env}
	root := a.rootCmd()
	root.SetArgs(args)
	return oneLineError(fileAdvice(root.ExecuteContext(ctx)))
}

// oneLineError folds cobra's multi-line "Did you mean this?" suggestion
// into the sentence, so that every error is one line on stderr.
func oneLineError(err error) error {
	if err == nil || !strings.Contains(err.Error(), "\n") {
		return err
	}
	msg, rest, _ := strings.Cut(err.Error(), "\n")
	if _, sugg, ok := strings.Cut(rest, "Did you mean this?"); ok {
		return fmt.Errorf("%s; did you mean %s? (see align --help)", msg, strings.Join(strings.Fields(sugg), " or "))
	}
	return errors.New(strings.Join(strings.Fields(err.Error()), " "))
}

// app carries the environment and the root's persistent flags to every
// command of one run.
type app struct {
	env    Env
	dbFlag string
	asFlag string
}

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "align",
		Short: "Sprint reviews that surface where the team disagrees",
		Long: `align helps a product team review a sprint. Before the review every member
privately estimates each objective's progress; in the review align ranks the
objectives by how much the team disagrees and records what it agreed.

Run "align" alone in a terminal to open the terminal UI; when standard input
or output is not a terminal it prints "align status" instead.

The workspace file is --db, else $ALIGN_DB, else
$XDG_DATA_HOME/align/align.db (~/.local/share/align/align.db).`,
		Example: `  align demo                      # try a sample team in a throw-away workspace
  align init --team "Checkout"    # start your own workspace
  align --as ana                  # open the terminal UI as member ana`,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE:          a.runRoot,
	}
	root.SetIn(a.env.Stdin)
	root.SetOut(a.env.Stdout)
	root.SetErr(a.env.Stderr)
	root.SetFlagErrorFunc(flagError)

	pf := root.PersistentFlags()
	pf.StringVar(&a.dbFlag, "db", "", "workspace file (default $ALIGN_DB, else the XDG data directory)")
	pf.StringVar(&a.asFlag, "as", "", "act as the member with this handle (default $ALIGN_MEMBER)")

	root.AddCommand(
		a.initCmd(),
		a.memberCmd(),
		a.goalCmd(),
		a.sprintCmd(),
		a.objectiveCmd(),
		a.storyCmd(),
		a.assessCmd(),
		a.agreeCmd(),
		a.outcomeCmd(),
		a.noteCmd(),
		a.actionCmd(),
		a.roundCmd(),
		a.statusCmd(),
		a.remindCmd(),
		a.exportCmd(),
		a.importCmd(),
		a.backupCmd(),
		a.checkCmd(),
		a.configCmd(),
		a.orgCmd(),
		a.rollupCmd(),
		a.demoCmd(),
		a.serveCmd(),
		a.versionCmd(),
	)
	// Cobra adds its completion command lazily; add it now so that an
	// unknown shell is an error like any other unknown subcommand.
	root.InitDefaultCompletionCmd()
	a.addJSON(root)
	a.registerCompletions(root)
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			group(c)
		}
	}
	return root
}

// runRoot opens the terminal UI on a terminal and prints status otherwise.
func (a *app) runRoot(cmd *cobra.Command, _ []string) error {
	if !a.interactive() {
		if err := a.checkMember(); err != nil {
			return err // --as zed piped is the same error as on a terminal
		}
		return a.printStatus("current")
	}
	st, err := a.openTUI()
	if err != nil {
		return err
	}
	defer st.Close()
	defer a.warnAutoBackup(st) // after the terminal is restored
	me, _, err := a.actingMember(st)
	if err != nil {
		return err
	}
	return runTUI(st, me.ID, a.env.Stdin, a.env.Stdout)
}

// interactive reports whether both standard input and output are terminals.
func (a *app) interactive() bool {
	return isTerminal(a.env.Stdin) && isTerminal(a.env.Stdout)
}

func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	if !ok {
		return false
	}
	return isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
}

// now returns the current time from the run's clock.
func (a *app) now() time.Time { return a.env.Now() }

// out is where a command's results go.
func (a *app) out() io.Writer { return a.env.Stdout }

// group adds subs to cmd and makes cmd print its help when called alone,
// and reject an unknown subcommand with suggestions.
func group(cmd *cobra.Command, subs ...*cobra.Command) *cobra.Command {
	cmd.AddCommand(subs...)
	cmd.Args = cobra.ArbitraryArgs
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			return cmd.Help()
		}
		msg := fmt.Sprintf("unknown command %q for %q", args[0], cmd.CommandPath())
		if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
			return fmt.Errorf("%s; did you mean %s? (see %s --help)", msg, strings.Join(s, " or "), cmd.CommandPath())
		}
		return fmt.Errorf("%s (see %s --help)", msg, cmd.CommandPath())
	}
	return cmd
}

// noArgs rejects positional arguments with the command's usage line.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return fmt.Errorf("%s takes no arguments, got %q (usage: %s)", cmd.CommandPath(), args[0], cmd.UseLine())
	}
	return nil
}

// needArgs accepts exactly the named positional arguments, naming the first
// missing one or the first extra one.
func needArgs(names ...string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < len(names) {
			return fmt.Errorf("%s needs %s (usage: %s)", cmd.CommandPath(), names[len(args)], cmd.UseLine())
		}
		if len(args) > len(names) {
			if extra := args[len(names)]; strings.HasPrefix(extra, "-") && cmd.ArgsLenAtDash() >= 0 {
				return fmt.Errorf("%s got %q after --, where everything is text, not a flag: put the flags before -- (%s [flags] -- %s)",
					cmd.CommandPath(), extra, cmd.CommandPath(), shellWord(args[0]))
			}
			return fmt.Errorf("%s got an unexpected argument %q; quote values that contain spaces (usage: %s)",
				cmd.CommandPath(), args[len(names)], cmd.UseLine())
		}
		return nil
	}
}

// flagError turns pflag's parse errors into one plain sentence.
func flagError(cmd *cobra.Command, err error) error {
	var inv *pflag.InvalidValueError
	if errors.As(err, &inv) {
		f := inv.GetFlag()
		what := "a valid value"
		switch f.Value.Type() {
		case "int", "int64":
			what = "a whole number"
		case "uint", "uint64":
			what = "a whole number of 0 or more"
		case "bool":
			what = "true or false"
		}
		return fmt.Errorf("--%s %q is not %s (see %s --help)", f.Name, inv.GetValue(), what, cmd.CommandPath())
	}
	if text := textLikeFlag(cmd, err); text != nil {
		return text
	}
	return fmt.Errorf("%v (see %s --help)", err, cmd.CommandPath())
}
