package cli

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/align-team/align/serve"
	"github.com/align-team/align/store"
	"github.com/spf13/cobra"
)

// serveLong is the help text of `align serve`.
const serveLong = `Serve the terminal UI over SSH, so that every member joins the same live
review with plain ssh, nothing to install. This process holds the workspace
file for as long as it runs; stop it with ctrl+c.

Members log in with an SSH public key registered for them with
"align member key add" (password and keyboard-interactive logins are never
accepted); the key that logs in decides who they are. Facilitators (see
"align member role") control the review; members assess and watch.

The server listens on ` + serve.DefaultListen + ` (loopback only) unless --listen
says otherwise; listening on another address makes it reachable from other
machines, which the log notes with a warning. The host key is created once
beside the workspace file (` + serve.HostKeyName + `, mode 0600) and
its fingerprint is printed at start: members compare it with what ssh
shows on their first connection. Each connection is logged on standard
error as one line: time, member, key fingerprint, address, duration and
why it ended.

One member cannot take the server from the others: each member runs at most
--max-per-member sessions at once, a connection has --login-grace to log in,
and only a few connections from one address may be logging in at a time, so
a flood of idle connections never keeps a member out. Removing or
deactivating a member (on the Plan screen) ends their open sessions at once;
a change of role applies to their open sessions. SIGINT, SIGTERM and SIGHUP
stop the server in order: every session's saves finish and every member's
terminal is restored.

Because the server holds the workspace, commands that change it (such as
"align member key add") say it is in use: stop the server, register keys,
start it again. Reports (status, export, check, backup) keep working while it
runs: they read a snapshot of the last save.`

// serveCmd is `align serve`: the live review over SSH.
func (a *app) serveCmd() *cobra.Command {
	var listen, hostKey string
	var idle, grace time.Duration
	var maxSessions, perMember int
	cmd := &cobra.Command{
		Use:   "serve [--listen ADDR] [--host-key PATH] [--idle-timeout D] [--max-sessions N] [--max-per-member N] [--login-grace D]",
		Short: "Run the live review over SSH: every member joins from their own terminal",
		Long:  serveLong,
		Example: `  align member key add ana --file ana.pub   # before starting: register keys
  align serve                                # listen on ` + serve.DefaultListen + `
  ssh -p 2222 localhost                      # a member joins (from their own machine: -p 2222 HOST)
  align serve --listen 0.0.0.0:2222 --idle-timeout 1h   # reachable from the team's network
  align serve --max-per-member 1 --login-grace 20s      # one session each; slow passphrases`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkServeFlags(idle, grace, maxSessions, perMember); err != nil {
				return err
			}
			path, err := a.dbPath()
			if err != nil {
				return err
			}
			if err := mustExist(path); err != nil {
				return err
			}
			st, err := a.openWith(path, store.Options{})
			if errors.Is(err, store.ErrLocked) {
				return inUse(err, " (another align serve, or align open in a terminal); close it and try again")
			}
			if err != nil {
				return err
			}
			defer st.Close()
			if err := a.warnNoKeys(st); err != nil {
				return err
			}
			if hostKey == "" {
				hostKey = serve.DefaultHostKeyPath(path)
			}
			// SIGHUP too: closing the terminal that runs the server stops it
			// in order, restoring every member's terminal.
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
			defer stop()
			return serve.Run(ctx, serve.Config{
				Store: st, Listen: listen, HostKeyPath: hostKey,
				IdleTimeout: idle, MaxSessions: maxSessions,
				MaxPerMember: perMember, LoginGrace: grace,
				Log: a.env.Stderr, Now: a.env.Now, Advice: adviceFor,
			})
		},
	}
	f := cmd.Flags()
	f.StringVar(&listen, "listen", serve.DefaultListen, "address to listen on, HOST:PORT; beyond loopback is reachable from other machines")
	f.StringVar(&hostKey, "host-key", "", "host key file, created on first start (default "+serve.HostKeyName+" beside the workspace)")
	f.DurationVar(&idle, "idle-timeout", serve.DefaultIdleTimeout, "close a session after this long without input")
	f.IntVar(&maxSessions, "max-sessions", serve.DefaultMaxSessions, "most terminal sessions at once")
	f.IntVar(&perMember, "max-per-member", serve.DefaultMaxPerMember, "most terminal sessions one member may run at once, across connections")
	f.DurationVar(&grace, "login-grace", serve.DefaultLoginGrace, "time a connection has to log in before it is closed")
	return cmd
}

// checkServeFlags refuses durations and caps that cannot work.
func checkServeFlags(idle, grace time.Duration, maxSessions, perMember int) error {
	switch {
	case idle <= 0:
		return fmt.Errorf("--idle-timeout %s must be positive, such as 30m or 1h", idle)
	case maxSessions < 1:
		return fmt.Errorf("--max-sessions %d must be at least 1", maxSessions)
	case perMember < 1:
		return fmt.Errorf("--max-per-member %d must be at least 1", perMember)
	case grace <= 0:
		return fmt.Errorf("--login-grace %s must be positive, such as 10s", grace)
	}
	return nil
}

// warnNoKeys tells the facilitator, before serving, when nobody could log in.
func (a *app) warnNoKeys(st *store.Store) error {
	ms, err := liveMembers(st)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if m.Active && len(serve.MemberKeys(m)) > 0 {
			return nil
		}
	}
	a.hint("note: no active member has a registered SSH key yet, so nobody can log in; stop the server and run `align member key add HANDLE --file KEY.pub`")
	return nil
}
