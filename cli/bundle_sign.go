package cli

// Signing bundles: a detached SSH signature (the format of ssh-keygen -Y
// sign and git's SSH signing) in FILE.sig beside the bundle.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"

	"github.com/align-team/align/model"
	"github.com/align-team/align/serve"
	"github.com/align-team/align/store"
	"github.com/hiddeco/sshsig"
	gossh "golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"
)

// sigNamespace is the SSH signature namespace of align bundles, so that a
// signature made for git, for e-mail or for anything else never passes for
// a bundle's, and one of a bundle's never passes elsewhere.
const sigNamespace = "align-bundle"

// sigSuffix names a bundle's detached signature: FILE.sig.
const sigSuffix = ".sig"

// maxSigSize is far above any SSH signature (an RSA-16384 one is ~5 KiB).
const maxSigSize = 64 << 10

// setSigningKey checks and stores the signing-key setting: empty clears it;
// otherwise it must be a readable private key without a passphrase
// (passphrase-protected keys sign through ssh-agent).
func setSigningKey(w *store.Workspace, v string) error {
	v = strings.TrimSpace(v)
	if v == "" {
		w.Settings.SigningKey = ""
		return nil
	}
	abs, err := filepath.Abs(v)
	if err != nil {
		return fmt.Errorf("signing-key %q: %v", v, err)
	}
	if _, err := loadKeyFile(abs); err != nil {
		return err
	}
	w.Settings.SigningKey = abs
	return nil
}

// loadKeyFile reads a private SSH key for signing.
func loadKeyFile(path string) (gossh.Signer, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("signing key %s: cannot read it: %v", path, unwrapPath(err))
	}
	if _, _, _, _, perr := gossh.ParseAuthorizedKey(data); perr == nil {
		return nil, fmt.Errorf("signing key %s is a public key; give the private key (the file without .pub)", path)
	}
	s, err := gossh.ParsePrivateKey(data)
	var pass *gossh.PassphraseMissingError
	switch {
	case errors.As(err, &pass):
		return nil, fmt.Errorf("signing key %s is protected by a passphrase; add it to ssh-agent (ssh-add %s) and clear the setting (align config signing-key \"\"), align then signs through the agent", path, path)
	case err != nil:
		return nil, fmt.Errorf("signing key %s is not a private SSH key: %v", path, err)
	}
	return s, nil
}

// bundleSigner finds the key to sign author's bundle with: the configured
// key file, which must be one of author's registered keys; else the first
// key in the running ssh-agent that is. ok is false when there is none
// (no key file configured, and no agent or no matching key in it).
func (a *app) bundleSigner(settings model.Settings, author model.Member) (gossh.Signer, bool, error) {
	registered := map[string]bool{}
	for _, line := range author.Keys {
		if k, err := serve.ParseMemberKey(line); err == nil {
			registered[gossh.FingerprintSHA256(k.Key)] = true
		}
	}
	if settings.SigningKey != "" {
		s, err := loadKeyFile(settings.SigningKey)
		if err != nil {
			return nil, false, err
		}
		fp := gossh.FingerprintSHA256(s.PublicKey())
		if !registered[fp] {
			return nil, false, fmt.Errorf("the signing key %s (%s) is not one of %s's registered keys, so no workspace would accept its signature; register it with align member key add %s --file %s.pub",
				settings.SigningKey, fp, author.Handle, author.Handle, settings.SigningKey)
		}
		return s, true, nil
	}
	if len(registered) == 0 {
		return nil, false, nil
	}
	signers, conn := a.agentSigners()
	if conn == nil {
		return nil, false, nil
	}
	for _, s := range signers {
		if registered[gossh.FingerprintSHA256(s.PublicKey())] {
			return agentSigner{Signer: s, conn: conn}, true, nil
		}
	}
	conn.Close()
	return nil, false, nil
}

// agentSigners lists the keys of the running ssh-agent ($SSH_AUTH_SOCK);
// conn is nil when there is no agent to ask. The caller closes conn.
func (a *app) agentSigners() ([]gossh.Signer, net.Conn) {
	sock := a.env.Getenv("SSH_AUTH_SOCK")
	if sock == "" {
		return nil, nil
	}
	conn, err := net.Dial("unix", sock)
	if err != nil {
		return nil, nil
	}
	signers, err := agent.NewClient(conn).Signers()
	if err != nil {
		conn.Close()
		return nil, nil
	}
	return signers, conn
}

// agentSigner keeps the agent connection open until the signature is made.
type agentSigner struct {
	gossh.Signer
	conn net.Conn
}

// signBundle signs data with s in align's namespace and returns the
// armored signature, as ssh-keygen -Y sign writes it.
func signBundle(data []byte, s gossh.Signer) ([]byte, error) {
	return signIn(data, s, sigNamespace, "the bundle")
}

// signBundleFrom is signBundle over the bytes r reads to its end.
func signBundleFrom(r io.Reader, s gossh.Signer) ([]byte, error) {
	return signReaderIn(r, s, sigNamespace, "the bundle")
}

// signIn signs data with s in namespace ns (what names the file in an
// error) and returns the armored signature.
func signIn(data []byte, s gossh.Signer, ns, what string) ([]byte, error) {
	return signReaderIn(bytes.NewReader(data), s, ns, what)
}

// signReaderIn is signIn over the bytes r reads to its end.
func signReaderIn(r io.Reader, s gossh.Signer, ns, what string) ([]byte, error) {
	if as, ok := s.(agentSigner); ok {
		defer as.conn.Close()
		s = as.Signer
	}
	sig, err := sshsig.Sign(r, s, sshsig.HashSHA512, ns)
	if err != nil {
		return nil, fmt.Errorf("cannot sign %s: %v", what, err)
	}
	return sshsig.Armor(sig), nil
}

// checkSigIn checks that sig, made in namespace ns, is over data's exact
// bytes.
func checkSigIn(data []byte, sig *sshsig.Signature, ns, what string) error {
	if sig.Namespace != ns {
		return fmt.Errorf("the signature was made for %q, not for %s (%q)", sig.Namespace, what, ns)
	}
	if err := sshsig.Verify(bytes.NewReader(data), sig, sig.PublicKey, sig.HashAlgorithm, ns); err != nil {
		return errors.New("the signature does not match the file's bytes: the file was changed after it was signed, or the signature belongs to another file")
	}
	return nil
}

// keyFingerprint returns a registered key line's SHA256 fingerprint, or
// the line abbreviated when it does not parse.
func keyFingerprint(line string) string {
	if k, ok := model.ParseKeyLine(line); ok {
		return k.String()
	}
	return "an unreadable key"
}

// fingerprintOf is a key's SHA256 fingerprint, as ssh-keygen -l prints it.
func fingerprintOf(pub gossh.PublicKey) string { return gossh.FingerprintSHA256(pub) }
