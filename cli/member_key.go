package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/align-team/align/export"
	"github.com/align-team/align/model"
	"github.com/align-team/align/serve"
	"github.com/align-team/align/store"
	"github.com/spf13/cobra"
)

// maxKeyFile bounds what --file reads: a public key is a few hundred bytes.
const maxKeyFile = 64 << 10

// memberKeyCmd is `align member key`: the SSH keys members log in with.
func (a *app) memberKeyCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "key",
		Short: "Register the SSH keys members log in to align serve with",
		Long: `Register, list and remove the SSH public keys that members log in to
"align serve" with. A key belongs to one member; a member may have several
(one per machine). Changes need the workspace file, so make them while the
server is stopped.`,
		Example: `  align member key add ana --file ana_id_ed25519.pub
  align member key add bo "ssh-ed25519 AAAAC3Nza… bo@laptop"
  align member key list
  align member key rm ana 1`,
	}
	return group(cmd, a.memberKeyAddCmd(), a.memberKeyListCmd(), a.memberKeyRmCmd())
}

func (a *app) memberKeyAddCmd() *cobra.Command {
	var file string
	cmd := &cobra.Command{
		Use:   "add HANDLE (KEY | --file PATH)",
		Short: "Register an SSH public key for a member",
		Long: `Register an SSH public key for a member, given as the one line of their
.pub file ("ssh-ed25519 AAAA… comment"), or with --file PATH (- reads
standard input). The key must not belong to anyone else. Certificates, key
options, DSA keys and RSA keys under 2048 bits are refused. Prints the key's
SHA256 fingerprint.`,
		Example: `  align member key add ana --file ana_id_ed25519.pub
  align member key add bo "ssh-ed25519 AAAAC3Nza… bo@laptop"
  cat bo.pub | align member key add bo --file -`,
		Args: func(cmd *cobra.Command, args []string) error {
			switch {
			case len(args) == 0:
				return fmt.Errorf("%s needs HANDLE (usage: %s)", cmd.CommandPath(), cmd.UseLine())
			case len(args) == 1 && file == "":
				return fmt.Errorf("%s needs the key, or --file PATH (usage: %s)", cmd.CommandPath(), cmd.UseLine())
			case len(args) > 1 && file != "":
				return fmt.Errorf("give the key either as an argument or with --file, not both (usage: %s)", cmd.UseLine())
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			text := strings.Join(args[1:], " ")
			if file != "" {
				var err error
				if text, err = a.readKeyFile(file); err != nil {
					return err
				}
			}
			key, err := serve.ParseMemberKey(text)
			if err != nil {
				return err
			}
			st, m, ms, err := a.keyMember(args[0])
			if err != nil {
				return err
			}
			defer st.Close()
			if err := keyTaken(ms, m, key); err != nil {
				return err
			}
			m.Keys = append(append([]string(nil), m.Keys...), key.Line)
			m.Touch(a.now())
			if _, err := st.SaveMember(m); err != nil {
				return writeError(err)
			}
			fmt.Fprintf(a.out(), "Registered %s key %s for %s (%s).\n",
				key.Key.Type(), key.Fingerprint(), m.Handle, export.Plural(len(m.Keys), "key", "keys"))
			if !m.Active {
				a.hint("note: %s was removed from the team and cannot log in until added again with `align member add`", m.Handle)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&file, "file", "", "read the key from this .pub file (- for standard input)")
	return cmd
}

// readKeyFile reads the one key in path (or standard input for "-"),
// skipping blank lines and # comments.
func (a *app) readKeyFile(path string) (string, error) {
	var r io.Reader
	if path == "-" {
		r = a.env.Stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			return "", fmt.Errorf("cannot read the key file %s: %v", path, unwrapPath(err))
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxKeyFile+1))
	if err != nil {
		return "", fmt.Errorf("cannot read the key file %s: %v", path, unwrapPath(err))
	}
	if len(data) > maxKeyFile {
		return "", fmt.Errorf("%s is larger than %d KiB: that is not a public key file", path, maxKeyFile>>10)
	}
	if strings.Contains(string(data), "PRIVATE KEY") {
		return "", fmt.Errorf("%s is a PRIVATE key: never share it; give the public key (%s.pub) instead", path, path)
	}
	var lines []string
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	switch len(lines) {
	case 0:
		return "", fmt.Errorf("%s holds no key", path)
	case 1:
		return lines[0], nil
	}
	return "", fmt.Errorf("%s holds %d keys; add them one at a time", path, len(lines))
}

// keyTaken refuses a key that m or another member already registered.
func keyTaken(ms []model.Member, m model.Member, key serve.MemberKey) error {
	for _, o := range ms {
		for _, k := range serve.MemberKeys(o) {
			if !serve.SameKey(k.Key, key.Key) {
				continue
			}
			if o.ID == m.ID {
				return fmt.Errorf("%s already has the key %s", m.Handle, key.Fingerprint())
			}
			return fmt.Errorf("the key %s already belongs to %s; a key may identify one member only", key.Fingerprint(), o.Handle)
		}
	}
	return nil
}

func (a *app) memberKeyListCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "list [HANDLE]",
		Short: "List registered SSH keys with their fingerprints",
		Example: `  align member key list
  align member key list ana`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := a.open(true)
			if err != nil {
				return err
			}
			defer st.Close()
			ms, err := liveMembers(st)
			if err != nil {
				return err
			}
			if len(args) == 1 {
				m, err := resolveMember(args[0], ms)
				if err != nil {
					return err
				}
				ms = []model.Member{m}
			}
			w := table(a.out())
			n := 0
			for _, m := range ms {
				for i, line := range m.Keys {
					if n == 0 {
						fmt.Fprintln(w, "HANDLE\t#\tTYPE\tFINGERPRINT\tCOMMENT")
					}
					n++
					typ, fp, comment := "?", "(unreadable key)", ""
					if k, err := serve.ParseMemberKey(line); err == nil {
						typ, fp, comment = k.Key.Type(), k.Fingerprint(), k.Comment
					}
					fmt.Fprintf(w, "%s\t%d\t%s\t%s\t%s\n", m.Handle, i+1, typ, fp, comment)
				}
			}
			if n == 0 {
				a.hint("no registered keys; add one with `align member key add HANDLE --file KEY.pub`")
				return nil
			}
			return w.Flush()
		},
	}
}

func (a *app) memberKeyRmCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "rm HANDLE FINGERPRINT|INDEX",
		Short: "Remove one of a member's SSH keys",
		Long: `Remove one of a member's SSH keys, named by its SHA256 fingerprint or by
its number in "align member key list HANDLE".`,
		Example: `  align member key rm ana 1
  align member key rm ana SHA256:3q2+7w…`,
		Args: needArgs("HANDLE", "FINGERPRINT|INDEX"),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, m, _, err := a.keyMember(args[0])
			if err != nil {
				return err
			}
			defer st.Close()
			i, err := findKey(m, args[1])
			if err != nil {
				return err
			}
			removed := m.Keys[i]
			m.Keys = append(append([]string(nil), m.Keys[:i]...), m.Keys[i+1:]...)
			m.Touch(a.now())
			if _, err := st.SaveMember(m); err != nil {
				return writeError(err)
			}
			what := fmt.Sprintf("key %d", i+1)
			if k, err := serve.ParseMemberKey(removed); err == nil {
				what = "key " + k.Fingerprint()
			}
			fmt.Fprintf(a.out(), "Removed %s from %s (%s left).\n", what, m.Handle, export.Plural(len(m.Keys), "key", "keys"))
			return nil
		},
	}
}

// findKey returns the index of m's key named by ref: a 1-based number or a
// SHA256 fingerprint (the "SHA256:" prefix may be left out).
func findKey(m model.Member, ref string) (int, error) {
	if len(m.Keys) == 0 {
		return 0, fmt.Errorf("%s has no registered keys", m.Handle)
	}
	if n, err := strconv.Atoi(ref); err == nil {
		if n < 1 || n > len(m.Keys) {
			return 0, fmt.Errorf("%s has keys 1 to %d, not %d; see `align member key list %s`", m.Handle, len(m.Keys), n, m.Handle)
		}
		return n - 1, nil
	}
	want := "SHA256:" + strings.TrimPrefix(ref, "SHA256:")
	for i, line := range m.Keys {
		if k, err := serve.ParseMemberKey(line); err == nil && k.Fingerprint() == want {
			return i, nil
		}
	}
	return 0, fmt.Errorf("%s has no key with the fingerprint %s; see `align member key list %s`", m.Handle, want, m.Handle)
}

// memberRoleCmd is `align member role HANDLE facilitator|member`.
func (a *app) memberRoleCmd() *cobra.Command {
	var noEstimates bool
	cmd := &cobra.Command{
		Use:   "role HANDLE facilitator|member",
		Short: "Make a member a facilitator, or a member again",
		Long: `Set a member's role. Facilitators control the review in "align serve":
reveal, agreed values, notes, action items and the sprint's state; members
assess and watch. The local terminal UI always facilitates.

A facilitator who runs the review without estimating takes --no-estimates:
they are then not expected to assess, so they are left out of "submitted"
counts, the missing lists, align remind, participation and the member picker.
Setting the role again without the flag makes them estimate again.`,
		Example: `  align member role priya facilitator
  align member role hana facilitator --no-estimates
  align member role jonas member`,
		Args: needArgs("HANDLE", "facilitator|member"),
		RunE: func(cmd *cobra.Command, args []string) error {
			var facilitator bool
			switch strings.ToLower(args[1]) {
			case "facilitator":
				facilitator = true
			case "member":
				if noEstimates {
					return fmt.Errorf("--no-estimates is for a facilitator who does not estimate; a member who should not assess can be removed with `align member rm %s`", args[0])
				}
			default:
				return fmt.Errorf("role %q is not a role; use facilitator or member", args[1])
			}
			st, m, _, err := a.keyMember(args[0])
			if err != nil {
				return err
			}
			defer st.Close()
			role := roleWords(facilitator, noEstimates)
			if m.Facilitator == facilitator && m.NoEstimates == noEstimates {
				fmt.Fprintf(a.out(), "%s is already %s.\n", m.Handle, role)
				return nil
			}
			m.Facilitator, m.NoEstimates = facilitator, noEstimates
			m.Touch(a.now())
			if _, err := st.SaveMember(m); err != nil {
				return writeError(err)
			}
			fmt.Fprintf(a.out(), "%s is now %s.\n", m.Handle, role)
			return nil
		},
	}
	cmd.Flags().BoolVar(&noEstimates, "no-estimates", false, "the facilitator runs the review without estimating (not expected to assess)")
	return cmd
}

// roleWords says a role in a sentence: "a facilitator who does not
// estimate".
func roleWords(facilitator, noEstimates bool) string {
	switch {
	case facilitator && noEstimates:
		return "a facilitator who does not estimate"
	case facilitator:
		return "a facilitator"
	}
	return "a member (not a facilitator)"
}

// keyMember opens the workspace for writing and finds the member with
// handle h among the live members, which it returns too. The lock is explained in the terms of align serve, which is the
// usual holder when keys and roles change.
func (a *app) keyMember(h string) (*store.Store, model.Member, []model.Member, error) {
	st, err := a.open(false)
	if errors.Is(err, store.ErrLocked) {
		return nil, model.Member{}, nil, inUse(err, "; if `align serve` is running, stop it (ctrl+c), make the change, and start it again")
	}
	if err != nil {
		return nil, model.Member{}, nil, err
	}
	ms, err := liveMembers(st)
	if err == nil {
		var m model.Member
		if m, err = resolveMember(h, ms); err == nil {
			return st, m, ms, nil
		}
	}
	st.Close()
	return nil, model.Member{}, nil, err
}
