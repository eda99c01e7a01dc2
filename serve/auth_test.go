package serve

import (
	"encoding/base64"
	"io"
	"strings"
	"sync/atomic"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

func TestServer_Auth_UnknownKeyRefusedWithMessage(t *testing.T) {
	st := newTestStore(t)
	register(t, st, "jonas", testKey(t, 1).PublicKey())
	ts := startServer(t, st, Config{})
	stranger := testKey(t, 99)

	var told []string
	_, err := ts.dial("jonas",
		gossh.PublicKeys(stranger),
		// OpenSSH retries keyboard-interactive three times; the line shows once.
		gossh.RetryableAuthMethod(gossh.KeyboardInteractive(func(name, instruction string, questions []string, echos []bool) ([]string, error) {
			told = append(told, instruction)
			return make([]string, len(questions)), nil
		}), 3))
	if err == nil {
		t.Fatal("an unknown key logged in")
	}
	if len(told) != 1 || told[0] != refusalMessage {
		t.Fatalf("client was told %q, want the one-line refusal %q", told, refusalMessage)
	}
	if strings.Contains(refusalMessage, "\n") || !strings.Contains(refusalMessage, "align member key add") {
		t.Errorf("refusal %q must be one line naming `align member key add`", refusalMessage)
	}
	// A client that only does publickey is refused as well.
	if _, err := ts.dial("jonas", gossh.PublicKeys(stranger)); err == nil {
		t.Fatal("an unknown key logged in with publickey alone")
	}
	fp := gossh.FingerprintSHA256(stranger.PublicKey())
	ts.waitLog(t, "member=- key=- remote=127.0.0.1:", `end="refused: key not registered (offered `+fp+`)"`)
}

func TestServer_Auth_PasswordAndKeyboardInteractiveRefused(t *testing.T) {
	st := newTestStore(t)
	register(t, st, "jonas", testKey(t, 1).PublicKey())
	ts := startServer(t, st, Config{})
	tests := []struct {
		name string
		auth gossh.AuthMethod
	}{
		{"password", gossh.Password("jonas")},
		{"empty password", gossh.Password("")},
		{"keyboard-interactive", gossh.KeyboardInteractive(func(_, _ string, qs []string, _ []bool) ([]string, error) {
			answers := make([]string, len(qs))
			for i := range answers {
				answers[i] = "jonas"
			}
			return answers, nil
		})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, user := range []string{"jonas", "root", ""} {
				if c, err := ts.dial(user, tt.auth); err == nil {
					c.Close()
					t.Fatalf("%s login as %q succeeded", tt.name, user)
				}
			}
		})
	}
	// With no auth methods at all ("none"), nothing gets in either.
	if c, err := ts.dial("jonas"); err == nil {
		c.Close()
		t.Fatal("a login without credentials succeeded")
	}
}

// pretender offers the victim's public key without holding its private key:
// its signature is in a format that cannot match, so the server refuses that
// attempt and the client goes on to its next key. Signed records that the
// server did accept the offer (the client signs only after a yes).
type pretender struct {
	victim gossh.PublicKey
	signed atomic.Bool
}

func (p *pretender) PublicKey() gossh.PublicKey { return p.victim }

func (p *pretender) Sign(io.Reader, []byte) (*gossh.Signature, error) {
	p.signed.Store(true)
	return &gossh.Signature{Format: gossh.KeyAlgoRSA, Blob: []byte("not the victim's signature")}, nil
}

func TestServer_Auth_VictimKeyFirstLandsAsSelf(t *testing.T) {
	st := newTestStore(t)
	victim := testKey(t, 1)   // priya, a facilitator
	attacker := testKey(t, 2) // jonas, a member
	outsider := testKey(t, 3) // nobody's
	register(t, st, "priya", victim.PublicKey())
	register(t, st, "jonas", attacker.PublicKey())
	ts := startServer(t, st, Config{})

	t.Run("registered attacker is itself", func(t *testing.T) {
		fake := &pretender{victim: victim.PublicKey()}
		c, err := ts.dial("priya", gossh.PublicKeys(fake, attacker))
		if err != nil {
			t.Fatalf("login with own key after the victim's offer refused: %v", err)
		}
		defer c.Close()
		if !fake.signed.Load() {
			t.Fatal("the server never accepted the victim key's offer: the test did not exercise the query step")
		}
		term := openTerminal(t, c, nil)
		term.waitFor("(jonas)")
		if strings.Contains(term.raw(), "(priya)") {
			t.Fatal("the session showed the victim's handle")
		}
		term.press("q")
		if code := term.wait(); code != 0 {
			t.Fatalf("exit status %d; stderr %s", code, term.stderr.String())
		}
	})
	t.Run("unregistered attacker is refused", func(t *testing.T) {
		fake := &pretender{victim: victim.PublicKey()}
		if c, err := ts.dial("priya", gossh.PublicKeys(fake, outsider)); err == nil {
			c.Close()
			t.Fatal("an outsider who offered the victim's key logged in")
		}
		if !fake.signed.Load() {
			t.Fatal("the server never accepted the victim key's offer")
		}
	})
	log := ts.waitLog(t, "member=jonas key="+gossh.FingerprintSHA256(attacker.PublicKey()))
	if strings.Contains(log, "member=priya") {
		t.Errorf("the log names the victim:\n%s", log)
	}
}

func TestServer_Session_RegisteredKeyLandsAsMember(t *testing.T) {
	st := newTestStore(t)
	key := testKey(t, 1)
	register(t, st, "jonas", key.PublicKey())
	ts := startServer(t, st, Config{})

	c := ts.login(t, key)
	term := openTerminal(t, c, nil)
	term.waitFor("Assessing as Jonas Weber (jonas)")
	term.press("q")
	if code := term.wait(); code != 0 {
		t.Fatalf("exit status %d; stderr %s", code, term.stderr.String())
	}
	c.Close()
	fp := gossh.FingerprintSHA256(key.PublicKey())
	log := ts.waitLog(t, "member=jonas key="+fp+" remote=127.0.0.1:", `end="quit"`)
	if b64 := base64.StdEncoding.EncodeToString(key.PublicKey().Marshal()); strings.Contains(log, b64) || strings.Contains(log, b64[:20]) {
		t.Errorf("the log holds key material:\n%s", log)
	}
}

func TestServer_Auth_RemovedMemberRefused(t *testing.T) {
	st := newTestStore(t)
	key := testKey(t, 1)
	m := register(t, st, "jonas", key.PublicKey())
	ts := startServer(t, st, Config{})
	m.Active = false
	if _, err := st.SaveMember(m); err != nil {
		t.Fatal(err)
	}
	if c, err := ts.dial("jonas", gossh.PublicKeys(key)); err == nil {
		c.Close()
		t.Fatal("a removed member logged in")
	}
}

func TestServer_Auth_NoForwarding(t *testing.T) {
	st := newTestStore(t)
	key := testKey(t, 1)
	register(t, st, "jonas", key.PublicKey())
	ts := startServer(t, st, Config{})
	c := ts.login(t, key)
	if conn, err := c.Dial("tcp", ts.addr); err == nil {
		conn.Close()
		t.Error("a member opened a forwarded connection through the server")
	}
	if ln, err := c.Listen("tcp", "127.0.0.1:0"); err == nil {
		ln.Close()
		t.Error("a member opened a remote forward on the server")
	}
	if ok, _, err := c.SendRequest("tcpip-forward", true, nil); err == nil && ok {
		t.Error("the server accepted tcpip-forward")
	}
}
